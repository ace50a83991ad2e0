import "server-only";
import type { Actor } from "@/lib/core/actor";
import { env } from "@/lib/core/env";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import { lightFor, type Light, type LightReason, type LightSummary, type ReasonKey } from "@/lib/reporting/traffic-light";
import { REPORT_STATES, type OpenRoundInput, type RoundCommandInput } from "@/lib/reporting/schemas";
import { countAtMost, pageInfo, pageWindow } from "@/lib/core/paging";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { auditTarget } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { effectiveAssignments } from "@/lib/plans/server/plans";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import type { ChaseLevel, ProgressStatus, ReportState } from "@/lib/generated/prisma/enums";

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

const DAY_MS = 24 * 60 * 60 * 1000;
const COUNTED = ["SUBMITTED", "APPROVED"] as const;

/** Reports in a group of the same state and status (one row of a `groupBy`). */
export interface StateCount {
  state: ReportState;
  status: ProgressStatus | null;
  count: number;
}

/**
 * The condition for submitted or approved reports 按计划推进 that came in after their round's
 * deadline day (lightFor's 逾期后报送): the only part of a light a state and status do not decide.
 */
function lateOnTrack(deadline: Date): Prisma.ProgressReportWhereInput {
  return {
    state: { in: [...COUNTED] },
    status: "ON_TRACK",
    submittedAt: { gte: new Date(shanghaiDayStart(shanghaiDate(deadline)).getTime() + DAY_MS) },
  };
}

/**
 * The light summary of grouped reports, exactly as `summarize` gives it for the reports one by one:
 * each group's light from its state and status, with `late` of the on-track ones 逾期后报送.
 */
export function summarizeCounts(groups: StateCount[], late: number, deadline: Date, now: Date): LightSummary {
  const counts: Record<Light, number> = { RED: 0, YELLOW: 0, GREEN: 0 };
  const byReason = new Map<string, { light: Light; key: ReasonKey; count: number }>();
  const add = (light: Light, key: ReasonKey, count: number) => {
    if (count <= 0) return;
    counts[light] += count;
    const entry = byReason.get(key) ?? { light, key, count: 0 };
    entry.count += count;
    byReason.set(key, entry);
  };
  let onTrack = 0;
  for (const group of groups) {
    const { light, reason } = reportLight({ ...group, submittedAt: null }, deadline, now);
    if (reason.key === "reportedOnTrack") onTrack += group.count;
    else add(light, reason.key, group.count);
  }
  const lateCount = Math.min(late, onTrack);
  add("GREEN", "submittedLate", lateCount);
  add("GREEN", "reportedOnTrack", onTrack - lateCount);
  const light = (["RED", "YELLOW", "GREEN"] as const).find((candidate) => counts[candidate] > 0) ?? "GREEN";
  const reasons = [...byReason.values()]
    .filter((entry) => entry.light === light)
    .map(({ key, count }) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { light, counts, reasons };
}

const byState = (groups: StateCount[]) =>
  Object.fromEntries(
    REPORT_STATES.map((state) => [state, groups.filter((group) => group.state === state).reduce((sum, group) => sum + group.count, 0)]),
  ) as Record<ReportState, number>;

/**
 * The rounds list, newest deadline first, a page at a time. Each round's counts and lights come
 * from one grouped query over the page's rounds (and one for the late on-track reports), never
 * from its reports' rows.
 */
export async function listRounds(actor: Actor | null, query: { page: number } = { page: 1 }, now = new Date()) {
  await authorize(actor, REPORTING_OPERATIONS.listRounds);
  const [rounds, count] = await Promise.all([
    db.reportingRound.findMany({
      orderBy: [{ deadline: "desc" }, { id: "desc" }],
      ...pageWindow(query),
      include: { _count: { select: { items: true } } },
    }),
    countAtMost((args) => db.reportingRound.count(args)),
  ]);
  const ids = rounds.map((round) => round.id);
  const [groups, late] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db.progressReport.groupBy({ by: ["roundId", "state", "status"], where: { roundId: { in: ids } }, _count: { _all: true } }),
          db.progressReport.groupBy({
            by: ["roundId"],
            where: { OR: rounds.map((round) => ({ roundId: round.id, ...lateOnTrack(round.deadline) })) },
            _count: { _all: true },
          }),
        ]);
  return {
    info: pageInfo(query, count),
    rounds: rounds.map((round) => {
      const own = groups
        .filter((group) => group.roundId === round.id)
        .map((group) => ({ state: group.state, status: group.status, count: group._count._all }));
      const states = byState(own);
      return {
        ...round,
        reportCount: own.reduce((sum, group) => sum + group.count, 0),
        submitted: states.SUBMITTED + states.APPROVED,
        summary: summarizeCounts(own, late.find((row) => row.roundId === round.id)?._count._all ?? 0, round.deadline, now),
      };
    }),
  };
}

