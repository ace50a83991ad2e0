import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/core/actor";
import messages from "@/messages/zh-CN.json";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize, deny } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError, isAppError } from "@/lib/core/errors";
import { isSafeDisplayName } from "@/lib/core/files/detect-type";
import { columnLetter } from "@/lib/core/files/workbook";
import { fieldErrorKeys } from "@/lib/core/form";
import { auditTarget, mayAttemptOnAny, type OperationSpec } from "@/lib/core/operations";
import {
  ALL_UNITS,
  LEDGER_OUTPUT_SLOTS,
  LEDGER_SHEETS,
  ledgerColumnNumber,
  statusWord,
  type LedgerColumnKey,
  type LedgerProblem,
  type LedgerValues,
} from "@/lib/reporting/ledger/format";
import { parseLedgerWorkbook } from "@/lib/reporting/ledger/parse";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import { reportFormSchema, type ReportFormInput } from "@/lib/reporting/schemas";
import { EDITABLE_STATES, checkReportForm, writeReport } from "./report-write";

// The ledger round-trip, way back in: a unit's round workbook (填报表) uploaded by its liaison, or
// by CAST staff on the unit's behalf (代填), is read, compared row by row with what the portal
// holds and stored as a pending import; nothing reaches a report until the uploader confirms.
// Confirming saves each row exactly as the report form would (`writeReport`), in batches the
// page calls one after another to show progress.

const OPS = REPORTING_OPERATIONS;

/** What the preview says a row will do. */
export type RowResult = "SAVE" | "UNCHANGED" | "CONFLICT" | "PROBLEM";

export type LedgerField = "status" | "completion" | "workDone" | "problems" | "nextSteps" | "eventsHeld" | "peopleReached" | "outputs";

/** One field that differs: what the portal holds and what the workbook says, as text to show. */
export interface FieldChange {
  field: LedgerField;
  portal: string;
  workbook: string;
}

export interface ImportRow {
  /** The row number in the 填报表 sheet. */
  row: number;
  reportId: number | null;
  /** The version the workbook was made from, and the report's version when previewed. */
  workbookVersion: number | null;
  portalVersion: number | null;
  /** The portal's item when the report was found, else what the workbook shows. */
  item: { number: string | null; title: string };
  result: RowResult;
  /** SAVE: what changes; CONFLICT: both texts of every field that differs. */
  changes: FieldChange[];
  problems: LedgerProblem[];
  /** SAVE: the report form's input the row becomes (the workbook's values, outputs 4+ kept from the portal). */
  form: FormValues | null;
  /** SAVE: whether the form would accept it as a submission (status, completion, work done…). */
  complete: boolean;
}

interface FormValues {
  status?: string;
  completion?: number;
  workDone: string;
  problems: string;
  nextSteps: string;
  eventsHeld?: number;
  peopleReached?: number;
  outputs: { name: string; value: number; unit: string }[];
}

interface StoredProblems {
  /** Problems of the file as a whole: any of them stops the import. */
  file: LedgerProblem[];
  /** Problems of rows: those rows are skipped. */
  rows: LedgerProblem[];
}

export type ImportMode = "DRAFT" | "SUBMIT";

export type RowOutcome = "DRAFT" | "SUBMITTED" | "DRAFT_INCOMPLETE" | "SKIPPED";

export interface AppliedRow {
  row: number;
  reportId: number;
  item: { number: string | null; title: string };
  outcome: RowOutcome;
  /** Why a row was skipped (Chinese). */
  reason?: string;
}

interface Progress {
  mode: ImportMode;
  /** How many of the rows to save are done. */
  next: number;
  outcomes: AppliedRow[];
  /** Set while a batch runs (ISO time), so a second one at the same time is refused. */
  busy?: string;
}

export type ImportCounts = {
  drafts: number;
  submitted: number;
  unchanged: number;
  skipped: number;
};

const FIELD_COLUMN: Record<LedgerField, LedgerColumnKey> = {
  status: "status",
  completion: "completion",
  workDone: "workDone",
  problems: "problems",
  nextSteps: "nextSteps",
  eventsHeld: "eventsHeld",
  peopleReached: "peopleReached",
  outputs: "output1Name",
};

