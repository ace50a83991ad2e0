import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReportFormInput, ReviewInput, ReviewQueueFilter } from "@/lib/reporting/schemas";
import { authorize, deny } from "@/lib/core/authz";
import type { OperationSpec } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { canReadUnitTimeline } from "@/lib/reporting/access";
import { COUNTED_STATES, consolidate, isCounted, type Consolidation } from "@/lib/reporting/consolidation";
import type { ChaseLevel } from "@/lib/generated/prisma/enums";
import type { Light, LightReason } from "@/lib/reporting/traffic-light";
import { reportLight } from "./rounds";
import { countAtMost, pageInfo, pageWindow } from "@/lib/core/paging";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import { OWN_ENTRY_REASON, reviewedReportInclude, writeReview } from "./review";
import { EDITABLE_STATES, checkReportForm, writeReport } from "./report-write";

/**
 * States in which a supporter's report is visible to the lead unit consolidating it: submitted
 * or approved. A returned report is being revised (its text is a draft again), so it is not.
 */
const SHARED_STATES = COUNTED_STATES;

const reportInclude = {
  round: true,
  unit: { select: { id: true, name: true } },
  item: { select: { id: true, number: true, title: true, kind: true, plan: { select: { code: true, shortTitle: true } } } },
  outputs: { orderBy: { position: "asc" } },
  attachments: { orderBy: { uploadedAt: "asc" } },
  events: { orderBy: { createdAt: "asc" } },
  /** 代填: the workbook CAST entered the report from, named on the report page. */
  enteredImport: { select: { fileName: true } },
} as const satisfies Prisma.ProgressReportInclude;

export type ReportDetail = Prisma.ProgressReportGetPayload<{ include: typeof reportInclude }>;

/**
 * Who may read a report: CAST staff and leaders all; a liaison their own unit's, and, as a
 * lead unit of the item, the supporters' reports it consolidates once they are submitted.
 */
async function mayRead(actor: Actor, report: { roundId: number; itemId: number; unitId: number; state: string }): Promise<boolean> {
  if (actor.role !== "LIAISON") return true;
  if (actor.unitId === report.unitId) return true;
  if (!(SHARED_STATES as readonly string[]).includes(report.state)) return false;
  const lead = await db.progressReport.findFirst({
    where: { roundId: report.roundId, itemId: report.itemId, unitId: actor.unitId ?? -1, role: "LEAD" },
    select: { id: true },
  });
  return lead !== null;
}

/** One supporting unit of the item in the lead's round, as the lead unit's consolidation shows it. */
export interface SupporterStatus {
  reportId: number;
  unit: { id: number; name: string };
  state: string;
  submittedAt: Date | null;
  light: Light;
  reason: LightReason;
  /** The highest chasing level the unit has received in this round, if any. */
  chased: ChaseLevel | null;
  /** The report's content once submitted or approved; never a draft's (or a returned report's) text. */
  report: ReportDetail | null;
}

const CHASE_RANK: Record<ChaseLevel, number> = { REMIND: 1, URGE: 2, SUPERVISE: 3 };

/**
 * Every supporting unit of a lead report's item in its round, with state and light, and the
 * content of those that have submitted; their numeric outputs added up beside the lead's own.
 */
async function consolidation(report: ReportDetail, now: Date): Promise<{ supporters: SupporterStatus[]; totals: Consolidation }> {
  const rows = await db.progressReport.findMany({
    where: { roundId: report.roundId, itemId: report.itemId, role: "SUPPORT" },
    // Only what the state and light need: a draft's text is never read here.
    select: { id: true, state: true, status: true, submittedAt: true, unit: { select: { id: true, name: true } } },
    orderBy: [{ unit: { sortOrder: "asc" } }, { unitId: "asc" }],
  });
  const shared = await db.progressReport.findMany({
    where: { id: { in: rows.filter((row) => isCounted(row.state)).map((row) => row.id) }, state: { in: [...COUNTED_STATES] } },
    include: reportInclude,
  });
  const chases = await db.chase.findMany({
    where: { roundId: report.roundId, unitId: { in: rows.map((row) => row.unit.id) } },
    select: { unitId: true, level: true },
  });
  const supporters = rows.map((row): SupporterStatus => {
    const highest = chases
      .filter((chase) => chase.unitId === row.unit.id)
      .reduce<ChaseLevel | null>((acc, chase) => (acc === null || CHASE_RANK[chase.level] > CHASE_RANK[acc] ? chase.level : acc), null);
    return {
      reportId: row.id,
      unit: row.unit,
      state: row.state,
      submittedAt: row.submittedAt,
      ...reportLight(row, report.round.deadline, now),
      chased: highest,
      report: shared.find((detail) => detail.id === row.id) ?? null,
    };
  });
  const figures = (detail: ReportDetail) => ({
    eventsHeld: detail.eventsHeld,
    peopleReached: detail.peopleReached,
    outputs: detail.outputs.map((output) => ({ name: output.name, value: output.value, unit: output.unit })),
  });
  const totals = consolidate(
    { unitName: report.unit.name, figures: figures(report) },
    supporters.flatMap((supporter) => (supporter.report ? [{ unitName: supporter.unit.name, figures: figures(supporter.report) }] : [])),
  );
  return { supporters, totals };
}

