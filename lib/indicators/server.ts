import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  INDICATOR_YEAR_MAX,
  INDICATOR_YEAR_MIN,
  type IndicatorInput,
  type IndicatorValueInput,
  type UpdateIndicatorInput,
} from "@/lib/indicators/schemas";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { onUniqueViolation, UNIQUE_KEYS } from "@/lib/core/unique-violation";
import { INDICATOR_OPERATIONS } from "@/lib/indicators/operations";
import { auditTarget } from "@/lib/core/operations";
import { currentMasterPlanId } from "@/lib/plans/server/periods";

type Tx = Prisma.TransactionClient;

/** The years values may be entered for: the baseline year through the end of the plan. */
async function planYears(): Promise<{ first: number; last: number }> {
  // The current master plan (or the newest published one): a new period extends the years open to values.
  const masterId = await currentMasterPlanId();
  const master =
    masterId === null ? null : await db.plan.findUnique({ where: { id: masterId }, select: { startYear: true, endYear: true } });
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

type RevisionAction = "CREATE_INDICATOR" | "UPDATE_INDICATOR" | "SET_VALUE" | "CORRECT_VALUE";

/** The operation each kind of revision is: the revision list and the audit trail name it alike. */
const REVISION_OPERATION = {
  CREATE_INDICATOR: INDICATOR_OPERATIONS.createIndicator,
  UPDATE_INDICATOR: INDICATOR_OPERATIONS.updateIndicator,
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
      // One series across periods: each target with the plan that set it.
      targets: { orderBy: { year: "asc" }, include: { plan: { select: { code: true, shortTitle: true } } } },
      plan: { select: { shortTitle: true } },
      goals: { where: { targetValue: { not: null } }, select: { year: true, targetValue: true, comparator: true } },
      values: {
        orderBy: [{ year: "asc" }, { districtId: { sort: "asc", nulls: "first" } }],
        include: { district: { select: { id: true, name: true } } },
      },
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

type Definition = Omit<IndicatorInput, "code" | "confirmPlanChange">;
type TargetRow = Definition["targets"][number];

/** The comparator a target row states, or the one its direction implies (at least / at most). */
function comparatorOf(target: TargetRow, direction: Definition["direction"]) {
  return target.comparator ?? (direction === "HIGHER_IS_BETTER" ? "GTE" : "LTE");
}

/** A percentage lies in 0–100, anything else is not negative. */
function valueError(unit: string, value: number): string | null {
  if (unit.trim() === "%" && (value < 0 || value > 100)) return "percentRange";
  if (unit.trim() !== "%" && value < 0) return "notNegative";
  return null;
}

/**
 * What the form cannot check field by field: baseline year and value together, years from
 * 2000 to 2035, targets after the baseline and one per year, percentages within 0–100.
 * Errors are keyed by the form's field names (target rows by their position).
 */
function checkDefinition(input: Definition) {
  const fieldErrors: Record<string, string> = {};
  const inRange = (year: number) => year >= INDICATOR_YEAR_MIN && year <= INDICATOR_YEAR_MAX;
  if (input.baselineYear !== undefined && input.baselineValue === undefined) fieldErrors.baselineValue = "baselineIncomplete";
  if (input.baselineValue !== undefined && input.baselineYear === undefined) fieldErrors.baselineYear = "baselineIncomplete";
  if (input.baselineYear !== undefined && !inRange(input.baselineYear)) fieldErrors.baselineYear = "indicatorYearRange";
  if (input.baselineValue !== undefined) {
    const error = valueError(input.unit, input.baselineValue);
    if (error) fieldErrors.baselineValue = error;
  }
  const seen = new Set<number>();
  input.targets.forEach((target, index) => {
    if (!inRange(target.year)) fieldErrors[`target_year_${index}`] = "indicatorYearRange";
    else if (input.baselineYear !== undefined && target.year <= input.baselineYear)
      fieldErrors[`target_year_${index}`] = "targetAfterBaseline";
    else if (seen.has(target.year)) fieldErrors[`target_year_${index}`] = "targetYearDuplicate";
    seen.add(target.year);
    const error = valueError(input.unit, target.value);
    if (error) fieldErrors[`target_value_${index}`] = error;
  });
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION", "VALIDATION", {}, fieldErrors);
}

/** The definition as the revision history keeps it: every field an edit can change, targets by year. */
function definitionSnapshot(definition: {
  name: string;
  unit: string;
  direction: string;
  baselineYear?: number | null;
  baselineValue?: number | null;
  baselineSource?: string | null;
  description?: string | null;
  targets: { year: number; value: number; comparator: string }[];
}) {
  return {
    name: definition.name,
    unit: definition.unit,
    direction: definition.direction,
    baselineYear: definition.baselineYear ?? null,
    baselineValue: definition.baselineValue ?? null,
    baselineSource: definition.baselineSource || null,
    description: definition.description || null,
    targets: [...definition.targets]
      .sort((a, b) => a.year - b.year)
      .map((target) => ({ year: target.year, comparator: target.comparator, value: target.value })),
  };
}

function targetRows(input: Definition) {
  return input.targets.map((target) => ({ year: target.year, value: target.value, comparator: comparatorOf(target, input.direction) }));
}

function definitionData(input: Definition) {
  return {
    name: input.name,
    unit: input.unit,
    direction: input.direction,
    baselineYear: input.baselineYear ?? null,
    baselineValue: input.baselineValue ?? null,
    baselineSource: input.baselineSource || null,
    description: input.description || null,
  };
}

/** CAST defines an indicator of its own (e.g. 科普教育基地数量) with baseline and targets by year. */
export async function createIndicator(actor: Actor | null, input: IndicatorInput, now = new Date()) {
  const admin = await authorize(actor, INDICATOR_OPERATIONS.createIndicator);
  if (await db.indicator.findUnique({ where: { code: input.code } }))
    throw new AppError("CONFLICT", "indicatorCodeTaken", {}, { code: "indicatorCodeTaken" });
  checkDefinition(input);
  // A concurrent create of the same code passes the check above; the unique index then refuses it with the same message.
  return onUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const count = await tx.indicator.count();
        const indicator = await tx.indicator.create({ data: { code: input.code, ...definitionData(input), position: count + 1 } });
        const targets = targetRows(input);
        if (targets.length > 0)
          await tx.indicatorTarget.createMany({ data: targets.map((target) => ({ ...target, indicatorId: indicator.id })) });
        const after = { code: input.code, ...definitionSnapshot({ ...input, targets }) };
        await revision(tx, admin, indicator.id, "CREATE_INDICATOR", null, after, now);
        return indicator;
      }),
    [[UNIQUE_KEYS.indicatorCode, () => new AppError("CONFLICT", "indicatorCodeTaken", {}, { code: "indicatorCodeTaken" })]],
  );
}

