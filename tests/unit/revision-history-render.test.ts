import { NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RevisionHistory } from "@/components/plans/RevisionHistory";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import type { ComponentProps } from "react";

const revision = {
  id: 1,
  version: 2,
  action: "UPDATE",
  actorName: "张科普",
  actorUsername: "kxadmin",
  changedAt: new Date("2026-11-23T05:00:00Z"),
  before: JSON.stringify({ title: "评估", reportingCycle: "ANNUAL", archived: false, lead: ["市科协"] }),
  after: JSON.stringify({ title: "评估", reportingCycle: "QUARTERLY", archived: true, lead: ["市科协", "市教育局"] }),
};

function render(locale: "zh-CN" | "en") {
  const messages = (locale === "en" ? en : zhCN) as AbstractIntlMessages;
  const html = renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      // Children go as the third argument; the props type names them too, hence the assertion.
      { locale, messages, timeZone: "Asia/Shanghai" } as ComponentProps<typeof NextIntlClientProvider>,
      createElement(RevisionHistory, { revisions: [revision] }),
    ),
  );
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("the work-item history", () => {
  it("shows recorded codes and booleans in words, never QUARTERLY or true/false", () => {
    const zh = render("zh-CN");
    expect(zh).toContain("报送周期 每年 每季度");
    expect(zh).toContain("已归档 否 是");
    expect(zh).toContain("市科协、市教育局");
    expect(zh).not.toMatch(/QUARTERLY|ANNUAL|true|false/);
    const english = render("en");
    expect(english).toContain("Reporting cycle Annual Quarterly");
    expect(english).toContain("Archived No Yes");
    expect(english).not.toMatch(/QUARTERLY|ANNUAL|true|false/);
  });
});