/** A report the actor may read (the same rule as its page), or a refusal (audited). */
export async function loadReadableReport(
  actor: Actor | null,
  reportId: number,
  /** What is being read, for the audit record of a refusal: the report itself, or e.g. its evidence. */
  operation: OperationSpec = REPORTING_OPERATIONS.readReport,
  objectId: number = reportId,
) {
  const reader = await authorize(actor, operation, objectId);
  const report = await db.progressReport.findUnique({ where: { id: reportId }, include: reportInclude });
  if (!report) throw new AppError("NOT_FOUND");
  if (!(await mayRead(reader, report))) await deny(reader, operation, objectId, "not the unit's report");
  return { reader, report };
}

/**
 * A report as its page shows it. For a lead unit's report also the consolidation: every
 * supporting unit with its state and light, the submitted ones' content, and the sums.
 */
export async function getReport(
  actor: Actor | null,
  reportId: number,
  now = new Date(),
): Promise<{ report: ReportDetail; supporters: SupporterStatus[]; totals: Consolidation | null; editable: boolean }> {
  const { reader, report } = await loadReadableReport(actor, reportId);
  const { supporters, totals } = report.role === "LEAD" ? await consolidation(report, now) : { supporters: [], totals: null };
  const editable =
    reader.role === "LIAISON" &&
    reader.unitId === report.unitId &&
    (EDITABLE_STATES as readonly string[]).includes(report.state) &&
    report.round.status === "OPEN";
  return { report, supporters, totals, editable };
}

/**
 * The liaison's own unit's report, for an operation that changes it (a save, a submission,
 * evidence), or a refusal (audited under `objectId`, the report or the attachment acted on).
 * `assertEditable` then says whether it may still change.
 */
export async function loadOwnReport(actor: Actor | null, operation: OperationSpec, reportId: number, objectId: number = reportId) {
  const writer = await authorize(actor, operation, objectId);
  const report = await db.progressReport.findUnique({ where: { id: reportId }, include: { round: true } });
  if (!report) throw new AppError("NOT_FOUND");
  if (report.unitId !== writer.unitId) await deny(writer, operation, objectId, "not the unit's report");
  return { writer, report };
}

/** A report changes only while its round is open and it is not submitted or approved. */
export function assertEditable(report: { state: string; round: { status: string } }) {
  if (report.round.status !== "OPEN") throw new AppError("CONFLICT", "roundClosed");
  if (!(EDITABLE_STATES as readonly string[]).includes(report.state))
    throw new AppError("CONFLICT", "reportLocked", { state: report.state });
}

/**
 * Saves a draft or submits. The version guards against lost updates (a concurrent edit
 * makes this one fail with CONFLICT, the caller keeps its text); the submission key makes
 * a repeated submit a no-op. The write itself (`writeReport`) is the one the workbook import uses.
 */
