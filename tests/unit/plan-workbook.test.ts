import ExcelJS from "exceljs";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { editDistance, suggestUnitNames } from "@/lib/plans/import/check";
import { diffPlanItems, type ExistingItem } from "@/lib/plans/import/diff";
import { splitUnitNames } from "@/lib/plans/import/format";
import { cellDay, checkWorkbookFile, parsePlanWorkbook } from "@/lib/plans/import/parse";
import { buildPlanWorkbook } from "@/lib/plans/import/template";
import { smallPlan, writeWorkbook } from "../support/plan-workbook";

describe("the plan workbook parser", () => {
  it("reads dates as real spreadsheet dates, day serials or YYYY-MM-DD text, and refuses anything else", () => {
    expect(cellDay(new Date(Date.UTC(2027, 11, 31)))).toEqual({ day: "2027-12-31" });
    expect(cellDay(46387)).toEqual({ day: "2026-12-31" });
    expect(cellDay("2027-1-5")).toEqual({ day: "2027-01-05" });
    expect(cellDay("2027/01/05")).toEqual({ day: "2027-01-05" });
    expect(cellDay("2027年1月5日")).toEqual({ day: "2027-01-05" });
    expect(cellDay("")).toEqual({ day: null });
    expect(cellDay(null)).toEqual({ day: null });
    expect(cellDay("2027-02-30")).toEqual({ error: true });
    expect(cellDay("明年")).toEqual({ error: true });
    expect(cellDay(1.5)).toEqual({ error: true });
  });

  it("splits unit names at 、 ， , ; ； and line breaks", () => {
    expect(splitUnitNames("市教育局、团市委，市科协,市妇联;市总工会；市民政局\n市水务局")).toEqual([
      "市教育局",
      "团市委",
      "市科协",
      "市妇联",
      "市总工会",
      "市民政局",
      "市水务局",
    ]);
    expect(splitUnitNames(" ")).toEqual([]);
  });

  it("suggests the closest unit names by edits and shared characters", () => {
    const names = ["市教育局", "市卫生健康委", "市科协", "团市委", "福田区"];
    expect(editDistance("市教育", "市教育局")).toBe(1);
    expect(suggestUnitNames("市教育", names)[0]).toBe("市教育局");
    expect(suggestUnitNames("卫生健康委员会", names)).toEqual(["市卫生健康委"]);
    expect(suggestUnitNames("气象台", names)).toEqual([]);
  });

  it("judges the file by its content, not its name", async () => {
    expect(checkWorkbookFile(new Uint8Array())).toBe("fileEmpty");
    expect(checkWorkbookFile(new TextEncoder().encode("PK\u0003\u0004 not really"))).toBe("notWorkbook");
    expect(checkWorkbookFile(await writeWorkbook(smallPlan()))).toBeNull();
  });

  it("reads a plan workbook into particulars, phases, items, goals, targets and links", async () => {
    const { workbook, problems } = await parsePlanWorkbook(await writeWorkbook(smallPlan()));
    expect(problems).toEqual([]);
    expect(workbook.plan).toMatchObject({ code: "demo-2026-2030", kind: "MASTER", startYear: 2026, endYear: 2030, signedOn: "2026-03-01" });
    expect(workbook.items[2]).toMatchObject({
      key: "s1.m1.w1",
      parentKey: "s1.m1",
      kind: "WORK_ITEM",
      lead: ["市教育局"],
      support: ["市科协"],
      startDate: "2027-01-01",
      dueDate: "2027-12-31",
      reportingCycle: "QUARTERLY",
    });
    expect(workbook.goals).toEqual([expect.objectContaining({ year: 2030, comparator: "GT", targetValue: 30 })]);
    expect(workbook.targets.map((target) => [target.code, target.targetYear, target.comparator])).toEqual([
      ["literacy-rate", 2030, "GT"],
      ["demo-venues", 2030, "GTE"],
    ]);
    expect(workbook.links).toEqual([expect.objectContaining({ fromKey: "s1.m1.w1", planCode: "sz-2022-2025", type: "SERVES" })]);
  });

  it("reports a parent loop and a changed header", async () => {
    const spec = smallPlan("loop", {
      items: [
        ["a", "b", "任务", "", "甲", "", "", "", "", "", null, null, "", ""],
        ["b", "a", "措施", "", "乙", "", "", "", "", "", null, null, "", ""],
      ],
    });
    const bytes = await writeWorkbook(spec, (workbook: ExcelJS.Workbook) => {
      workbook.getWorksheet("目标")!.getCell("B1").value = "目标";
    });
    const { problems } = await parsePlanWorkbook(bytes);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: "条目", row: 2, column: "B", message: expect.stringContaining("循环") }),
        expect.objectContaining({ sheet: "目标", row: 1, column: "B", message: "表头应为「目标表述」，实为「目标」。" }),
      ]),
    );
  });

  it("reads back what the template writes for a plan: the filled workbook round-trips", async () => {
    const { workbook } = await parsePlanWorkbook(await writeWorkbook(smallPlan()));
    const filled = await buildPlanWorkbook({ units: [], referenceItems: [], plan: workbook });
    const again = await parsePlanWorkbook(filled);
    expect(again.problems).toEqual([]);
    const strip = (items: typeof workbook.items) => items.map(({ row: _row, ...rest }) => rest);
    expect(strip(again.workbook.items)).toEqual(strip(workbook.items));
    expect(again.workbook.targets.map(({ row: _row, ...rest }) => rest)).toEqual(workbook.targets.map(({ row: _row, ...rest }) => rest));
  });
});