const letter = (key: LedgerColumnKey) => columnLetter(ledgerColumnNumber(key));
const rowProblem = (row: number, key: LedgerColumnKey, message: string): LedgerProblem => ({
  sheet: LEDGER_SHEETS.reports,
  row,
  column: letter(key),
  message,
});

/** Text as the report form stores it: LF line breaks, trimmed. */
const norm = (text: string | null | undefined) => (text ?? "").replace(/\r\n?/g, "\n").trim();

const outputsText = (outputs: { name: string; value: number; unit: string }[]) =>
  outputs.map((output) => `${output.name} ${output.value}${output.unit}`).join("；");

const numberText = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

interface PortalReport {
  status: string | null;
  completion: number | null;
  workDone: string;
  problems: string;
  nextSteps: string;
  eventsHeld: number | null;
  peopleReached: number | null;
  outputs: { name: string; value: number; unit: string }[];
}

/** The fields where the workbook's values differ from the portal's (outputs: the workbook's slots against the portal's first ones). */
function differences(workbook: LedgerValues, portal: PortalReport): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (field: LedgerField, portalText: string, workbookText: string) => {
    if (portalText !== workbookText) changes.push({ field, portal: portalText, workbook: workbookText });
  };
  const word = (status: string | null) => (status ? statusWord(status as Parameters<typeof statusWord>[0]) : "");
  add("status", word(portal.status), word(workbook.status));
  add("completion", numberText(portal.completion), numberText(workbook.completion));
  add("workDone", norm(portal.workDone), norm(workbook.workDone));
  add("problems", norm(portal.problems), norm(workbook.problems));
  add("nextSteps", norm(portal.nextSteps), norm(workbook.nextSteps));
  add("eventsHeld", numberText(portal.eventsHeld), numberText(workbook.eventsHeld));
  add("peopleReached", numberText(portal.peopleReached), numberText(workbook.peopleReached));
  const clean = (outputs: { name: string; value: number; unit: string }[]) =>
    outputs.map((output) => ({ name: norm(output.name), value: output.value, unit: norm(output.unit) }));
  add("outputs", outputsText(clean(portal.outputs.slice(0, LEDGER_OUTPUT_SLOTS))), outputsText(clean(workbook.outputs)));
  return changes;
}

function formValues(workbook: LedgerValues, portalOutputs: { name: string; value: number; unit: string }[]): FormValues {
  return {
    ...(workbook.status ? { status: workbook.status } : {}),
    ...(workbook.completion !== null ? { completion: workbook.completion } : {}),
    workDone: workbook.workDone,
    problems: workbook.problems,
    nextSteps: workbook.nextSteps,
    ...(workbook.eventsHeld !== null ? { eventsHeld: workbook.eventsHeld } : {}),
    ...(workbook.peopleReached !== null ? { peopleReached: workbook.peopleReached } : {}),
    // The workbook has room for the first outputs; the portal's further ones are kept as they are.
    outputs: [...workbook.outputs, ...portalOutputs.slice(LEDGER_OUTPUT_SLOTS).map(({ name, value, unit }) => ({ name, value, unit }))],
  };
}

const VALIDATION_MESSAGES = messages.validation as unknown as Record<string, string>;

/** What the report form would refuse in a row, as problems at the row's cells. */
function formProblems(row: number, input: Record<string, unknown>): LedgerProblem[] {
  const checked = reportFormSchema.safeParse(input);
  if (checked.success) return [];
  return Object.entries(fieldErrorKeys(checked.error)).map(([field, key]) =>
    rowProblem(row, FIELD_COLUMN[field as LedgerField] ?? "identity", `${VALIDATION_MESSAGES[key] ?? VALIDATION_MESSAGES.invalid}`),
  );
}

const isComplete = (input: Record<string, unknown>) => reportFormSchema.safeParse({ ...input, intent: "submit" }).success;

/**
 * Who uploads for which unit: a liaison their own unit only (another unit named is refused,
 * audited); CAST staff (report:on_behalf) must name the unit whose workbook they received (代填).
 */
