import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { db } from "@/lib/core/db";
import { isAppError } from "@/lib/core/errors";
import { LEDGER_SHEETS, ledgerColumnNumber, type LedgerColumnKey, type LedgerSourceRow } from "@/lib/reporting/ledger/format";
import { buildLedgerWorkbook } from "@/lib/reporting/ledger/workbook";
import {
  applyReportImport,
  discardReportImport,
  getReportImport,
  previewReportImport,
  reportImportOptions,
} from "@/lib/reporting/server/ledger-import";
import { openRound } from "@/lib/reporting/server/rounds";
import { saveReport } from "@/lib/reporting/server/reports";
import { actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";
import { buildStoredZip } from "../support/zip";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));

/** What an error refuses with: code and message key. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return [error.code, error.messageKey];
    throw error;
  }
  throw new Error("not refused");
}

let jyj: Actor;
let wjw: Actor;
let admin: Actor;
let jyjUnit: number;
let wjwUnit: number;

beforeAll(async () => {
  jyj = await actorFor("jyj");
  wjw = await actorFor("wjw");
  admin = await actorForRole("ADMIN");
  jyjUnit = await unitId("市教育局");
  wjwUnit = await unitId("市卫生健康委");
});

let roundCounter = 0;
/** A fresh open round on the youth action and its measures: 市教育局 owes several reports, 市卫生健康委 some too. */
async function freshRound() {
  const items = await Promise.all(["youth", "youth.m1", "youth.m2", "youth.m3"].map(itemByKey));
  const { round } = await openRound(admin, {
    name: `导入测试轮次${++roundCounter}`,
    period: "2099年第一季度",
    deadline: "2099-03-31",
    itemIds: items.map((item) => item.id),
  });
  const reports = await db.progressReport.findMany({ where: { roundId: round.id, unitId: jyjUnit }, orderBy: { id: "asc" } });
  expect(reports.length).toBeGreaterThanOrEqual(4);
  return { round, reports };
}

/** The workbook of a unit's reports in a round as the portal makes it (`rows` named: other reports, e.g. another unit's). */
async function workbookOf(roundId: number, metaUnit: number | null, reportIds?: number[]) {
  const round = await db.reportingRound.findUniqueOrThrow({ where: { id: roundId } });
  const reports = await db.progressReport.findMany({
    where: reportIds ? { id: { in: reportIds } } : { roundId, unitId: metaUnit ?? undefined },
    orderBy: { id: "asc" },
    include: { unit: true, item: true, outputs: { orderBy: { position: "asc" } } },
  });
  const rows: LedgerSourceRow[] = reports.map((report) => ({
    reportId: report.id,
    version: report.version,
    unitName: report.unit.name,
    itemNumber: report.item.number,
    itemTitle: report.item.title,
    role: report.role,
    state: report.state,
    returnComment: null,
    values: {
      status: report.status,
      completion: report.completion,
      workDone: report.workDone,
      problems: report.problems,
      nextSteps: report.nextSteps,
      eventsHeld: report.eventsHeld,
      peopleReached: report.peopleReached,
      outputs: report.outputs.map(({ name, value, unit }) => ({ name, value, unit })),
    },
  }));
  const unit = metaUnit === null ? null : await db.unit.findUniqueOrThrow({ where: { id: metaUnit } });
  const bytes = await buildLedgerWorkbook({ round, unit: unit ? { id: unit.id, name: unit.name } : null, generatedAt: new Date() }, rows);
  return { bytes, rowOf: (reportId: number) => rows.findIndex((row) => row.reportId === reportId) + 2 };
}

type Edits = Record<number, Partial<Record<LedgerColumnKey, ExcelJS.CellValue>>>;

