import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { IndicatorInput, IndicatorValueInput } from "@/lib/indicators/schemas";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { INDICATOR_OPERATIONS } from "@/lib/indicators/operations";
import { auditTarget } from "@/lib/core/operations";

type Tx = Prisma.TransactionClient;

/** The years values may be entered for: the baseline year through the end of the plan. */
async function planYears(): Promise<{ first: number; last: number }> {
  const master = await db.plan.findFirst({
    where: { kind: "MASTER" },
    orderBy: { sortOrder: "asc" },
    select: { startYear: true, endYear: true },
  });
  const baseline = await db.indicator.findFirst({ where: { code: "literacy-rate" }, select: { baselineYear: true } });
  return { first: Math.min(baseline?.baselineYear ?? master?.startYear ?? 2020, master?.startYear ?? 2020), last: master?.endYear ?? 2025 };
}

/** A percentage lies in 0–100, a count is not negative, and a year lies within the plan's span. */
async function checkValue(indicator: { unit: string }, year: number, value: number, field = "value") {
  const { first, last } = await planYears();
  const fieldErrors: Record<string, string> = {};
  if (year < first || year > last) fieldErrors.year = "yearOutsidePlan";
  if (indicator.unit === "%" && (value < 0 || value > 100)) fieldErrors[field] = "percentRange";
  if (indicator.unit !== "%" && value < 0) fieldErrors[field] = "notNegative";
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION", "VALIDATION", { first, last }, fieldErrors);
}

type RevisionAction = "CREATE_INDICATOR" | "SET_VALUE" | "CORRECT_VALUE";

/** The operation each kind of revision is: the revision list and the audit trail name it alike. */
const REVISION_OPERATION = {
  CREATE_INDICATOR: INDICATOR_OPERATIONS.createIndicator,
  SET_VALUE: INDICATOR_OPERATIONS.setValue,
  CORRECT_VALUE: INDICATOR_OPERATIONS.correctValue,
} as const satisfies Record<RevisionAction, unknown>;

async function revision(tx: Tx, actor: Actor, indicatorId: number, action: RevisionAction, before: unknown, after: unknown, now: Date) {
  await tx.indicatorRevision.create({
    data: {
      indicatorId,
      action,
      actorId: actor.userId,
      actorUsername: actor.username,
      actorName: actor.displayName,
      changedAt: now,
      before: before === null ? null : JSON.stringify(before),
      after: JSON.stringify(after),
    },
  });
  await appendAudit(
    tx,
    { ...auditTarget(REVISION_OPERATION[action], indicatorId), result: "SUCCESS", actor, details: { before, after } },
    now,
  );
}

export async function listIndicators(actor: Actor | null) {
  await authorize(actor, INDICATOR_OPERATIONS.listIndicators);
  return db.indicator.findMany({
    orderBy: [{ position: "asc" }, { id: "asc" }],
    include: {
      targets: { orderBy: { year: "asc" } },
      values: { where: { districtId: null }, orderBy: { year: "asc" } },
    },
  });
}

export async function getIndicator(actor: Actor | null, indicatorId: number) {
  await authorize(actor, INDICATOR_OPERATIONS.readIndicator, indicatorId);
  const indicator = await db.indicator.findUnique({
    where: { id: indicatorId },
    include: {
      targets: { orderBy: { year: "asc" } },
      values: { orderBy: [{ year: "asc" }, { districtId: "asc" }], include: { district: { select: { id: true, name: true } } } },
      revisions: { orderBy: { changedAt: "desc" }, take: 100 },
    },
  });
  if (!indicator) throw new AppError("NOT_FOUND");
  const [districts, years] = await Promise.all([
    db.unit.findMany({ where: { type: "DISTRICT_GOVERNMENT" }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    planYears(),
  ]);
  return { indicator, districts, years };
}

/** CAST defines an indicator of its own (e.g. 科普教育基地数量) with baseline and target. */
export async function createIndicator(actor: Actor | null, input: IndicatorInput, now = new Date()) {
  const admin = await authorize(actor, INDICATOR_OPERATIONS.createIndicator);
  if (await db.indicator.findUnique({ where: { code: input.code } }))
    throw new AppError("CONFLICT", "indicatorCodeTaken", {}, { code: "indicatorCodeTaken" });
  if (input.baselineValue !== undefined)
    await checkValue(input, input.baselineYear ?? (await planYears()).first, input.baselineValue, "baselineValue");
  if (input.targetValue !== undefined)
    await checkValue(input, input.targetYear ?? (await planYears()).last, input.targetValue, "targetValue");
  return db.$transaction(async (tx) => {
    const count = await tx.indicator.count();
    const indicator = await tx.indicator.create({
      data: {
        code: input.code,
        name: input.name,
        unit: input.unit,
        direction: input.direction,
        baselineYear: input.baselineYear ?? null,
        baselineValue: input.baselineValue ?? null,
        baselineSource: input.baselineSource || null,
        description: input.description || null,
        position: count + 1,
      },
    });
    if (input.targetValue !== undefined && input.targetYear !== undefined) {
      await tx.indicatorTarget.create({
        data: {
          indicatorId: indicator.id,
          year: input.targetYear,
          value: input.targetValue,
          comparator: input.direction === "HIGHER_IS_BETTER" ? "GTE" : "LTE",
        },
      });
    }
    await revision(tx, admin, indicator.id, "CREATE_INDICATOR", null, input, now);
    return indicator;
  });
}

/**
 * Enters a value, or corrects one: a correction must name the version it started from,
 * so two people correcting the same figure cannot silently overwrite each other.
 */
export async function setIndicatorValue(actor: Actor | null, input: IndicatorValueInput, now = new Date()) {
  const admin = await authorize(actor, INDICATOR_OPERATIONS.setValue, input.indicatorId);
  const indicator = await db.indicator.findUnique({ where: { id: input.indicatorId } });
  if (!indicator) throw new AppError("NOT_FOUND");
  await checkValue(indicator, input.year, input.value);
  if (input.districtId && !(await db.unit.findFirst({ where: { id: input.districtId, type: "DISTRICT_GOVERNMENT" } }))) {
    throw new AppError("VALIDATION", "VALIDATION", {}, { districtId: "invalid" });
  }
  return db.$transaction(async (tx) => {
    const existing = await tx.indicatorValue.findFirst({
      where: { indicatorId: indicator.id, year: input.year, districtId: input.districtId ?? null },
    });
    const after = {
      year: input.year,
      districtId: input.districtId ?? null,
      value: input.value,
      source: input.source,
      method: input.method,
    };
    if (!existing) {
      const created = await tx.indicatorValue.create({
        data: { ...after, indicatorId: indicator.id, enteredById: admin.userId, enteredAt: now },
      });
      await revision(tx, admin, indicator.id, "SET_VALUE", null, after, now);
      return created;
    }
    if (input.version === undefined || input.version !== existing.version) throw new AppError("CONFLICT", "staleIndicatorValue");
    const { count } = await tx.indicatorValue.updateMany({
      where: { id: existing.id, version: existing.version },
      data: {
        value: input.value,
        source: input.source,
        method: input.method,
        isDemo: false,
        version: { increment: 1 },
        enteredById: admin.userId,
        enteredAt: now,
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "staleIndicatorValue");
    const before = {
      year: existing.year,
      districtId: existing.districtId,
      value: existing.value,
      source: existing.source,
      method: existing.method,
    };
    await revision(tx, admin, indicator.id, "CORRECT_VALUE", before, after, now);
    return tx.indicatorValue.findUniqueOrThrow({ where: { id: existing.id } });
  });
}