async function importUnit(actor: Actor, unitId: number | null | undefined) {
  if (mayAttemptOnAny(actor.role, OPS.previewImport)) {
    if (!unitId) throw new AppError("VALIDATION", "ledgerUnitRequired", {}, { unitId: "ledgerUnitRequired" });
    const unit = await db.unit.findUnique({
      where: { id: unitId },
      select: { id: true, name: true, deactivatedAt: true, mergedIntoId: true },
    });
    if (!unit || unit.deactivatedAt || unit.mergedIntoId)
      throw new AppError("VALIDATION", "ledgerUnitInactive", {}, { unitId: "ledgerUnitInactive" });
    return { unit, onBehalf: true };
  }
  if (!actor.unitId) return deny(actor, OPS.previewImport, unitId ?? null, "no_unit");
  if (unitId && unitId !== actor.unitId) return deny(actor, OPS.previewImport, unitId, "not the liaison's unit");
  const unit = await db.unit.findUniqueOrThrow({ where: { id: actor.unitId }, select: { id: true, name: true } });
  return { unit, onBehalf: false };
}

export interface PreviewInput {
  fileName: string;
  bytes: Uint8Array;
  /** The unit the workbook is for: required for CAST (代填), the liaison's own unit otherwise. */
  unitId?: number | null;
}

/**
 * Reads an uploaded round workbook, compares each row with the report it names and stores the
 * result as a pending import; no report changes. A file that is not a round workbook (not an
 * .xlsx, a macro workbook, too large, no 平台信息 sheet, a round that does not exist) is refused
 * and nothing is stored.
 */
