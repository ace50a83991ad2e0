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
    return { state: report.state, version: report.version, repeated: true };
  }
  assertEditable(report);
  const checked = checkReportForm(input);
  return db.$transaction(async (tx) => {
    const written = await writeReport(tx, report, writer, checked, now);
    if (!written) {
      // A concurrent submit with the same key got here first: that is this request's outcome.
      const current = await tx.progressReport.findUniqueOrThrow({ where: { id: report.id } });
      if (input.intent === "submit" && input.submissionKey !== "" && current.submissionKey === input.submissionKey) {
        return { state: current.state, version: current.version, repeated: true };
      }
      throw new AppError("CONFLICT", "staleReport");
    }
    return { ...written, repeated: false };
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

const sectionPath = { select: { id: true, kind: true, number: true, title: true } } as const;

/**
 * CAST's review queue: submitted reports, oldest submission first unless another order is asked
 * for, narrowed by round, unit and section. The filters offer the rounds, units and sections of
 * the whole queue (so a filter never offers what cannot match); `total` is the whole queue.
 */
export async function reviewQueue(actor: Actor | null, filter: ReviewQueueFilter = { sort: "oldest" }) {
  await authorize(actor, REPORTING_OPERATIONS.reviewQueue);
  const conditions: Prisma.ProgressReportWhereInput[] = [{ state: "SUBMITTED" }];
  if (filter.round) conditions.push({ roundId: filter.round });
  if (filter.unit) conditions.push({ unitId: filter.unit });
  if (filter.section) conditions.push(inSection(filter.section));
  const [reports, queue] = await Promise.all([
    db.progressReport.findMany({
      where: { AND: conditions },
      orderBy: [...REVIEW_ORDER[filter.sort]],
      include: {
        unit: { select: { name: true } },
        item: { select: { number: true, title: true } },
        round: { select: { name: true, deadline: true } },
      },
    }),
    db.progressReport.findMany({
      where: { state: "SUBMITTED" },
      select: {
        round: { select: { id: true, name: true, deadline: true } },
        unit: { select: { id: true, name: true, sortOrder: true } },
        item: { select: { ...sectionPath.select, parent: { select: { ...sectionPath.select, parent: sectionPath } } } },
      },
    }),
  ]);
  const distinct = <T extends { id: number }>(rows: T[]) => [...new Map(rows.map((row) => [row.id, row])).values()];
  const sections = distinct(
    queue.flatMap(
      ({ item }) =>
        [item, item.parent, item.parent?.parent].filter((node) => node?.kind === "SECTION") as {
          id: number;
          number: string | null;
          title: string;
        }[],
    ),
  );
  return {
    reports,
    total: queue.length,
    options: {
      rounds: distinct(queue.map((row) => row.round)).sort((a, b) => b.deadline.getTime() - a.deadline.getTime() || b.id - a.id),
      units: distinct(queue.map((row) => row.unit)).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id),
      sections: sections.sort((a, b) => a.id - b.id),
    },
  };
}

/**
 * The liaison's 我的任务: their unit's reports, for the workbench's groups: open rounds by
 * state, then closed rounds as the unit's history (read only).
 */
export async function myTasks(actor: Actor | null) {
  const liaison = await authorize(actor, REPORTING_OPERATIONS.myTasks);
  return db.progressReport.findMany({
    where: { unitId: liaison.unitId ?? -1 },
    orderBy: [{ round: { deadline: "asc" } }, { id: "asc" }],
    include: { item: { select: { number: true, title: true } }, round: { select: { id: true, name: true, deadline: true, status: true } } },
  });
}
