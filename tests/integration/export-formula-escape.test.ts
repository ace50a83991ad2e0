/**
 * Formula injection (issue 12, item 5, the exports half): every CSV and workbook the portal makes
 * writes text that a spreadsheet would run as a formula (= + - @ first) with an apostrophe in
 * front, so it opens as the text it is; read back with exceljs, such a cell is a string starting
 * with the apostrophe, never a formula. The plan workbook is read back by the plan import, which
 * takes the apostrophe off again: a plan round-trips unchanged.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { audit } from "@/lib/audit/server/record";
import { exportAuditCsv } from "@/lib/audit/server/log";
import { db } from "@/lib/core/db";
import { indicatorCsv, indicatorWorkbook, summaryCsv, summaryWorkbook, type SummaryRow } from "@/lib/outputs/exports/progress";
import { divisionCsv, divisionWorkbook } from "@/lib/plans/exports/division";
import { parsePlanWorkbook } from "@/lib/plans/import/parse";
import { downloadPlanWorkbook, previewPlanImport } from "@/lib/plans/server/plan-import";
import type { DivisionRow } from "@/lib/plans/server/plans";
import { LEDGER_SHEETS, ledgerColumnNumber } from "@/lib/reporting/ledger/format";
import { buildLedgerWorkbook } from "@/lib/reporting/ledger/workbook";
import { actorForRole } from "../support/actors";

/** A value starting with each character a spreadsheet reads as the start of a formula. */
const DANGEROUS = ['=HYPERLINK("http://example.invalid","点击")', "+1+1", "-2+3", "@SUM(A1:A2)"] as const;

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** Every cell of every sheet: none is a formula, and each dangerous value appears only escaped. */
function expectEscaped(workbook: ExcelJS.Workbook, values: readonly string[]) {
  const texts: string[] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === "string") texts.push(cell.value);
      }),
    );
  for (const value of values) {
    expect(texts, value).toContain(`'${value}`);
    expect(texts, value).not.toContain(value);
  }
  return texts;
}

function summaryRow(text: string): SummaryRow {
  return {
    unit: text,
    item: text,
    role: "牵头",
    state: "草稿",
    status: "滞后",
    completion: 40,
    light: "黄灯",
    reason: text,
    submittedAt: null,
    workDone: text,
    problems: text,
    nextSteps: text,
    eventsHeld: -3,
    peopleReached: 10,
    outputs: text,
    demo: false,
  };
}

describe("the progress summary and the indicator table", () => {
  it("escape every text cell in the workbook, and leave numbers as numbers", async () => {
    const workbook = await load(await summaryWorkbook(DANGEROUS.map(summaryRow)));
    expectEscaped(workbook, DANGEROUS);
    // A negative number is a number, not text to escape.
    expect(workbook.worksheets[0]!.getCell(2, 14).value).toBe(-3);
    const indicators = await load(
      await indicatorWorkbook(
        DANGEROUS.map((text) => ({
          name: text,
          unit: "%",
          baseline: text,
          target: text,
          values: { 2024: text },
          source: text,
          demo: false,
        })),
        [2024],
      ),
    );
    expectEscaped(indicators, DANGEROUS);
  });

  it("escape them in the CSV too", () => {
    const csv = summaryCsv(DANGEROUS.map(summaryRow)) + indicatorCsv([], [2024]);
    for (const value of DANGEROUS) expect(csv).toContain(`"'${value.replace(/"/g, '""')}"`);
    expect(csv).toContain('"-3"');
  });
});

describe("the 工作分工表", () => {
  const row = (text: string, index: number): DivisionRow => ({
    itemId: index + 1,
    plan: text,
    planCode: "x",
    section: text,
    number: text,
    title: text,
    lead: [text],
    support: [text, "市科协"],
    dueDate: null,
    unitRole: "LEAD",
    notes: [text],
  });

  it("escapes the title, every text cell and the 说明 sheet", async () => {
    const workbook = await load(
      await divisionWorkbook(DANGEROUS.map(row), "=工作分工表", { plans: ["-规划甲", "+规划乙"], districts: false }),
    );
    expectEscaped(workbook, [...DANGEROUS, "=工作分工表"]);
    expect(workbook.getWorksheet("说明")!.getCell("B1").value).toBe("'-规划甲\n+规划乙");
    const csv = divisionCsv(DANGEROUS.map(row));
    for (const value of DANGEROUS) expect(csv).toContain(`"'${value.replace(/"/g, '""')}"`);
  });
});