describe("the new-version diff", () => {
  const existing = (key: string, title: string, archived = false): ExistingItem => ({
    id: key.length,
    key,
    parentKey: null,
    kind: "SECTION",
    number: null,
    title,
    taskStatement: null,
    fullText: "",
    lead: ["市教育局"],
    support: [],
    phase: null,
    startDate: null,
    dueDate: null,
    reportingCycle: null,
    note: null,
    archived,
  });
  const incoming = (key: string, title: string) => ({
    row: 2,
    key,
    parentKey: null,
    kind: "SECTION" as const,
    number: null,
    title,
    taskStatement: null,
    fullText: "",
    lead: ["市教育局"],
    support: [],
    phase: null,
    startDate: null,
    dueDate: null,
    reportingCycle: null,
    note: null,
  });

  it("matches by key: added, changed field by field, archived when missing, restored when back", () => {
    const diff = diffPlanItems(
      [existing("a", "甲"), existing("b", "乙"), existing("gone", "丙"), existing("old", "丁", true), existing("back", "戊", true)],
      [incoming("a", "甲"), incoming("b", "乙二"), incoming("new", "己"), incoming("back", "戊")],
    );
    expect(diff.added.map((item) => item.key)).toEqual(["new"]);
    expect(diff.changed).toEqual([
      expect.objectContaining({ key: "b", changes: [{ field: "title", label: "标题", before: "乙", after: "乙二" }] }),
      expect.objectContaining({ key: "back", changes: [{ field: "archived", label: "状态", before: "已归档", after: "有效" }] }),
    ]);
    expect(diff.archived.map((item) => item.key)).toEqual(["gone"]);
    expect(diff.unchanged).toBe(1);
  });
});

describe("checkWorkbookFile bounds its work (issue 17)", () => {
  /** A zip with deflated entries, enough for a bomb: each entry's declared sizes are honest. */
  function deflatedZip(entries: Array<{ name: string; data: Uint8Array }>): Uint8Array {
    const parts: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const entry of entries) {
      const name = Buffer.from(entry.name);
      const packed = deflateRawSync(entry.data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(packed.length, 18);
      local.writeUInt32LE(entry.data.length, 22);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(packed.length, 20);
      central.writeUInt32LE(entry.data.length, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      parts.push(local, name, packed);
      centrals.push(central, name);
      offset += 30 + name.length + packed.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return new Uint8Array(Buffer.concat([...parts, directory, end]));
  }

  it("refuses a workbook whose [Content_Types].xml inflates past 1 MB, without inflating it", () => {
    const bomb = deflatedZip([
      { name: "[Content_Types].xml", data: new Uint8Array(256 * 1024 * 1024) }, // 256 MB of zeros, ~250 KB packed
      { name: "xl/workbook.xml", data: new TextEncoder().encode("<workbook/>") },
    ]);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const started = performance.now();
    expect(checkWorkbookFile(bomb)).toBe("notWorkbook");
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses a zip with xl/workbook.xml but no [Content_Types].xml", () => {
    expect(checkWorkbookFile(deflatedZip([{ name: "xl/workbook.xml", data: new TextEncoder().encode("<workbook/>") }]))).toBe(
      "notWorkbook",
    );
  });
});
