import ExcelJS from "exceljs";
import { describe, expect, it, vi } from "vitest";
import { DIVISION_HEADER } from "@/lib/plans/exports/division";
import { getActor } from "@/lib/core/session";
import { actorForRole } from "../support/actors";
import { unitId } from "../support/plan-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { GET } = await import("@/app/(portal)/division/export/route");

async function download(query: string) {
  vi.mocked(getActor).mockResolvedValue(await actorForRole("LIAISON"));
  return GET(new Request(`http://localhost/division/export?${query}`));
}

describe("the division-of-labour export", () => {
  it("writes an .xlsx with the unit's rows that Excel reads back", async () => {
    const education = await unitId("市教育局");
    const response = await download(`format=xlsx&unit=${education}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toContain(encodeURIComponent("工作分工表-市教育局"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("工作分工表")!;
    expect(sheet.getCell("A1").value).toBe("工作分工表（市教育局）");
    expect(sheet.getRow(2).values).toEqual([undefined, ...DIVISION_HEADER]);
    const rows = sheet.getRows(3, sheet.rowCount - 2)!.map((row) => row.values as unknown[]);
    expect(rows).toHaveLength(11);
    expect(rows[0]!.slice(1, 10)).toEqual([
      1,
      "实施方案(2022-2025年)",
      "三、聚焦四大重点人群,实施科学素质提升行动",
      "(一)",
      "实施青少年科学素质提升行动",
      "市教育局、团市委、市科协",
      "市委宣传部、市科技创新委、市文化广电旅游体育局、市卫生健康委、市妇联",
      "",
      "牵头",
    ]);
    expect(rows.filter((row) => row[9] === "牵头")).toHaveLength(2);
    expect(rows.at(-1)!.slice(2, 6)).toEqual(["2023年科普工作要点", "三、深入开展科普惠民活动", "（十一）", "推动科普助力“双减”"]);
  });

  it("writes CSV with a byte-order mark so Excel and WPS show the Chinese", async () => {
    const response = await download("format=csv&plan=sz-2022-2025&role=LEAD");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(DIVISION_HEADER.map((heading) => `"${heading}"`).join(","));
    expect(lines).toHaveLength(11);
    expect(lines[4]).toContain(
      '"(四)","实施领导干部和公务员科学素质提升行动","市委组织部","市人力资源和社会保障局、市科技创新委、团市委、市妇联、市科协"',
    );
  });

  it("refuses bad filters and readers without plan access", async () => {
    expect((await download("format=pdf")).status).toBe(400);
    vi.mocked(getActor).mockResolvedValue(await actorForRole("AUDITOR"));
    expect((await GET(new Request("http://localhost/division/export?format=csv"))).status).toBe(403);
    vi.mocked(getActor).mockResolvedValue(null);
    expect((await GET(new Request("http://localhost/division/export"))).status).toBe(401);
  });
});