describe("the round workbook", () => {
  it("escapes the read-only and editable text cells alike", async () => {
    const bytes = await buildLedgerWorkbook(
      {
        round: { id: 1, name: "=轮次", period: "2025年第四季度", deadline: new Date("2025-12-31T00:00:00+08:00") },
        unit: { id: 2, name: "市教育局" },
        generatedAt: new Date(),
      },
      DANGEROUS.map((text, index) => ({
        reportId: index + 1,
        version: 1,
        unitName: "市教育局",
        itemNumber: text,
        itemTitle: text,
        role: "LEAD" as const,
        state: "RETURNED" as const,
        returnComment: text,
        values: {
          status: null,
          completion: null,
          workDone: text,
          problems: text,
          nextSteps: text,
          eventsHeld: null,
          peopleReached: null,
          outputs: [{ name: text, value: 1, unit: text }],
        },
      })),
    );
    const workbook = await load(bytes);
    expectEscaped(workbook, DANGEROUS);
    const sheet = workbook.getWorksheet(LEDGER_SHEETS.reports)!;
    DANGEROUS.forEach((text, index) => {
      for (const key of ["title", "returnComment", "workDone", "problems", "nextSteps", "output1Name"] as const)
        expect(sheet.getCell(index + 2, ledgerColumnNumber(key)).value, key).toBe(`'${text}`);
    });
  });
});

describe("the audit trail's CSV", () => {
  it("escapes what users typed that reached the trail (usernames, reasons, object ids)", async () => {
    for (const text of DANGEROUS)
      await audit({ action: "auth.login", objectType: "User", objectId: text, result: "DENIED", actor: null, reason: text });
    const { csv } = await exportAuditCsv(await actorForRole("AUDITOR"), { page: 1 } as Parameters<typeof exportAuditCsv>[1]);
    for (const value of DANGEROUS) expect(csv).toContain(`"'${value.replace(/"/g, '""')}"`);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
  });
});

describe("the plan workbook", () => {
  it("escapes texts starting with = + - @ and imports them back unchanged", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await db.plan.findFirstOrThrow({ where: { kind: "ANNUAL" }, select: { id: true, code: true } });
    const items = await db.planItem.findMany({ where: { planId: plan.id, archivedAt: null }, orderBy: { id: "asc" }, take: 4 });
    expect(items).toHaveLength(4);
    // Written directly: the texts as an earlier version of the plan could have held them.
    await Promise.all(
      items.map((item, index) =>
        db.planItem.update({ where: { id: item.id }, data: { title: `${DANGEROUS[index]}标题`, fullText: `${DANGEROUS[index]}全文` } }),
      ),
    );
    const filled = await downloadPlanWorkbook(admin, plan.code);
    const workbook = await load(filled.bytes);
    const texts = expectEscaped(
      workbook,
      DANGEROUS.map((text) => `${text}标题`),
    );
    expect(texts).toContain(`'${DANGEROUS[0]}全文`);
    // Read back: the apostrophe is taken off again.
    const parsed = await parsePlanWorkbook(filled.bytes);
    const titles = parsed.workbook.items.map((item) => item.title);
    for (const text of DANGEROUS) expect(titles).toContain(`${text}标题`);
    expect(parsed.workbook.items.map((item) => item.fullText)).toContain(`${DANGEROUS[3]}全文`);
    // And imported as the same plan's new version, nothing differs.
    const result = await previewPlanImport(admin, { fileName: "公式.xlsx", bytes: filled.bytes, planCode: plan.code });
    expect(result.problems).toEqual([]);
    expect(result.diff).toMatchObject({ added: [], changed: [], archived: [] });
  });
});
