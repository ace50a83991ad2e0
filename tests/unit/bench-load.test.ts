import { describe, expect, it } from "vitest";
import { outcome, quarterEnd, sequence } from "@/scripts/support/load-data";
import {
  actionBody,
  findActionId,
  floorRatio,
  formatTable,
  messagesPayloadBytes,
  percentile,
  savedVersion,
  summarize,
  type Row,
} from "@/scripts/support/load-summary";

/**
 * Issue 16: the instrument behind `npm run bench:load`, checked without a server or any load —
 * its percentiles, its table, how it finds the saveReport action and what it posts to it.
 */

describe("bench:load summary", () => {
  it("takes nearest-rank percentiles", () => {
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it("summarises unsorted latencies", () => {
    expect(summarize([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p95: 40, p99: 40, max: 40 });
  });

  it("states the ratio to the static floor", () => {
    expect(floorRatio(4000, 50)).toBe("80×");
    expect(floorRatio(4000, 1000)).toBe("4.0×");
    expect(floorRatio(4000, 0)).toBe("∞");
    expect(floorRatio(0, 10)).toBe("—");
  });

  it("prints one aligned line per row with every column", () => {
    const row = (name: string, requestsPerSecond: number, latency: number[], extra: Partial<Row> = {}): Row => ({
      name,
      requestsPerSecond,
      latency: summarize(latency),
      errors: 0,
      rssMb: [310.4, 290.2],
      htmlBytes: null,
      ...extra,
    });
    const table = formatTable(
      [
        row("static asset", 4000, [2, 3, 4]),
        row("/dashboard (leader)", 50, [100, 120, 500], { errors: 3, htmlBytes: 82 * 1024, note: "(messages 19.0 KB, 23 %)" }),
      ],
      "static asset",
    );
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^row\s+req\/s\s+p50\s+p95\s+p99\s+errors\s+÷ static\s+max RSS\/process\s+HTML$/);
    expect(lines[2]).toMatch(/^static asset\s+4000\s+3\.0 ms\s+4\.0 ms\s+4\.0 ms\s+0\s+1×\s+310\/290 MB\s+—$/);
    expect(lines[3]).toMatch(
      /^\/dashboard \(leader\)\s+50\s+120 ms\s+500 ms\s+500 ms\s+3\s+80×\s+310\/290 MB\s+82\.0 KB \(messages 19\.0 KB, 23 %\)$/,
    );
    // Right-aligned figures: the req/s column ends at the same place on every line.
    expect(lines[2]!.indexOf("4000") + 4).toBe(lines[3]!.indexOf(" 50 ") + 3);
  });
});

describe("bench:load server action", () => {
  const manifest = {
    node: {
      "00aa": {
        exportedName: "reviewReportAction",
        filename: "lib/reporting/actions/reports.ts",
        workers: { "app/(portal)/reports/[id]/page": {} },
      },
      "00bb": { exportedName: "saveReportAction", filename: "lib/other/actions.ts", workers: { "app/(portal)/reports/[id]/page": {} } },
      "00cc": {
        exportedName: "saveReportAction",
        filename: "lib/reporting/actions/reports.ts",
        workers: { "app/(portal)/inbox/page": {} },
      },
      "00dd": {
        exportedName: "saveReportAction",
        filename: "lib/reporting/actions/reports.ts",
        workers: { "app/(portal)/reports/[id]/page": {} },
      },
    },
    edge: {},
  };

  it("finds saveReportAction of the reporting actions, preferring the report page's", () => {
    expect(findActionId(manifest, "saveReportAction", "lib/reporting/actions/reports.ts", "reports/[id]")).toBe("00dd");
    expect(findActionId(manifest, "saveReportAction", "lib/reporting/actions/reports.ts")).toBe("00cc");
    expect(findActionId(manifest, "reviewReportAction", "lib/reporting/actions/reports.ts")).toBe("00aa");
    expect(findActionId(manifest, "approveReportsAction", "lib/reporting/actions/reports.ts")).toBeNull();
  });

  it("posts the form fields as React's reply encoding of (previous state, FormData)", () => {
    const body = actionBody({ reportId: "12", workDone: "基准测试数据" }, "XYZ").toString("utf8");
    expect(body).toBe(
      '--XYZ\r\nContent-Disposition: form-data; name="_1_reportId"\r\n\r\n12\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="_1_workDone"\r\n\r\n基准测试数据\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null,"$K1"]\r\n' +
        "--XYZ--\r\n",
    );
  });

  it("reads the acknowledged version from the action's answer and nothing from a refusal", () => {
    expect(savedVersion('0:{"a":"$@1","f":"","b":"x"}\n1:{"ok":true,"data":{"state":"DRAFT","version":7,"repeated":false}}\n')).toBe(7);
    expect(savedVersion('1:{"ok":false,"error":"CONFLICT","message":"…","fieldErrors":{},"values":{"version":"6"}}')).toBeNull();
  });
});

describe("bench:load page weight", () => {
  it("measures the escaped next-intl message object in the RSC payload, braces of placeholders included", () => {
    const messages = '\\"messages\\":{\\"paging\\":{\\"total\\":\\"共 {count} 条\\"}}';
    const html = `<html><script>self.__next_f.push([1,"{${messages},\\"locale\\":\\"zh-CN\\"}"])</script></html>`;
    expect(messagesPayloadBytes(html)).toBe(Buffer.byteLength(messages, "utf8"));
    expect(messagesPayloadBytes("<html>no catalogue</html>")).toBe(0);
  });
});

describe("bench:load data", () => {
  it("repeats the same pseudo-random sequence", () => {
    const a = sequence();
    const b = sequence();
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it("leaves past rounds mostly approved and the open round mostly unfinished", () => {
    const rolls = Array.from({ length: 100 }, (_, index) => index / 100);
    const share = (open: boolean, state: string) => rolls.filter((roll) => outcome(roll, open) === state).length;
    expect(share(false, "APPROVED")).toBe(55);
    expect(share(false, "OWED")).toBe(10);
    expect(share(true, "OWED") + share(true, "DRAFT")).toBe(50);
  });

  it("dates past rounds at quarter ends", () => {
    expect(quarterEnd(new Date("2026-12-01T00:00:00Z"), 1).toISOString().slice(0, 10)).toBe("2026-09-30");
    expect(quarterEnd(new Date("2026-12-01T00:00:00Z"), 4).toISOString().slice(0, 10)).toBe("2025-12-31");
    expect(quarterEnd(new Date("2026-02-10T00:00:00Z"), 1).toISOString().slice(0, 10)).toBe("2025-12-31");
  });
});