export async function previewReportImport(actor: Actor | null, input: PreviewInput) {
  const checked = await authorize(actor, OPS.previewImport, input.unitId ?? null);
  const { unit, onBehalf } = await importUnit(checked, input.unitId);
  const fileName = input.fileName.trim();
  if (!isSafeDisplayName(fileName)) throw new AppError("VALIDATION", "fileNameInvalid", {}, { file: "fileNameInvalid" });
  const parsed = await parseLedgerWorkbook(input.bytes);
  if (!parsed.meta) {
    const reason = parsed.problems.map((problem) => problem.message).join(" ") || messages.errors.ledgerNotRoundWorkbook;
    throw new AppError("VALIDATION", "ledgerImportRefused", { reason });
  }
  const meta = parsed.meta;
  const round = await db.reportingRound.findUnique({ where: { id: meta.roundId }, select: { id: true, name: true, status: true } });
  if (!round) throw new AppError("VALIDATION", "ledgerImportRefused", { reason: messages.errors.ledgerRoundMissing });

  const fileProblems: LedgerProblem[] = [...parsed.problems];
  if (round.status !== "OPEN") fileProblems.push({ sheet: LEDGER_SHEETS.meta, message: `「${round.name}」已结束报送，不能再导入。` });
  if (meta.unitId !== ALL_UNITS && meta.unitId !== unit.id) {
    const other = await db.unit.findUnique({ where: { id: meta.unitId }, select: { name: true } });
    fileProblems.push({ sheet: LEDGER_SHEETS.meta, message: `这是${other?.name ?? "其他单位"}的填报表，与${unit.name}不一致。` });
  }

  // One read for every report the rows name.
  const ids = [...new Set(parsed.rows.flatMap((row) => (row.identity ? [row.identity.reportId] : [])))];
  const reports = await db.progressReport.findMany({
    where: { id: { in: ids } },
    include: {
      item: { select: { number: true, title: true } },
      unit: { select: { name: true } },
      outputs: { orderBy: { position: "asc" }, select: { name: true, value: true, unit: true } },
    },
  });
  const byId = new Map(reports.map((report) => [report.id, report]));
  const rowsOf = new Map<number, number[]>();
  for (const row of parsed.rows)
    if (row.identity) rowsOf.set(row.identity.reportId, [...(rowsOf.get(row.identity.reportId) ?? []), row.row]);

  const rows: ImportRow[] = parsed.rows.map((row) => {
    const report = row.identity ? byId.get(row.identity.reportId) : undefined;
    const base: ImportRow = {
      row: row.row,
      reportId: row.identity?.reportId ?? null,
      workbookVersion: row.identity?.version ?? null,
      portalVersion: report?.version ?? null,
      item: report
        ? { number: report.item.number, title: report.item.title }
        : { number: row.shown.number || null, title: row.shown.title },
      result: "PROBLEM",
      changes: [],
      problems: [...row.problems],
      form: null,
      complete: false,
    };
    const problem = (key: LedgerColumnKey, message: string) => ({
      ...base,
      problems: [...base.problems, rowProblem(row.row, key, message)],
    });
    if (!row.identity) return base.problems.length > 0 ? base : problem("identity", "无法识别这一行对应的报告：系统识别码缺失或被修改。");
    if (!report) return problem("identity", "找不到这一行对应的报告，它可能不是平台生成的。");
    if (report.unitId !== unit.id) return problem("unit", `这一行是${report.unit.name}的报告，不能导入到${unit.name}。`);
    if (report.roundId !== round.id) return problem("identity", `这一行的报告不属于「${round.name}」。`);
    const same = rowsOf.get(report.id) ?? [];
    if (same.length > 1) return problem("identity", `第 ${same.join("、")} 行是同一份报告，请只保留一行。`);
    if (base.problems.length > 0) return base;
    const changes = differences(row.values, report);
    if (changes.length === 0) return { ...base, result: "UNCHANGED" };
    if (report.state === "SUBMITTED") return { ...problem("state", "该报告已报送，不能再修改。"), changes };
    if (report.state === "APPROVED") return { ...problem("state", "该报告已审核通过，不能再修改。"), changes };
    if (report.version !== row.identity.version) return { ...base, result: "CONFLICT", changes };
    const form = formValues(row.values, report.outputs);
    const input = { ...form, reportId: report.id, version: report.version, intent: "save", submissionKey: "" };
    const refused = formProblems(row.row, input);
    if (refused.length > 0) return { ...base, problems: refused, changes };
    return { ...base, result: "SAVE", changes, form, complete: isComplete(input) };
  });

  const problems: StoredProblems = { file: fileProblems, rows: rows.flatMap((row) => row.problems) };
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const counts = resultCounts(rows);
  const created = await db.$transaction(async (tx) => {
    const saved = await tx.reportImport.create({
      data: {
        roundId: round.id,
        unitId: unit.id,
        onBehalf,
        fileName,
        sha256,
        size: input.bytes.byteLength,
        rows: JSON.stringify(rows),
        problems: JSON.stringify(problems),
        createdById: checked.userId,
      },
    });
    await appendAudit(tx, {
      ...auditTarget(OPS.previewImport, saved.id),
      result: "SUCCESS",
      actor: checked,
      details: { fileName, sha256, roundId: round.id, unitId: unit.id, onBehalf, ...counts, fileProblems: fileProblems.length },
    });
    return saved;
  });
  return { importId: created.id };
}

function resultCounts(rows: ImportRow[]) {
  const count = (result: RowResult) => rows.filter((row) => row.result === result).length;
  return { rows: rows.length, save: count("SAVE"), unchanged: count("UNCHANGED"), conflict: count("CONFLICT"), problem: count("PROBLEM") };
}

/** An import of the actor's own making (only who uploaded it reads or changes it), or a refusal, audited. */
async function ownImport(actor: Actor, operation: OperationSpec, importId: number) {
  const row = await db.reportImport.findUnique({ where: { id: importId } });
  if (!row) throw new AppError("NOT_FOUND");
  if (row.createdById !== actor.userId) await deny(actor, operation, importId, "not_own_import");
  if (!mayAttemptOnAny(actor.role, operation) && row.unitId !== actor.unitId)
    await deny(actor, operation, importId, "not the liaison's unit");
  return row;
}

function progressOf(result: string | null): Progress | null {
  return result ? (JSON.parse(result) as Progress) : null;
}

