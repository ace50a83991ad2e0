import "server-only";
import type { Actor } from "@/lib/core/actor";
import { env } from "@/lib/core/env";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import { lightFor, summarize, type Light, type LightReason } from "@/lib/reporting/traffic-light";
import type { OpenRoundInput, RoundCommandInput } from "@/lib/reporting/schemas";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { auditTarget } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { effectiveAssignments } from "@/lib/plans/server/plans";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import type { ChaseLevel } from "@/lib/generated/prisma/enums";

/** A report's light: computed from its state, status and the round's deadline, never stored. */
export function reportLight(
  report: { state: string; status: string | null; submittedAt: Date | null },
  deadline: Date,
  now: Date,
): { light: Light; reason: LightReason } {
  const owed = report.state === "OWED";
  return lightFor(
    {
      deadline: shanghaiDate(deadline),
      report: owed
        ? null
        : {
            state: report.state as "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED",
            status: (report.status ?? "NOT_STARTED") as "NOT_STARTED" | "ON_TRACK" | "BEHIND" | "COMPLETED" | "BLOCKED",
            submittedAt: report.submittedAt,
          },
    },
    now,
    env().NEAR_DEADLINE_DAYS,
  );
}

/**
 * Opens a round: every unit assigned to an in-scope item (its own units, or those its
 * section assigns) owes a report, created now as an empty row.
 */
export async function openRound(actor: Actor | null, input: OpenRoundInput, now = new Date()) {
  const admin = await authorize(actor, REPORTING_OPERATIONS.openRound);
  // A deadline already gone would turn every unit red at once and ask for reports "before" a
  // past day. Checked here, against the Shenzhen calendar day of `now`, so it holds for every
  // caller; the schema cannot know what today is. (The period is free text such as 2025年第三季度,
  // so there is no end of period to compare with the deadline.)
  if (input.deadline < shanghaiDate(now)) throw new AppError("VALIDATION", "VALIDATION", {}, { deadline: "deadlineInPast" });
  // Only items of published plans: a draft is not in force yet, an ended plan's period is over.
  const items = await db.planItem.findMany({
    where: { id: { in: input.itemIds }, archivedAt: null, plan: { status: "PUBLISHED" } },
    select: { id: true },
  });
  if (items.length !== new Set(input.itemIds).size) {
    const elsewhere = await db.planItem.count({
      where: { id: { in: input.itemIds }, archivedAt: null, plan: { status: { not: "PUBLISHED" } } },
    });
    throw new AppError("VALIDATION", "VALIDATION", {}, { itemIds: elsewhere > 0 ? "itemNotInForce" : "unknownItem" });
  }
  const owed = (
    await Promise.all(
      items.map(async (item) => {
        const units = await effectiveAssignments(item.id);
        // A deactivated unit no longer exists: it owes no report in a new round (its old ones stay).
        const active = [...units.lead, ...units.support].filter((assignment) => !assignment.unit.deactivatedAt);
        return active.map((assignment) => ({
          itemId: item.id,
          unitId: assignment.unit.id,
          role: assignment.role,
        }));
      }),
    )
  ).flat();
  if (owed.length === 0) throw new AppError("VALIDATION", "VALIDATION", {}, { itemIds: "itemsWithoutUnits" });
  return db.$transaction(async (tx) => {
    const round = await tx.reportingRound.create({
      data: { name: input.name, period: input.period, deadline: shanghaiDayStart(input.deadline), openedById: admin.userId, openedAt: now },
    });
    await tx.roundItem.createMany({ data: items.map((item) => ({ roundId: round.id, itemId: item.id })) });
    await tx.progressReport.createMany({ data: owed.map((row) => ({ ...row, roundId: round.id })) });
    await appendAudit(
      tx,
      {
        ...auditTarget(REPORTING_OPERATIONS.openRound, round.id),
        result: "SUCCESS",
        actor: admin,
        details: { ...input, reportsOwed: owed.length },
      },
      now,
    );
    return { round, reportsOwed: owed.length };
  });
}

/**
 * Ends a round (结束本轮报送) or opens it again. A closed round takes no more drafts,
 * submissions, evidence, returns or chases; reports already submitted can still be approved,
 * and its board, lights and outputs stay as they were at the close.
 */