/**
 * The figures the plan itself sets for an indicator: the baseline of an indicator taken from a
 * plan (the literacy rate's 21.1% in 2020), and each target a plan goal states (over 25% in 2025).
 */
async function planFigures(indicatorId: number) {
  const indicator = await db.indicator.findUniqueOrThrow({
    where: { id: indicatorId },
    select: { planId: true, baselineText: true, plan: { select: { shortTitle: true } } },
  });
  const goals = await db.planGoal.findMany({
    where: { indicatorId, targetValue: { not: null } },
    select: { year: true, targetValue: true, comparator: true },
    orderBy: { year: "asc" },
  });
  return {
    plan: indicator.plan?.shortTitle ?? null,
    baseline: indicator.planId !== null,
    baselineText: indicator.baselineText,
    targets: goals.map((goal) => ({ year: goal.year, value: goal.targetValue!, comparator: goal.comparator ?? "GT" })),
  };
}

/** The indicator form: empty for a new indicator, or the indicator at its version with the plan's own figures marked. */
export async function loadIndicatorForm(actor: Actor | null, indicatorId?: number) {
  await authorize(actor, INDICATOR_OPERATIONS.openIndicatorForm, indicatorId);
  if (indicatorId === undefined) return { indicator: null, planFigures: null };
  const indicator = await db.indicator.findUnique({ where: { id: indicatorId }, include: { targets: { orderBy: { year: "asc" } } } });
  if (!indicator) throw new AppError("NOT_FOUND");
  return { indicator, planFigures: await planFigures(indicatorId) };
}