function outcomeCounts(rows: ImportRow[], outcomes: AppliedRow[]): ImportCounts {
  return {
    drafts: outcomes.filter((row) => row.outcome === "DRAFT" || row.outcome === "DRAFT_INCOMPLETE").length,
    submitted: outcomes.filter((row) => row.outcome === "SUBMITTED").length,
    unchanged: rows.filter((row) => row.result === "UNCHANGED").length,
    skipped:
      rows.filter((row) => row.result === "PROBLEM" || row.result === "CONFLICT").length +
      outcomes.filter((row) => row.outcome === "SKIPPED").length,
  };
}

/** The rows not saved: those the preview found problems or conflicts in, then those skipped while applying. */
function skippedRows(rows: ImportRow[], outcomes: AppliedRow[]) {
  const fromPreview = rows
    .filter((row) => row.result === "PROBLEM" || row.result === "CONFLICT")
    .map((row) => ({
      row: row.row,
      item: row.item,
      reason:
        row.result === "CONFLICT"
          ? "下载后平台上的内容已被修改（冲突），未覆盖。"
          : row.problems.map((problem) => problem.message).join(" "),
    }));
  const fromApply = outcomes
    .filter((row) => row.outcome === "SKIPPED")
    .map((row) => ({ row: row.row, item: row.item, reason: row.reason ?? "" }));
  return [...fromPreview, ...fromApply].sort((a, b) => a.row - b.row);
}

/** A pending or finished import as its page shows it: only to who uploaded it. */
export async function getReportImport(actor: Actor | null, importId: number) {
  const checked = await authorize(actor, OPS.readImport, importId);
  const row = await ownImport(checked, OPS.readImport, importId);
  const [round, unit, earlier] = await Promise.all([
    db.reportingRound.findUniqueOrThrow({ where: { id: row.roundId }, select: { id: true, name: true, period: true, status: true } }),
    db.unit.findUniqueOrThrow({ where: { id: row.unitId }, select: { id: true, name: true } }),
    db.reportImport.findFirst({
      where: { sha256: row.sha256, unitId: row.unitId, roundId: row.roundId, status: "APPLIED", id: { not: row.id } },
      orderBy: { appliedAt: "desc" },
      select: { id: true, appliedAt: true },
    }),
  ]);
  const rows = JSON.parse(row.rows) as ImportRow[];
  const problems = JSON.parse(row.problems) as StoredProblems;
  const progress = progressOf(row.result);
  const total = rows.filter((entry) => entry.result === "SAVE").length;
  const status = row.status as "PENDING" | "APPLYING" | "APPLIED" | "DISCARDED";
  return {
    id: row.id,
    status,
    mode: (row.mode as ImportMode | null) ?? null,
    fileName: row.fileName,
    createdAt: row.createdAt,
    appliedAt: row.appliedAt,
    onBehalf: row.onBehalf,
    round,
    unit,
    rows,
    fileProblems: problems.file,
    rowProblems: problems.rows,
    counts: resultCounts(rows),
    /** The same file was already imported for this unit and round. */
    alreadyApplied: earlier,
    canApply: (status === "PENDING" || status === "APPLYING") && problems.file.length === 0 && round.status === "OPEN",
    progress: { next: progress?.next ?? 0, total },
    result:
      progress && (status === "APPLIED" || progress.outcomes.length > 0)
        ? {
            counts: outcomeCounts(rows, progress.outcomes),
            incomplete: progress.outcomes
              .filter((entry) => entry.outcome === "DRAFT_INCOMPLETE")
              .map(({ row: at, item }) => ({ row: at, item })),
            skipped: skippedRows(rows, progress.outcomes),
          }
        : null,
  };
}

export interface ApplyInput {
  importId: number;
  mode: ImportMode;
  /** The first of the rows to save to apply now (their index among them); the next one by default. */
  from?: number;
  /** How many rows to apply now; all the rest by default. */
  limit?: number;
}

/** A batch still marked as running after this long is taken to have died. */
const BUSY_MS = 2 * 60 * 1000;