export async function setRoundClosed(actor: Actor | null, input: RoundCommandInput, now = new Date()) {
  const operation = input.command === "close" ? REPORTING_OPERATIONS.closeRound : REPORTING_OPERATIONS.reopenRound;
  const admin = await authorize(actor, operation, input.roundId);
  const round = await db.reportingRound.findUnique({ where: { id: input.roundId }, select: { id: true, status: true } });
  if (!round) throw new AppError("NOT_FOUND");
  const [from, to] = input.command === "close" ? (["OPEN", "CLOSED"] as const) : (["CLOSED", "OPEN"] as const);
  return db.$transaction(async (tx) => {
    // Conditional on the state read: of two officers pressing the button, one wins.
    const { count } = await tx.reportingRound.updateMany({
      where: { id: round.id, status: from },
      data: { status: to, closedAt: to === "CLOSED" ? now : null },
    });
    if (count === 0) throw new AppError("CONFLICT", to === "CLOSED" ? "roundAlreadyClosed" : "roundAlreadyOpen");
    const notSubmitted = await tx.progressReport.count({ where: { roundId: round.id, state: { in: ["OWED", "DRAFT", "RETURNED"] } } });
    await appendAudit(
      tx,
      {
        ...auditTarget(operation, round.id),
        result: "SUCCESS",
        actor: admin,
        details: { before: { status: from }, after: { status: to }, notSubmitted },
      },
      now,
    );
    return { status: to, notSubmitted };
  });
}

export async function listRounds(actor: Actor | null, now = new Date()) {
  await authorize(actor, REPORTING_OPERATIONS.listRounds);
  const rounds = await db.reportingRound.findMany({
    orderBy: [{ deadline: "desc" }, { id: "desc" }],
    include: { reports: { select: { state: true, status: true, submittedAt: true } }, _count: { select: { items: true } } },
  });
  return rounds.map(({ reports, ...round }) => ({
    ...round,
    reportCount: reports.length,
    submitted: reports.filter((report) => report.state === "SUBMITTED" || report.state === "APPROVED").length,
    summary: summarize(reports.map((report) => reportLight(report, round.deadline, now))),
  }));
}

const CHASE_RANK: Record<ChaseLevel, number> = { REMIND: 1, URGE: 2, SUPERVISE: 3 };

/**
 * Where a unit stands in the chasing of a round, from its chases newest first: the highest level
 * reached (督办 > 催办 > 提醒, the first time it was reached) and the latest action, which after a
 * reminder to every late unit may be a lower level than the unit has already reached.
 */
function chaseStanding<T extends { level: ChaseLevel; createdAt: Date }>(newestFirst: T[]) {
  const lastChase = newestFirst[0] ?? null;
  const topRank = Math.max(0, ...newestFirst.map((chase) => CHASE_RANK[chase.level]));
  const highestChase = newestFirst.findLast((chase) => CHASE_RANK[chase.level] === topRank) ?? null;
  return { lastChase, highestChase };
}

/** The round board: units × items, each cell a report with its light; summaries per unit, item and round. */
export async function getRoundBoard(actor: Actor | null, roundId: number, now = new Date()) {
  await authorize(actor, REPORTING_OPERATIONS.readRound, roundId);
  const round = await db.reportingRound.findUnique({
    where: { id: roundId },
    include: {
      items: {
        include: { item: { select: { id: true, number: true, title: true, kind: true, plan: { select: { shortTitle: true } } } } },
        orderBy: { itemId: "asc" },
      },
      reports: { include: { unit: { select: { id: true, name: true, sortOrder: true } } } },
      chases: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
    },
  });
  if (!round) throw new AppError("NOT_FOUND");
  const cells = round.reports.map((report) => ({
    reportId: report.id,
    itemId: report.itemId,
    unitId: report.unitId,
    role: report.role,
    state: report.state,
    status: report.status,
    ...reportLight(report, round.deadline, now),
  }));
  const units = [...new Map(round.reports.map((report) => [report.unit.id, report.unit])).values()].sort(
    (a, b) => a.sortOrder - b.sortOrder,
  );
  return {
    round,
    items: round.items.map((roundItem) => roundItem.item),
    units: units.map((unit) => ({
      ...unit,
      summary: summarize(cells.filter((cell) => cell.unitId === unit.id)),
      ...chaseStanding(round.chases.filter((chase) => chase.unitId === unit.id)),
    })),
    itemSummaries: new Map(round.items.map(({ itemId }) => [itemId, summarize(cells.filter((cell) => cell.itemId === itemId))])),
    cells,
    summary: summarize(cells),
  };
}

/** Items CAST can put in a round's scope: sections of the master plan and every active work item. */
export async function listRoundCandidates(actor: Actor | null) {
  await authorize(actor, REPORTING_OPERATIONS.openRoundForm);
  return db.planItem.findMany({
    where: { archivedAt: null, plan: { status: "PUBLISHED" }, OR: [{ kind: "SECTION", plan: { kind: "MASTER" } }, { kind: "WORK_ITEM" }] },
    orderBy: [{ plan: { sortOrder: "asc" } }, { id: "asc" }],
    select: { id: true, kind: true, number: true, title: true, plan: { select: { shortTitle: true } } },
  });
}