const CHASE_RANK: Record<ChaseLevel, number> = { REMIND: 1, URGE: 2, SUPERVISE: 3 };

/**
 * Where each unit stands in the chasing of a round, from one grouped query (unit × level, first and
 * latest time): the highest level reached (督办 > 催办 > 提醒, the first time it was reached) and the
 * latest action, which after a reminder to every late unit may be a lower level than the unit has
 * already reached.
 */
async function chaseStandings(roundId: number) {
  const rows = await db.chase.groupBy({
    by: ["unitId", "level"],
    where: { roundId },
    _min: { createdAt: true },
    _max: { createdAt: true },
  });
  const standings = new Map<
    number,
    { lastChase: { level: ChaseLevel; createdAt: Date }; highestChase: { level: ChaseLevel; createdAt: Date } }
  >();
  for (const row of rows) {
    const first = { level: row.level, createdAt: row._min.createdAt! };
    const latest = { level: row.level, createdAt: row._max.createdAt! };
    const current = standings.get(row.unitId);
    if (!current) {
      standings.set(row.unitId, { lastChase: latest, highestChase: first });
      continue;
    }
    const newer = latest.createdAt.getTime() - current.lastChase.createdAt.getTime();
    if (newer > 0 || (newer === 0 && CHASE_RANK[row.level] > CHASE_RANK[current.lastChase.level])) current.lastChase = latest;
    if (CHASE_RANK[row.level] > CHASE_RANK[current.highestChase.level]) current.highestChase = first;
  }
  return standings;
}

/**
 * The round board: the round's light, one row per unit (counts by state, its light and where it
 * stands in the chasing, from grouped queries) and a page of the round's reports, narrowed by unit
 * and state. Its cost is bounded by the units and one page, whatever the number of reports.
 */
export async function getRoundBoard(
  actor: Actor | null,
  roundId: number,
  now = new Date(),
  query: { unit?: number; state?: ReportState; page: number } = { page: 1 },
) {
  await authorize(actor, REPORTING_OPERATIONS.readRound, roundId);
  const round = await db.reportingRound.findUnique({ where: { id: roundId }, include: { _count: { select: { items: true } } } });
  if (!round) throw new AppError("NOT_FOUND");
  const where: Prisma.ProgressReportWhereInput = {
    roundId,
    ...(query.unit ? { unitId: query.unit } : {}),
    ...(query.state ? { state: query.state } : {}),
  };
  const [groups, late, standings, reports, count] = await Promise.all([
    db.progressReport.groupBy({ by: ["unitId", "state", "status"], where: { roundId }, _count: { _all: true } }),
    db.progressReport.groupBy({ by: ["unitId"], where: { roundId, ...lateOnTrack(round.deadline) }, _count: { _all: true } }),
    chaseStandings(roundId),
    db.progressReport.findMany({
      where,
      orderBy: [{ unit: { sortOrder: "asc" } }, { unitId: "asc" }, { itemId: "asc" }],
      ...pageWindow(query),
      select: {
        id: true,
        role: true,
        state: true,
        status: true,
        submittedAt: true,
        unit: { select: { id: true, name: true } },
        item: { select: { id: true, number: true, title: true } },
      },
    }),
    countAtMost((args) => db.progressReport.count({ where, ...args })),
  ]);
  const counted = groups.map((group) => ({ unitId: group.unitId, state: group.state, status: group.status, count: group._count._all }));
  const unitIds = [...new Set(counted.map((group) => group.unitId))];
  // The units reporting in one round: bounded by the unit registry, not by history.
  const units = await db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, sortOrder: true } });
  units.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const lateOf = (unitId: number) => late.find((row) => row.unitId === unitId)?._count._all ?? 0;
  return {
    round,
    units: units.map((unit) => {
      const own = counted.filter((group) => group.unitId === unit.id);
      return {
        ...unit,
        reportCount: own.reduce((sum, group) => sum + group.count, 0),
        states: byState(own),
        summary: summarizeCounts(own, lateOf(unit.id), round.deadline, now),
        lastChase: standings.get(unit.id)?.lastChase ?? null,
        highestChase: standings.get(unit.id)?.highestChase ?? null,
      };
    }),
    summary: summarizeCounts(
      counted,
      late.reduce((sum, row) => sum + row._count._all, 0),
      round.deadline,
      now,
    ),
    states: byState(counted),
    reports: reports.map((report) => ({ ...report, ...reportLight(report, round.deadline, now) })),
    info: pageInfo(query, count),
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