/**
 * Applies a previewed import: each row the preview marked 将保存, in order, `limit` of them from
 * `from`, each in its own transaction and exactly as the report form saves (same schema, version
 * guard, events, audit). In SUBMIT mode complete rows are submitted and the others saved as drafts.
 * A row whose report changed since the preview, or can no longer change, is skipped and named.
 * Called in batches it reports progress; the import is APPLIED when every row is done, and
 * applying it again (or a discarded one) changes nothing.
 */
export async function applyReportImport(actor: Actor | null, input: ApplyInput, now = new Date()) {
  const checked = await authorize(actor, OPS.applyImport, input.importId);
  const row = await ownImport(checked, OPS.applyImport, input.importId);
  if (row.status === "APPLIED") throw new AppError("CONFLICT", "ledgerImportApplied");
  if (row.status === "DISCARDED") throw new AppError("CONFLICT", "ledgerImportDiscarded");
  const problems = JSON.parse(row.problems) as StoredProblems;
  if (problems.file.length > 0) throw new AppError("VALIDATION", "ledgerImportHasProblems");
  const round = await db.reportingRound.findUniqueOrThrow({ where: { id: row.roundId }, select: { name: true, status: true } });
  if (round.status !== "OPEN") throw new AppError("CONFLICT", "roundClosed");

  const rows = JSON.parse(row.rows) as ImportRow[];
  const toSave = rows.filter((entry) => entry.result === "SAVE");
  const stored = progressOf(row.result);
  if (stored && stored.mode !== input.mode) throw new AppError("CONFLICT", "ledgerImportModeChanged");
  if (stored?.busy && now.getTime() - Date.parse(stored.busy) < BUSY_MS) throw new AppError("CONFLICT", "ledgerImportBusy");
  const progress: Progress = { mode: input.mode, next: stored?.next ?? 0, outcomes: stored?.outcomes ?? [] };
  const from = input.from ?? progress.next;
  if (from !== progress.next) throw new AppError("CONFLICT", "ledgerImportBusy");
  const batch = toSave.slice(from, input.limit === undefined ? undefined : from + input.limit);

  // The claim: of two calls at the same time, one marks the import busy, the other finds it changed.
  const claimed = JSON.stringify({ ...progress, busy: now.toISOString() });
  const claim = await db.reportImport.updateMany({
    where: { id: row.id, status: row.status, result: row.result },
    data: { status: "APPLYING", mode: input.mode, result: claimed },
  });
  if (claim.count === 0) throw new AppError("CONFLICT", "ledgerImportBusy");

  const source = { importId: row.id, fileName: row.fileName, onBehalf: row.onBehalf, roundName: round.name };
  const current = new Map(
    (
      await db.progressReport.findMany({
        where: { id: { in: batch.map((entry) => entry.reportId!) } },
        select: { id: true, roundId: true, itemId: true, unitId: true, state: true, version: true },
      })
    ).map((report) => [report.id, report]),
  );
  const outcomes: AppliedRow[] = [];
  const stale = "预览后该报告在平台上已被修改，未覆盖；请重新下载填报表。";
  const writes: { entry: ImportRow; report: NonNullable<ReturnType<typeof current.get>>; form: ReportFormInput; submit: boolean }[] = [];
  for (const entry of batch) {
    const report = current.get(entry.reportId!);
    const skip = (reason: string) =>
      outcomes.push({ row: entry.row, reportId: entry.reportId!, item: entry.item, outcome: "SKIPPED", reason });
    if (!report || report.unitId !== row.unitId) {
      skip("找不到该报告。");
      continue;
    }
    if (!(EDITABLE_STATES as readonly string[]).includes(report.state)) {
      skip("预览后该报告已报送或已审核通过，未导入。");
      continue;
    }
    if (report.version !== entry.portalVersion) {
      skip(stale);
      continue;
    }
    const submit = input.mode === "SUBMIT" && entry.complete;
    try {
      const form = checkReportForm({
        ...entry.form,
        reportId: report.id,
        version: report.version,
        intent: submit ? "submit" : "save",
        submissionKey: "",
      });
      writes.push({ entry, report, form, submit });
    } catch (error) {
      if (!isAppError(error)) throw error;
      skip("内容不符合填报要求，未导入。");
    }
  }
  // One transaction per batch (a commit waits for the disk: per row it would dominate a 2,000-row
  // import). Each row is still guarded by its version: a row changed meanwhile writes nothing and
  // is named, the others are saved.
  const written = await db.$transaction(async (tx) => {
    const results: boolean[] = [];
    for (const { entry, report, form } of writes) {
      results.push((await writeReport(tx, report, checked, form, now, { ...source, itemTitle: entry.item.title })) !== null);
    }
    return results;
  });
  writes.forEach(({ entry, report, submit }, index) => {
    if (!written[index]) outcomes.push({ row: entry.row, reportId: report.id, item: entry.item, outcome: "SKIPPED", reason: stale });
    else
      outcomes.push({
        row: entry.row,
        reportId: report.id,
        item: entry.item,
        outcome: submit ? "SUBMITTED" : input.mode === "SUBMIT" ? "DRAFT_INCOMPLETE" : "DRAFT",
      });
  });
  outcomes.sort((a, b) => a.row - b.row);

  const next = from + batch.length;
  const done = next >= toSave.length;
  const finished: Progress = { mode: input.mode, next, outcomes: [...progress.outcomes, ...outcomes] };
  const counts = outcomeCounts(rows, finished.outcomes);
  await db.$transaction(async (tx) => {
    await tx.reportImport.updateMany({
      where: { id: row.id, result: claimed },
      data: { status: done ? "APPLIED" : "APPLYING", result: JSON.stringify(finished), ...(done ? { appliedAt: now } : {}) },
    });
    await appendAudit(
      tx,
      {
        ...auditTarget(OPS.applyImport, row.id),
        result: "SUCCESS",
        actor: checked,
        details: {
          fileName: row.fileName,
          sha256: row.sha256,
          mode: input.mode,
          from,
          processed: batch.length,
          done,
          onBehalf: row.onBehalf,
          ...counts,
        },
      },
      now,
    );
  });
  return { processed: next, total: toSave.length, done, counts };
}