/** The workbook with cells changed as a user would in Excel: `{ row: { column: value } }`. */
async function edited(bytes: Uint8Array, edits: Edits, extra?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(LEDGER_SHEETS.reports)!;
  for (const [row, cells] of Object.entries(edits))
    for (const [key, value] of Object.entries(cells))
      sheet.getRow(Number(row)).getCell(ledgerColumnNumber(key as LedgerColumnKey)).value = value ?? null;
  extra?.(sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const complete = { status: "按计划推进", completion: 60, workDone: "完成青少年科技节筹备。" };

const preview = (actor: Actor, bytes: Uint8Array, unit?: number, fileName = "填报表.xlsx") =>
  previewReportImport(actor, { fileName, bytes, unitId: unit });

describe("previewing and applying a unit's workbook", () => {
  it("previews without writing, then saves the changed rows as drafts exactly as the form does; rows with problems are skipped", async () => {
    const { round, reports } = await freshRound();
    const [a, b, c, d] = reports;
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const upload = await edited(bytes, {
      [rowOf(a!.id)]: { ...complete, output1Name: "科普讲座", output1Value: 12, output1Unit: "场" },
      [rowOf(b!.id)]: { workDone: "开展调研。", eventsHeld: 3 },
      [rowOf(c!.id)]: { completion: 120, workDone: "不会保存" },
    });
    const before = await db.progressReport.findMany({ where: { roundId: round.id }, orderBy: { id: "asc" } });
    const { importId } = await preview(jyj, upload);
    expect(await db.progressReport.findMany({ where: { roundId: round.id }, orderBy: { id: "asc" } })).toEqual(before);

    const shown = await getReportImport(jyj, importId);
    const resultOf = (id: number) => shown.rows.find((row) => row.reportId === id)!;
    expect(resultOf(a!.id).result).toBe("SAVE");
    expect(resultOf(a!.id).changes.map((change) => change.field)).toEqual(["status", "completion", "workDone", "outputs"]);
    expect(resultOf(a!.id).changes[2]).toEqual({ field: "workDone", portal: "", workbook: "完成青少年科技节筹备。" });
    expect(resultOf(b!.id).result).toBe("SAVE");
    expect(resultOf(c!.id).result).toBe("PROBLEM");
    expect(resultOf(c!.id).problems).toEqual([
      expect.objectContaining({ row: rowOf(c!.id), column: "I", message: expect.stringContaining("完成度须为 0 到 100 的整数") }),
    ]);
    expect(resultOf(d!.id).result).toBe("UNCHANGED");
    expect(shown).toMatchObject({ status: "PENDING", onBehalf: false, canApply: true, progress: { next: 0, total: 2 } });
    expect(shown.counts).toMatchObject({ save: 2, problem: 1 });

    const auditFrom = await lastAuditId();
    const applied = await applyReportImport(jyj, { importId, mode: "DRAFT" });
    expect(applied).toMatchObject({ processed: 2, total: 2, done: true, counts: { drafts: 2, submitted: 0, skipped: 1 } });
    const savedA = await db.progressReport.findUniqueOrThrow({ where: { id: a!.id }, include: { outputs: true } });
    expect(savedA).toMatchObject({
      state: "DRAFT",
      status: "ON_TRACK",
      completion: 60,
      workDone: "完成青少年科技节筹备。",
      version: a!.version + 1,
    });
    expect(savedA.outputs.map(({ name, value, unit }) => ({ name, value, unit }))).toEqual([{ name: "科普讲座", value: 12, unit: "场" }]);
    expect(savedA.enteredById).toBeNull();
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({ workDone: "开展调研。", eventsHeld: 3 });
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: c!.id } })).toMatchObject({ version: c!.version, workDone: "" });

    const audit = await auditSince(auditFrom);
    const saves = audit.filter((row) => row.action === "report.save");
    expect(saves.map((row) => Number(row.objectId)).sort()).toEqual([a!.id, b!.id].sort());
    expect(JSON.parse(saves[0]!.details!)).toMatchObject({ importId, onBehalf: false, state: "DRAFT" });
    expect(audit.filter((row) => row.action === "report.import")).toHaveLength(1);

    const done = await getReportImport(jyj, importId);
    expect(done.status).toBe("APPLIED");
    expect(done.result?.counts).toEqual({ drafts: 2, submitted: 0, unchanged: done.counts.unchanged, skipped: 1 });
    expect(done.result?.skipped).toEqual([expect.objectContaining({ row: rowOf(c!.id), reason: expect.stringContaining("完成度") })]);
    expect(await refusal(applyReportImport(jyj, { importId, mode: "DRAFT" }))).toEqual(["CONFLICT", "ledgerImportApplied"]);
  });

  it("in SUBMIT mode submits the complete rows (SUBMITTED event, report.submit) and saves the incomplete ones as drafts", async () => {
    const { round, reports } = await freshRound();
    const [a, b] = reports;
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const upload = await edited(bytes, {
      [rowOf(a!.id)]: complete,
      [rowOf(b!.id)]: { status: "已完成", completion: 90, workDone: "已完成但完成度不足 100" },
    });
    const { importId } = await preview(jyj, upload);
    const auditFrom = await lastAuditId();
    const result = await applyReportImport(jyj, { importId, mode: "SUBMIT" });
    expect(result.counts).toMatchObject({ submitted: 1, drafts: 1 });
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: a!.id } })).toMatchObject({ state: "SUBMITTED" });
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({ state: "DRAFT", completion: 90 });
    expect(await db.reportEvent.findMany({ where: { reportId: a!.id }, select: { type: true } })).toEqual([{ type: "SUBMITTED" }]);
    expect(await db.reportEvent.count({ where: { reportId: b!.id } })).toBe(0);
    const audit = await auditSince(auditFrom);
    expect(audit.filter((row) => row.action === "report.submit").map((row) => Number(row.objectId))).toEqual([a!.id]);
    expect(audit.filter((row) => row.action === "report.save").map((row) => Number(row.objectId))).toEqual([b!.id]);
    const shown = await getReportImport(jyj, importId);
    expect(shown.result?.incomplete).toEqual([expect.objectContaining({ row: rowOf(b!.id) })]);
  });

  it("names every refused row: a status not in the list, text over the limit, another unit's report, submitted or approved reports, duplicates", async () => {
    const { round, reports } = await freshRound();
    const [a, b, c, d] = reports;
    const other = await db.progressReport.findFirstOrThrow({ where: { roundId: round.id, unitId: wjwUnit } });
    await db.progressReport.update({ where: { id: c!.id }, data: { state: "SUBMITTED" } });
    await db.progressReport.update({ where: { id: d!.id }, data: { state: "APPROVED" } });
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit, [a!.id, b!.id, c!.id, d!.id, other.id]);
    const upload = await edited(bytes, {
      [rowOf(a!.id)]: { status: "进行中" },
      [rowOf(b!.id)]: { workDone: "字".repeat(5001) },
      [rowOf(c!.id)]: { workDone: "改已报送的报告" },
      [rowOf(d!.id)]: { workDone: "改已通过的报告" },
      [rowOf(other.id)]: { workDone: "别的单位" },
    });
    const { importId } = await preview(jyj, upload);
    const shown = await getReportImport(jyj, importId);
    const messageOf = (id: number) =>
      shown.rows
        .find((row) => row.reportId === id)!
        .problems.map((problem) => problem.message)
        .join(" ");
    expect(shown.rows.every((row) => row.result === "PROBLEM")).toBe(true);
    expect(messageOf(a!.id)).toContain("推进状态须为以下之一");
    expect(messageOf(b!.id)).toContain("最多 5000 字");
    expect(messageOf(c!.id)).toBe("该报告已报送，不能再修改。");
    expect(messageOf(d!.id)).toBe("该报告已审核通过，不能再修改。");
    expect(messageOf(other.id)).toBe("这一行是市卫生健康委的报告，不能导入到市教育局。");
    const result = await applyReportImport(jyj, { importId, mode: "SUBMIT" });
    expect(result).toMatchObject({ total: 0, done: true, counts: { drafts: 0, submitted: 0, skipped: 5 } });
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ workDone: "", version: other.version });

    // The same report twice: neither row is taken.
    const twice = await edited(bytes, { [rowOf(a!.id)]: complete }, (sheet) => {
      const copy = sheet.getRow(rowOf(a!.id)).values as ExcelJS.CellValue[];
      sheet.addRow(copy.slice(1));
    });
    const duplicate = await getReportImport(jyj, (await preview(jyj, twice)).importId);
    const rowsOfA = duplicate.rows.filter((row) => row.reportId === a!.id);
    expect(rowsOfA).toHaveLength(2);
    expect(rowsOfA.every((row) => row.result === "PROBLEM" && row.problems[0]!.message.includes("是同一份报告"))).toBe(true);
  });

  it("shows a report changed in the portal since the download as a conflict with both texts, and never overwrites it", async () => {
    const { round, reports } = await freshRound();
    const [a] = reports;
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    await saveReport(jyj, { ...baseForm(a!.id, a!.version), workDone: "平台上改过的内容" });
    const { importId } = await preview(jyj, await edited(bytes, { [rowOf(a!.id)]: { workDone: "工作簿里的内容" } }));
    const shown = await getReportImport(jyj, importId);
    const row = shown.rows.find((entry) => entry.reportId === a!.id)!;
    expect(row.result).toBe("CONFLICT");
    expect(row.changes).toEqual([{ field: "workDone", portal: "平台上改过的内容", workbook: "工作簿里的内容" }]);
    const result = await applyReportImport(jyj, { importId, mode: "DRAFT" });
    expect(result.counts.skipped).toBe(1);
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: a!.id } })).toMatchObject({
      workDone: "平台上改过的内容",
      version: a!.version + 1,
    });
  });

  it("changes nothing the second time the same workbook is uploaded, and says it was imported before", async () => {
    const { round, reports } = await freshRound();
    const [a] = reports;
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const upload = await edited(bytes, { [rowOf(a!.id)]: complete });
    await applyReportImport(jyj, { importId: (await preview(jyj, upload)).importId, mode: "DRAFT" });
    const state = async () =>
      JSON.stringify(
        await db.progressReport.findMany({ where: { roundId: round.id }, orderBy: { id: "asc" }, include: { outputs: true } }),
      );
    const after = await state();
    const again = await preview(jyj, upload);
    const shown = await getReportImport(jyj, again.importId);
    expect(shown.rows.every((row) => row.result === "UNCHANGED")).toBe(true);
    expect(shown.alreadyApplied).not.toBeNull();
    const result = await applyReportImport(jyj, { importId: again.importId, mode: "DRAFT" });
    expect(result).toMatchObject({ total: 0, done: true, counts: { drafts: 0, submitted: 0, skipped: 0 } });
    expect(await state()).toBe(after);
  });

  it("skips and names a row whose report changed between the preview and the confirmation", async () => {
    const { round, reports } = await freshRound();
    const [a, b] = reports;
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const { importId } = await preview(jyj, await edited(bytes, { [rowOf(a!.id)]: complete, [rowOf(b!.id)]: complete }));
    await saveReport(jyj, { ...baseForm(a!.id, a!.version), workDone: "预览后在表单里改的" });
    const result = await applyReportImport(jyj, { importId, mode: "DRAFT" });
    expect(result.counts).toMatchObject({ drafts: 1, skipped: 1 });
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: a!.id } })).toMatchObject({ workDone: "预览后在表单里改的" });
    const shown = await getReportImport(jyj, importId);
    expect(shown.result?.skipped).toEqual([expect.objectContaining({ row: rowOf(a!.id), reason: expect.stringContaining("已被修改") })]);
  });

  it("applies in batches that report progress and together do what one full apply does; the mode cannot change midway", async () => {
    const { round, reports } = await freshRound();
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const edits: Edits = Object.fromEntries(reports.slice(0, 3).map((report) => [rowOf(report.id), complete]));
    const { importId } = await preview(jyj, await edited(bytes, edits));
    const first = await applyReportImport(jyj, { importId, mode: "SUBMIT", from: 0, limit: 2 });
    expect(first).toMatchObject({ processed: 2, total: 3, done: false });
    expect((await getReportImport(jyj, importId)).status).toBe("APPLYING");
    expect(await refusal(applyReportImport(jyj, { importId, mode: "DRAFT", from: 2, limit: 2 }))).toEqual([
      "CONFLICT",
      "ledgerImportModeChanged",
    ]);
    expect(await refusal(applyReportImport(jyj, { importId, mode: "SUBMIT", from: 0, limit: 2 }))).toEqual([
      "CONFLICT",
      "ledgerImportBusy",
    ]);
    const second = await applyReportImport(jyj, { importId, mode: "SUBMIT", from: 2, limit: 2 });
    expect(second).toMatchObject({ processed: 3, total: 3, done: true, counts: { submitted: 3, drafts: 0, skipped: 0 } });
    const states = await db.progressReport.findMany({
      where: { id: { in: reports.slice(0, 3).map((r) => r.id) } },
      select: { state: true, version: true },
    });
    expect(states).toEqual(reports.slice(0, 3).map((report) => ({ state: "SUBMITTED", version: report.version + 1 })));
    expect((await getReportImport(jyj, importId)).status).toBe("APPLIED");
  });

  it("applies once when two confirmations race", async () => {
    const { round, reports } = await freshRound();
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const { importId } = await preview(jyj, await edited(bytes, { [rowOf(reports[0]!.id)]: complete }));
    const outcomes = await Promise.allSettled([
      applyReportImport(jyj, { importId, mode: "DRAFT" }),
      applyReportImport(jyj, { importId, mode: "DRAFT" }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: reports[0]!.id } })).toMatchObject({
      version: reports[0]!.version + 1,
    });
    expect(await db.auditEvent.count({ where: { action: "report.save", objectId: String(reports[0]!.id) } })).toBe(1);
  });

  it("discards an import: nothing is saved and it cannot be applied afterwards", async () => {
    const { round, reports } = await freshRound();
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const { importId } = await preview(jyj, await edited(bytes, { [rowOf(reports[0]!.id)]: complete }));
    await discardReportImport(jyj, { importId });
    expect(await refusal(applyReportImport(jyj, { importId, mode: "DRAFT" }))).toEqual(["CONFLICT", "ledgerImportDiscarded"]);
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: reports[0]!.id } })).toMatchObject({ version: reports[0]!.version });
  });

  it("refuses a closed round's workbook and another unit's single-unit workbook as a whole", async () => {
    const { round, reports } = await freshRound();
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const upload = await edited(bytes, { [rowOf(reports[0]!.id)]: complete });
    await db.reportingRound.update({ where: { id: round.id }, data: { status: "CLOSED", closedAt: new Date() } });
    const closed = await getReportImport(jyj, (await preview(jyj, upload)).importId);
    expect(closed.fileProblems.map((problem) => problem.message)).toEqual([expect.stringContaining("已结束报送")]);
    expect(closed.canApply).toBe(false);
    expect(await refusal(applyReportImport(jyj, { importId: closed.id, mode: "DRAFT" }))).toEqual([
      "VALIDATION",
      "ledgerImportHasProblems",
    ]);
    await db.reportingRound.update({ where: { id: round.id }, data: { status: "OPEN", closedAt: null } });

    const wjwBook = await workbookOf(round.id, wjwUnit);
    const foreign = await getReportImport(admin, (await preview(admin, wjwBook.bytes, jyjUnit)).importId);
    expect(foreign.fileProblems.map((problem) => problem.message)).toContain("这是市卫生健康委的填报表，与市教育局不一致。");
    expect(foreign.canApply).toBe(false);
  });

  it("refuses a file that is not a plain round workbook and stores nothing", async () => {
    const { round } = await freshRound();
    const count = () => db.reportImport.count();
    const before = await count();
    const refusedWith = async (bytes: Uint8Array) => {
      try {
        await preview(jyj, bytes);
      } catch (error) {
        if (isAppError(error)) return [error.code, error.messageKey, String(error.values.reason)];
        throw error;
      }
      throw new Error("not refused");
    };
    expect(await refusedWith(new TextEncoder().encode("%PDF-1.4\n%%EOF\n"))).toEqual([
      "VALIDATION",
      "ledgerImportRefused",
      expect.stringContaining("不是 Excel 工作簿"),
    ]);
    const macro = buildStoredZip([
      {
        name: "[Content_Types].xml",
        data: new TextEncoder().encode('<Types><Default ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'),
      },
      { name: "xl/workbook.xml", data: new TextEncoder().encode("<workbook/>") },
      { name: "xl/vbaProject.bin", data: new Uint8Array([1, 2, 3]) },
    ]);
    expect(await refusedWith(macro)).toEqual(["VALIDATION", "ledgerImportRefused", expect.stringContaining("含宏")]);
    expect(await refusedWith(new Uint8Array(10 * 1024 * 1024 + 1))).toEqual([
      "VALIDATION",
      "ledgerImportRefused",
      expect.stringContaining("10 MB"),
    ]);
    const { bytes } = await workbookOf(round.id, jyjUnit);
    const noMeta = new ExcelJS.Workbook();
    await noMeta.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    noMeta.removeWorksheet(noMeta.getWorksheet(LEDGER_SHEETS.meta)!.id);
    expect(await refusedWith(new Uint8Array(await noMeta.xlsx.writeBuffer()))).toEqual([
      "VALIDATION",
      "ledgerImportRefused",
      expect.stringContaining("无法识别"),
    ]);
    expect(await refusal(previewReportImport(jyj, { fileName: "../x.xlsx", bytes }))).toEqual(["VALIDATION", "fileNameInvalid"]);
    expect(await count()).toBe(before);
  });
});