export async function saveReport(actor: Actor | null, input: ReportFormInput, now = new Date()) {
  const operation = input.intent === "submit" ? REPORTING_OPERATIONS.submitReport : REPORTING_OPERATIONS.saveReport;
  const { writer, report } = await loadOwnReport(actor, operation, input.reportId);
  if (
    input.intent === "submit" &&
    input.submissionKey !== "" &&
    report.submissionKey === input.submissionKey &&
    report.state !== "RETURNED"
  ) {
    return { state: report.state, version: report.version, repeated: true, pageChanged: true };
  }
  assertEditable(report);
  const checked = checkReportForm(input);
  return db.$transaction(async (tx) => {
    const written = await writeReport(tx, report, writer, checked, now);
    if (!written) {
      // A concurrent submit with the same key got here first: that is this request's outcome.
      const current = await tx.progressReport.findUniqueOrThrow({ where: { id: report.id } });
      if (input.intent === "submit" && input.submissionKey !== "" && current.submissionKey === input.submissionKey) {
        return { state: current.state, version: current.version, repeated: true, pageChanged: true };
      }
      throw new AppError("CONFLICT", "staleReport");
    }
    // What the report page shows besides the form: the state badge and the traffic light, which
    // for a report still being written depends on its state and the deadline only (lightFor). A
    // draft save of the version the page was drawn from that keeps the state need not draw the
    // page again.
    const pageChanged = input.intent === "submit" || report.version !== input.version || written.state !== report.state;
    return { ...written, repeated: false, pageChanged };
  });
}

/** CAST approves a submitted report, which locks it, or returns it with a required comment. */
export async function reviewReport(actor: Actor | null, input: ReviewInput, now = new Date()) {
  const operation = input.decision === "APPROVE" ? REPORTING_OPERATIONS.approveReport : REPORTING_OPERATIONS.returnReport;
  const reviewer = await authorize(actor, operation, input.reportId);
  const report = await db.progressReport.findUnique({ where: { id: input.reportId }, include: reviewedReportInclude });
  if (!report) throw new AppError("NOT_FOUND");
  // 代填: who entered the report on the unit's behalf does not approve it too (returning it is allowed).
  if (input.decision === "APPROVE" && report.enteredById === reviewer.userId) {
    await deny(reviewer, operation, report.id, OWN_ENTRY_REASON).catch(() => {
      throw new AppError("FORBIDDEN", "approveOwnEntry");
    });
  }
  // A returned report could not be resubmitted in a closed round; approving is still possible.
  if (input.decision === "RETURN" && report.round.status !== "OPEN") throw new AppError("CONFLICT", "roundClosedNoReturn");
  if (input.decision === "RETURN" && input.comment.trim() === "") {
    throw new AppError("VALIDATION", "VALIDATION", {}, { comment: "returnNeedsComment" });
  }
  if (report.state !== "SUBMITTED") throw new AppError("CONFLICT", "notSubmitted");
  const state = input.decision === "APPROVE" ? "APPROVED" : "RETURNED";
  return db.$transaction(async (tx) => {
    const written = await writeReview(tx, report, reviewer, { state, version: input.version, comment: input.comment }, now);
    if (!written) throw new AppError("CONFLICT", "staleReport");
    return { state, version: input.version + 1 };
  });
}

