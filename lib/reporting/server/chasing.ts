import "server-only";
import type { Actor } from "@/lib/core/actor";
import { shanghaiDate } from "@/lib/core/time";
import type { ChaseLevel } from "@/lib/generated/prisma/enums";
import type { ChaseInput, ChaseSupportersInput } from "@/lib/reporting/schemas";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { auditTarget } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { CHASE_OPERATION, REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import { notifyUnit } from "./notify";
import { reportEvent } from "@/lib/reporting/events";

const PREVIOUS: Record<ChaseLevel, ChaseLevel | null> = { REMIND: null, URGE: "REMIND", SUPERVISE: "URGE" };
const EVENT = { REMIND: "REMINDED", URGE: "URGED", SUPERVISE: "SUPERVISED" } as const;
const LABEL = { REMIND: "提醒", URGE: "催办", SUPERVISE: "督办" } as const;
const NOT_SUBMITTED = ["OWED", "DRAFT", "RETURNED"] as const;

/**
 * Sends a reminder, 催办 or 督办 to one unit or to every unit of the round that has not
 * submitted everything. Escalation is in order: 催办 after a 提醒, 督办 after a 催办. Each is
 * recorded with time and actor, on the unit's and each item's timeline, and in the inbox
 * of the unit's liaisons.
 */
export async function sendChase(actor: Actor | null, input: ChaseInput, now = new Date()) {
  const operation = CHASE_OPERATION[input.level];
  const sender = await authorize(actor, operation, input.roundId);
  const round = await db.reportingRound.findUnique({ where: { id: input.roundId } });
  if (!round) throw new AppError("NOT_FOUND");
  if (round.status !== "OPEN") throw new AppError("CONFLICT", "roundClosed");
  const late = await db.progressReport.findMany({
    where: { roundId: round.id, state: { in: [...NOT_SUBMITTED] }, ...(input.unitId ? { unitId: input.unitId } : {}) },
    select: { id: true, unitId: true, itemId: true },
  });
  const unitIds = [...new Set(late.map((report) => report.unitId))];
  if (unitIds.length === 0) throw new AppError("VALIDATION", "nothingToChase");
  const previous = PREVIOUS[input.level];
  if (previous) {
    const chased = await db.chase.findMany({
      where: { roundId: round.id, unitId: { in: unitIds }, level: previous },
      select: { unitId: true },
    });
    const ready = new Set(chased.map((chase) => chase.unitId));
    if (unitIds.some((unitId) => !ready.has(unitId)))
      // One message per level (escalateToURGE, escalateToSUPERVISE), so each language names the levels in its own words.
      throw new AppError("VALIDATION", `escalateTo${input.level}`);
  }
  const deadline = shanghaiDate(round.deadline);
  const message = input.message || `请于 ${deadline} 前完成《${round.name}》的报送。`;
  await db.$transaction(async (tx) => {
    for (const unitId of unitIds) {
      await tx.chase.create({
        data: {
          roundId: round.id,
          unitId,
          level: input.level,
          message,
          actorId: sender.userId,
          actorName: sender.displayName,
          createdAt: now,
        },
      });
      const reports = late.filter((report) => report.unitId === unitId);
      await tx.reportEvent.createMany({
        data: reports.map((report) => reportEvent({ ...report, roundId: round.id }, EVENT[input.level], sender, now, message)),
      });
      await notifyUnit(
        tx,
        unitId,
        {
          kind: input.level,
          params: { round: round.name, count: reports.length, deadline, message: input.message || null },
          title: `【${LABEL[input.level]}】${round.name}：${reports.length} 项待报送`,
          body: message,
          link: "/my-tasks",
        },
        now,
      );
    }
    await appendAudit(tx, { ...auditTarget(operation, round.id), result: "SUCCESS", actor: sender, details: { unitIds, message } }, now);
  });
  return { units: unitIds.length };
}

/** The level a unit is chased at next: 提醒 first, then 催办, then 督办 (repeated once reached). */
const NEXT: Record<ChaseLevel | "NONE", ChaseLevel> = { NONE: "REMIND", REMIND: "URGE", URGE: "SUPERVISE", SUPERVISE: "SUPERVISE" };
const RANK: Record<ChaseLevel, number> = { REMIND: 1, URGE: 2, SUPERVISE: 3 };

/**
 * From a lead unit's report, CAST chases every supporting unit of the item that has not
 * submitted, each at the next level it has not yet had in this round (提醒, then 催办, then 督办),
 * through `sendChase`, so each chase is recorded, audited and delivered as any other.
 */
export async function chaseMissingSupporters(actor: Actor | null, input: ChaseSupportersInput, now = new Date()) {
  const sender = await authorize(actor, REPORTING_OPERATIONS.chaseSupporters, input.reportId);
  const lead = await db.progressReport.findUnique({
    where: { id: input.reportId },
    select: { roundId: true, itemId: true, role: true, round: { select: { status: true } } },
  });
  if (!lead) throw new AppError("NOT_FOUND");
  if (lead.role !== "LEAD") throw new AppError("VALIDATION", "notLeadReport");
  if (lead.round.status !== "OPEN") throw new AppError("CONFLICT", "roundClosed");
  const missing = await db.progressReport.findMany({
    where: { roundId: lead.roundId, itemId: lead.itemId, role: "SUPPORT", state: { in: [...NOT_SUBMITTED] } },
    select: { unitId: true },
    orderBy: [{ unit: { sortOrder: "asc" } }, { unitId: "asc" }],
  });
  if (missing.length === 0) throw new AppError("VALIDATION", "nothingToChase");
  const chased = await db.chase.findMany({
    where: { roundId: lead.roundId, unitId: { in: missing.map((row) => row.unitId) } },
    select: { unitId: true, level: true },
  });
  const sent: { unitId: number; level: ChaseLevel }[] = [];
  for (const { unitId } of missing) {
    const highest = chased
      .filter((chase) => chase.unitId === unitId)
      .reduce<ChaseLevel | "NONE">((acc, chase) => (acc === "NONE" || RANK[chase.level] > RANK[acc] ? chase.level : acc), "NONE");
    const level = NEXT[highest];
    await sendChase(sender, { roundId: lead.roundId, unitId, level, message: "" }, now);
    sent.push({ unitId, level });
  }
  return { units: sent.length, sent };
}