/** Drops a pending import (or the rest of one partly applied): nothing more is saved from it. */
export async function discardReportImport(actor: Actor | null, input: { importId: number }) {
  const checked = await authorize(actor, OPS.discardImport, input.importId);
  const row = await ownImport(checked, OPS.discardImport, input.importId);
  if (row.status === "APPLIED") throw new AppError("CONFLICT", "ledgerImportApplied");
  if (row.status === "DISCARDED") throw new AppError("CONFLICT", "ledgerImportDiscarded");
  await db.$transaction(async (tx) => {
    const { count } = await tx.reportImport.updateMany({
      where: { id: row.id, status: { in: ["PENDING", "APPLYING"] } },
      data: { status: "DISCARDED" },
    });
    if (count === 0) throw new AppError("CONFLICT", "ledgerImportApplied");
    await appendAudit(tx, {
      ...auditTarget(OPS.discardImport, row.id),
      result: "SUCCESS",
      actor: checked,
      details: { fileName: row.fileName, sha256: row.sha256, ...resultCounts(JSON.parse(row.rows) as ImportRow[]) },
    });
  });
}

/**
 * What the upload page offers: for CAST the active units to enter a workbook for (代填), for a
 * liaison their own unit; and the open rounds whose workbook they may download.
 */
export async function reportImportOptions(actor: Actor | null) {
  const checked = await authorize(actor, OPS.previewImport);
  const onBehalf = mayAttemptOnAny(checked.role, OPS.previewImport);
  const [units, rounds] = await Promise.all([
    onBehalf
      ? db.unit.findMany({
          where: { deactivatedAt: null, mergedIntoId: null },
          orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
          select: { id: true, name: true },
        })
      : db.unit.findMany({ where: { id: checked.unitId ?? -1 }, select: { id: true, name: true } }),
    db.reportingRound.findMany({
      where: { status: "OPEN", ...(onBehalf ? {} : { reports: { some: { unitId: checked.unitId ?? -1 } } }) },
      orderBy: [{ deadline: "asc" }, { id: "asc" }],
      select: { id: true, name: true, period: true, deadline: true },
    }),
  ]);
  return { onBehalf, units, rounds };
}