/** The events of an item's reports (a liaison sees their own unit's only), newest first. */
export async function itemTimeline(actor: Actor | null, itemId: number) {
  const reader = await authorize(actor, REPORTING_OPERATIONS.itemTimeline, itemId);
  return db.reportEvent.findMany({
    where: { itemId, ...(reader.role === "LIAISON" ? { unitId: reader.unitId ?? -1 } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { report: { select: { id: true, unit: { select: { name: true } } } } },
    take: 200,
  });
}

export async function unitTimeline(actor: Actor | null, unitId: number) {
  const reader = await authorize(actor, REPORTING_OPERATIONS.unitTimeline, unitId);
  if (!canReadUnitTimeline(reader, unitId)) await deny(reader, REPORTING_OPERATIONS.unitTimeline, unitId, "not the liaison's unit");
  return db.reportEvent.findMany({
    where: { unitId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { report: { select: { id: true, item: { select: { title: true } } } } },
    take: 200,
  });
}

const REVIEW_ORDER = {
  oldest: [{ submittedAt: "asc" }, { id: "asc" }],
  newest: [{ submittedAt: "desc" }, { id: "desc" }],
  deadline: [{ round: { deadline: "asc" } }, { submittedAt: "asc" }, { id: "asc" }],
  unit: [{ unit: { sortOrder: "asc" } }, { unitId: "asc" }, { submittedAt: "asc" }, { id: "asc" }],
} as const satisfies Record<ReviewQueueFilter["sort"], Prisma.ProgressReportOrderByWithRelationInput[]>;

/** A report's item lies in a section when it is the section, one of its measures or a work item under one. */
function inSection(sectionId: number): Prisma.ProgressReportWhereInput {
  return { OR: [{ itemId: sectionId }, { item: { parentId: sectionId } }, { item: { parent: { parentId: sectionId } } }] };
}

const SUBMITTED_REPORT = { some: { state: "SUBMITTED" } } as const satisfies Prisma.ProgressReportListRelationFilter;

/**
 * CAST's review queue: submitted reports, oldest submission first unless another order is asked
 * for, narrowed by round, unit and section, a page (PAGE_SIZE) at a time; `matching` counts the
 * narrowed queue (up to COUNT_CAP). The filters offer the rounds, units and sections of the whole
 * queue (so a filter never offers what cannot match), found by `EXISTS` conditions rather than by
 * loading the queue; `total` is the whole queue.
 */
export async function reviewQueue(actor: Actor | null, filter: Omit<ReviewQueueFilter, "page"> & { page?: number } = { sort: "oldest" }) {
  await authorize(actor, REPORTING_OPERATIONS.reviewQueue);
  const paging = { page: filter.page ?? 1 };
  const conditions: Prisma.ProgressReportWhereInput[] = [{ state: "SUBMITTED" }];
  if (filter.round) conditions.push({ roundId: filter.round });
  if (filter.unit) conditions.push({ unitId: filter.unit });
  if (filter.section) conditions.push(inSection(filter.section));
  const where = { AND: conditions };
  const [reports, matching, total, rounds, units, sections] = await Promise.all([
    db.progressReport.findMany({
      where,
      orderBy: [...REVIEW_ORDER[filter.sort]],
      ...pageWindow(paging),
      include: {
        unit: { select: { name: true } },
        item: { select: { number: true, title: true } },
        round: { select: { name: true, deadline: true } },
      },
    }),
    countAtMost((args) => db.progressReport.count({ where, ...args })),
    db.progressReport.count({ where: { state: "SUBMITTED" } }),
    db.reportingRound.findMany({
      where: { reports: SUBMITTED_REPORT },
      orderBy: [{ deadline: "desc" }, { id: "desc" }],
      select: { id: true, name: true, deadline: true },
    }),
    db.unit.findMany({
      where: { reports: SUBMITTED_REPORT },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    // A section is offered when a submitted report is on it, on one of its measures or on a work item under one.
    db.planItem.findMany({
      where: {
        kind: "SECTION",
        OR: [
          { reports: SUBMITTED_REPORT },
          { children: { some: { reports: SUBMITTED_REPORT } } },
          { children: { some: { children: { some: { reports: SUBMITTED_REPORT } } } } },
        ],
      },
      orderBy: { id: "asc" },
      select: { id: true, number: true, title: true },
    }),
  ]);
  return { reports, total, matching: matching.total, info: pageInfo(paging, matching), options: { rounds, units, sections } };
}

/** Reports of the unit's own in 我的任务, with what the workbench shows of item and round. */
const taskInclude = {
  item: { select: { number: true, title: true } },
  round: { select: { id: true, name: true, deadline: true, status: true } },
} as const satisfies Prisma.ProgressReportInclude;

/**
 * The liaison's 我的任务: their unit's reports in open rounds in full (bounded by the unit's
 * assignments in the rounds under way), for the workbench's groups by state; and the unit's
 * history, reports of closed rounds (read only), newest round first, a page at a time.
 */
export async function myTasks(actor: Actor | null, history: { page: number } = { page: 1 }) {
  const liaison = await authorize(actor, REPORTING_OPERATIONS.myTasks);
  const unitId = liaison.unitId ?? -1;
  const closed = { unitId, round: { status: "CLOSED" } } as const satisfies Prisma.ProgressReportWhereInput;
  // The rounds under way (a handful at any time), so the open reports are found through the round
  // index rather than by walking the unit's whole history.
  const openRounds = await db.reportingRound.findMany({ where: { status: "OPEN" }, select: { id: true } });
  const [open, past, count] = await Promise.all([
    db.progressReport.findMany({
      where: { unitId, roundId: { in: openRounds.map((round) => round.id) } },
      orderBy: [{ round: { deadline: "asc" } }, { id: "asc" }],
      include: taskInclude,
    }),
    db.progressReport.findMany({
      where: closed,
      orderBy: [{ round: { deadline: "desc" } }, { roundId: "desc" }, { id: "asc" }],
      ...pageWindow(history),
      include: taskInclude,
    }),
    countAtMost((args) => db.progressReport.count({ where: closed, ...args })),
  ]);
  return { open, history: past, historyInfo: pageInfo(history, count) };
}