/**
 * Edits an indicator's definition from the version the form was opened at. A baseline or a
 * target set by the plan changes only when the editor confirms it, and, like every change,
 * is kept with who, when, before and after.
 */
export async function updateIndicator(actor: Actor | null, input: UpdateIndicatorInput, now = new Date()) {
  const admin = await authorize(actor, INDICATOR_OPERATIONS.updateIndicator, input.indicatorId);
  const current = await db.indicator.findUnique({ where: { id: input.indicatorId }, include: { targets: true } });
  if (!current) throw new AppError("NOT_FOUND");
  if (current.version !== input.version) throw new AppError("CONFLICT", "staleIndicator");
  checkDefinition(input);
  const targets = targetRows(input);
  const before = definitionSnapshot(current);
  const after = definitionSnapshot({ ...input, targets });
  if (JSON.stringify(before) === JSON.stringify(after)) return { version: current.version, changed: false };
  if (!input.confirmPlanChange) {
    const fixed = await planFigures(current.id);
    const fieldErrors: Record<string, string> = {};
    if (fixed.baseline && (before.baselineYear !== after.baselineYear || before.baselineValue !== after.baselineValue))
      fieldErrors.baselineValue = "planFigureConfirm";
    for (const goal of fixed.targets) {
      const was = before.targets.find((target) => target.year === goal.year);
      const edited = after.targets.find((target) => target.year === goal.year);
      if (JSON.stringify(was) !== JSON.stringify(edited)) fieldErrors.targets = "planFigureConfirm";
    }
    if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION", "planFigureConfirm", {}, fieldErrors);
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.indicator.updateMany({
      where: { id: current.id, version: input.version },
      data: { ...definitionData(input), version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", "staleIndicator");
    await tx.indicatorTarget.deleteMany({ where: { indicatorId: current.id } });
    // A target keeps the plan that set it (the series spans periods), and the plan's own words while unchanged.
    const previous = new Map(current.targets.map((target) => [target.year, target]));
    // A new target year is the plan's whose period holds it (a master plan, the current one first).
    const masters = await tx.plan.findMany({
      where: { kind: "MASTER", status: { not: "DRAFT" } },
      orderBy: [{ isCurrent: "desc" }, { startYear: "desc" }],
      select: { id: true, startYear: true, endYear: true },
    });
    const planOf = (year: number) => masters.find((plan) => plan.startYear <= year && year <= plan.endYear)?.id ?? null;
    if (targets.length > 0)
      await tx.indicatorTarget.createMany({
        data: targets.map((target) => {
          const was = previous.get(target.year);
          const same = was !== undefined && was.value === target.value && was.comparator === target.comparator;
          return { ...target, indicatorId: current.id, planId: was ? was.planId : planOf(target.year), text: same ? was.text : null };
        }),
      });
    await revision(tx, admin, current.id, "UPDATE_INDICATOR", before, after, now);
    return { version: input.version + 1, changed: true };
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
  // Two first entries of one value at once both find none; the unique indexes (per district, and the
  // partial one for the city-wide value, whose district is empty) let one in and refuse the other,
  // which is told the value was just entered: the form reloads it and corrects from there.
  const enteredMeanwhile = () => new AppError("CONFLICT", "indicatorValueEntered");
  return onUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
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
        if (input.version === undefined) throw enteredMeanwhile();
        if (input.version !== existing.version) throw new AppError("CONFLICT", "staleIndicatorValue");
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
      }),
    [
      [UNIQUE_KEYS.indicatorValue, enteredMeanwhile],
      [UNIQUE_KEYS.citywideIndicatorValue, enteredMeanwhile],
    ],
  );
}