function baseForm(reportId: number, version: number) {
  return {
    reportId,
    version,
    intent: "save" as const,
    submissionKey: "",
    workDone: "",
    problems: "",
    nextSteps: "",
    outputs: [],
  };
}

describe("who may import", () => {
  it("lets a liaison import for their own unit only, and read and apply only their own imports", async () => {
    const { round } = await freshRound();
    const { bytes } = await workbookOf(round.id, jyjUnit);
    const auditFrom = await lastAuditId();
    expect(await refusal(preview(jyj, bytes, wjwUnit))).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    const denied = await auditSince(auditFrom);
    expect(denied).toEqual([expect.objectContaining({ action: "report.import_preview", result: "DENIED" })]);

    const { importId } = await preview(jyj, bytes);
    expect(await refusal(getReportImport(wjw, importId))).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(await refusal(applyReportImport(wjw, { importId, mode: "DRAFT" }))).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(await refusal(discardReportImport(wjw, { importId }))).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(await refusal(getReportImport(admin, importId))).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(await refusal(getReportImport(jyj, 999_999))).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    for (const role of ["LEADER", "AUDITOR", "USER_ADMIN"] as const) {
      expect(await refusal(preview(await actorForRole(role), bytes))).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      expect(await refusal(getReportImport(await actorForRole(role), importId))).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    }
    expect(await refusal(preview(admin, bytes))).toEqual(["VALIDATION", "ledgerUnitRequired"]);

    const liaisonOptions = await reportImportOptions(jyj);
    expect(liaisonOptions.onBehalf).toBe(false);
    expect(liaisonOptions.units).toEqual([{ id: jyjUnit, name: "市教育局" }]);
    expect(liaisonOptions.rounds.map((entry) => entry.id)).toContain(round.id);
    const castOptions = await reportImportOptions(admin);
    expect(castOptions.onBehalf).toBe(true);
    expect(castOptions.units.length).toBeGreaterThan(10);
  });

  it("lets CAST enter a unit's workbook on its behalf: recorded on the report and its timeline, the liaison told and still able to correct it", async () => {
    const { round, reports } = await freshRound();
    const [a] = reports;
    const { bytes, rowOf } = await workbookOf(round.id, jyjUnit);
    const { importId } = await preview(admin, await edited(bytes, { [rowOf(a!.id)]: complete }), jyjUnit, "市教育局-填报表.xlsx");
    expect((await getReportImport(admin, importId)).onBehalf).toBe(true);
    const unreadBefore = await db.inboxMessage.count({ where: { userId: jyj.userId, kind: "ENTERED_ON_BEHALF" } });
    await applyReportImport(admin, { importId, mode: "DRAFT" });
    const report = await db.progressReport.findUniqueOrThrow({ where: { id: a!.id } });
    expect(report).toMatchObject({
      state: "DRAFT",
      enteredById: admin.userId,
      enteredByName: admin.displayName,
      enteredImportId: importId,
    });
    expect(report.enteredAt).not.toBeNull();
    expect(await db.reportEvent.findMany({ where: { reportId: a!.id }, select: { type: true, comment: true, actorId: true } })).toEqual([
      { type: "ENTERED_ON_BEHALF", comment: "市教育局-填报表.xlsx", actorId: admin.userId },
    ]);
    const messages = await db.inboxMessage.findMany({ where: { userId: jyj.userId, kind: "ENTERED_ON_BEHALF" }, orderBy: { id: "desc" } });
    expect(messages.length).toBe(unreadBefore + 1);
    const item = await db.planItem.findUniqueOrThrow({ where: { id: a!.itemId } });
    expect(messages[0]).toMatchObject({ title: `市科协已代为填报：${item.title}`, link: `/reports/${a!.id}` });
    expect(JSON.parse(messages[0]!.params!)).toMatchObject({ round: round.name, file: "市教育局-填报表.xlsx" });
    const save = await db.auditEvent.findFirstOrThrow({
      where: { action: "report.save", objectId: String(a!.id) },
      orderBy: { id: "desc" },
    });
    expect(save.actorId).toBe(admin.userId);
    expect(JSON.parse(save.details!)).toMatchObject({ importId, onBehalf: true });

    // The liaison corrects it in the form: allowed, and it stays marked as entered on the unit's behalf.
    const corrected = await saveReport(jyj, {
      ...baseForm(a!.id, report.version),
      ...{ status: "ON_TRACK" as const, completion: 70, workDone: "联络员更正" },
    });
    expect(corrected.state).toBe("DRAFT");
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: a!.id } })).toMatchObject({
      workDone: "联络员更正",
      enteredById: admin.userId,
      enteredImportId: importId,
    });
  });
});
