import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LiteracyChart } from "@/components/outputs/LiteracyChart";
import { StackedCountChart } from "@/components/outputs/StackedCountChart";

// Server-render smoke test: the chart itself needs measuring (nothing renders on the server),
// but the caption, summary, toggle and the table equivalent must all be in the HTML.

function decode(html: string): string {
  return html
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
}

describe("LiteracyChart (server render)", () => {
  const html = decode(
    renderToString(
      createElement(LiteracyChart, {
        id: "lit",
        title: "T-title",
        summary: "S-summary sentence",
        labels: {
          year: "L-year",
          actual: "L-actual",
          target: "L-target",
          expected: "L-expected",
          percentUnit: "%",
          showTable: "L-show-table",
          showChart: "L-show-chart",
          tableCaption: "L-caption",
          noValue: "L-none",
        },
        points: [
          { year: 2020, actual: 18.5, target: null, expected: 18.5 },
          { year: 2022, actual: 21.25, target: null, expected: 20.8 },
          { year: 2025, actual: null, target: 25, expected: 25 },
        ],
      }),
    ),
  );

  it("renders figure, caption, summary and toggle", () => {
    expect(html).toMatch(/<figure[^>]*id="lit"/);
    expect(html).toMatch(/<figcaption[^>]*>.*T-title.*<p[^>]*>S-summary sentence<\/p>.*<\/figcaption>/s);
    expect(html).toMatch(/<button[^>]*>L-show-table<\/button>/);
    expect(html).not.toContain("L-show-chart");
    expect(html).toMatch(/role="img"[^>]*aria-label="S-summary sentence"|aria-label="S-summary sentence"[^>]*role="img"/);
  });

  it("renders the table equivalent, visually hidden but printable", () => {
    expect(html).toMatch(/<div[^>]*id="lit-table"[^>]*class="[^"]*sr-only[^"]*print:block/);
    expect(html).toContain("<caption");
    expect(html).toContain("L-caption");
    for (const header of ["L-year", "L-actual", "L-expected", "L-target"]) expect(html).toContain(`>${header}</th>`);
    expect(html.match(/<tbody>.*<\/tbody>/s)?.[0].match(/<tr/g)).toHaveLength(3);
    expect(html).toContain(">18.5%<");
    expect(html).toContain(">21.3%<");
    expect(html).toContain(">20.8%<");
    expect(html).toContain(">25.0%<");
    expect(html.match(/>L-none</g)).toHaveLength(3);
  });
});

describe("StackedCountChart (server render)", () => {
  const render = (total?: string) =>
    decode(
      renderToString(
        createElement(StackedCountChart, {
          id: "stk",
          title: "T-stacked",
          summary: "S-stacked",
          labels: {
            category: "L-category",
            showTable: "L-table",
            showChart: "L-chart",
            tableCaption: "L-cap",
            ...(total ? { total } : {}),
          },
          series: [
            { key: "late", label: "L-late", color: "red" },
            { key: "risk", label: "L-risk", color: "amber" },
            { key: "ok", label: "L-ok", color: "green" },
          ],
          rows: [
            { name: "Row A", values: { late: 1, risk: 2, ok: 3 } },
            { name: "Row B", values: { late: 0, ok: 5 } },
          ],
        }),
      ),
    );

  it("renders caption, summary, toggle and table with totals", () => {
    const html = render();
    expect(html).toContain("T-stacked");
    expect(html).toMatch(/<p[^>]*>S-stacked<\/p>/);
    expect(html).toMatch(/<button[^>]*>L-table<\/button>/);
    expect(html).toContain("L-cap");
    for (const header of ["L-category", "L-late", "L-risk", "L-ok", "Σ"]) expect(html).toContain(`>${header}</th>`);
    const body = html.match(/<tbody>.*<\/tbody>/s)?.[0] ?? "";
    expect(body.match(/<tr/g)).toHaveLength(2);
    expect(body).toMatch(/Row A<\/th><td[^>]*>1<\/td><td[^>]*>2<\/td><td[^>]*>3<\/td><td[^>]*>6<\/td>/);
    expect(body).toMatch(/Row B<\/th><td[^>]*>0<\/td><td[^>]*>0<\/td><td[^>]*>5<\/td><td[^>]*>5<\/td>/);
  });

  it("uses the given total header", () => {
    expect(render("L-total")).toContain(">L-total</th>");
  });
});
