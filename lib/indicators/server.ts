import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  INDICATOR_YEAR_MAX,
  INDICATOR_YEAR_MIN,
  type IndicatorInput,
  type IndicatorValueInput,
  type UpdateIndicatorInput,
  type CompositeInput,
  type UpdateCompositeInput,
} from "@/lib/indicators/schemas";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { onUniqueViolation, UNIQUE_KEYS } from "@/lib/core/unique-violation";
import { INDICATOR_OPERATIONS } from "@/lib/indicators/operations";
import { auditTarget } from "@/lib/core/operations";
import { currentMasterPlanId } from "@/lib/plans/server/periods";
import { computeComposite, formsCycle, type ComponentSpec, type ComponentValue, type CompositeCell } from "@/lib/indicators/composite";

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

type RevisionAction = "CREATE_INDICATOR" | "UPDATE_INDICATOR" | "SET_VALUE" | "CORRECT_VALUE" | "DEFINE_COMPOSITE" | "UPDATE_COMPOSITE";

/** The operation each kind of revision is: the revision list and the audit trail name it alike. */
const REVISION_OPERATION = {
  CREATE_INDICATOR: INDICATOR_OPERATIONS.createIndicator,
  UPDATE_INDICATOR: INDICATOR_OPERATIONS.updateIndicator,
  SET_VALUE: INDICATOR_OPERATIONS.setValue,
  CORRECT_VALUE: INDICATOR_OPERATIONS.correctValue,
  DEFINE_COMPOSITE: INDICATOR_OPERATIONS.defineComposite,
  UPDATE_COMPOSITE: INDICATOR_OPERATIONS.updateComposite,
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
  const [districts, years, composite] = await Promise.all([
    db.unit.findMany({ where: { type: "DISTRICT_GOVERNMENT" }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    planYears(),
    indicator.kind === "COMPOSITE" ? compositeSeries(indicator.id) : null,
  ]);
  return { indicator, districts, years, composite };
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
  // A composite's values are computed from its components, never entered.
  if (indicator.kind === "COMPOSITE") throw new AppError("VALIDATION", "compositeNoValues");
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

// ── Composite indicators (深圳科普指数) ────────────────────────────────────────────────

/** How deep composites may nest (a composite of composites); deeper chains are refused as cycles are. */
const MAX_COMPOSITE_DEPTH = 5;

/**
 * A composite's components and their stored values, read with two bounded queries per level
 * (the components, then their values by indicator): the cost follows what the page shows.
 * A component that is itself a composite contributes its own computed values.
 */
async function compositeInputs(compositeId: number, depth = 0): Promise<{ specs: ComponentSpec[]; values: ComponentValue[] }> {
  const components = await db.indicatorComponent.findMany({
    where: { compositeId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    include: { component: { select: { id: true, name: true, unit: true, kind: true } } },
  });
  const specs: ComponentSpec[] = components.map((row) => ({
    componentId: row.componentId,
    name: row.component.name,
    unit: row.component.unit,
    weight: row.weight,
    normalisation: row.normalisation,
    reference: row.reference,
    referenceMax: row.referenceMax,
    direction: row.direction,
  }));
  const plainIds = components.filter((row) => row.component.kind === "PLAIN").map((row) => row.componentId);
  const values: ComponentValue[] =
    plainIds.length === 0
      ? []
      : await db.indicatorValue.findMany({
          where: { indicatorId: { in: plainIds } },
          select: { indicatorId: true, year: true, districtId: true, value: true, isDemo: true },
        });
  if (depth < MAX_COMPOSITE_DEPTH) {
    for (const row of components.filter((component) => component.component.kind === "COMPOSITE")) {
      const nested = await compositeInputs(row.componentId, depth + 1);
      for (const cell of computeComposite(nested.specs, nested.values))
        if (cell.value !== null)
          values.push({ indicatorId: row.componentId, year: cell.year, districtId: cell.districtId, value: cell.value, isDemo: cell.demo });
    }
  }
  return { specs, values };
}

export interface CompositeSeries {
  components: (ComponentSpec & { position: number })[];
  /** Citywide cells by year, then district cells; see computeComposite. */
  cells: CompositeCell[];
  districts: { id: number; name: string }[];
}

/** The composite's values per year (and per district), computed on read with a breakdown per component. */
async function compositeSeries(compositeId: number): Promise<CompositeSeries> {
  const { specs, values } = await compositeInputs(compositeId);
  const cells = computeComposite(specs, values);
  const districtIds = [...new Set(cells.map((cell) => cell.districtId).filter((id): id is number => id !== null))];
  const districts =
    districtIds.length === 0
      ? []
      : await db.unit.findMany({ where: { id: { in: districtIds } }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
  return { components: specs.map((spec, position) => ({ ...spec, position })), cells, districts };
}

type CompositeDefinition = Omit<CompositeInput, "code">;

/**
 * What the schema cannot check row by row: at least two components, each once, weights over
 * zero, references that can place a value (RATIO over zero; MIN_MAX two different ends), every
 * component an existing indicator other than the composite, and no cycle through other composites.
 */
async function checkComposite(input: CompositeDefinition, compositeId: number | null) {
  const fieldErrors: Record<string, string> = {};
  if (input.components.length < 2) fieldErrors.components = "componentsTooFew";
  const seen = new Set<number>();
  input.components.forEach((component, index) => {
    if (component.componentId === compositeId) fieldErrors[`component_indicator_${index}`] = "componentSelf";
    else if (seen.has(component.componentId)) fieldErrors[`component_indicator_${index}`] = "componentDuplicate";
    seen.add(component.componentId);
    if (!(component.weight > 0)) fieldErrors[`component_weight_${index}`] = "weightPositive";
    if (component.normalisation === "RATIO" && !(component.reference > 0))
      fieldErrors[`component_reference_${index}`] = "referencePositive";
    if (component.normalisation === "MIN_MAX") {
      if (component.referenceMax === undefined) fieldErrors[`component_referenceMax_${index}`] = "referenceMaxRequired";
      else if (!(component.referenceMax > component.reference)) fieldErrors[`component_referenceMax_${index}`] = "referenceRange";
    }
  });
  const ids = [...seen];
  const existing = await db.indicator.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const known = new Set(existing.map((row) => row.id));
  input.components.forEach((component, index) => {
    if (!known.has(component.componentId)) fieldErrors[`component_indicator_${index}`] ??= "invalid";
  });
  if (Object.keys(fieldErrors).length === 0 && compositeId !== null) {
    const edges = await db.indicatorComponent.findMany({ select: { compositeId: true, componentId: true } });
    if (formsCycle(compositeId, ids, edges)) fieldErrors.components = "componentCycle";
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION", "VALIDATION", {}, fieldErrors);
  return new Map(existing.map((row) => [row.id, row.name]));
}

/** The snapshot as the revision list shows it: each component with its indicator's name. */
function withNames(snapshot: ReturnType<typeof compositeSnapshot>, names: Map<number, string>) {
  return {
    ...snapshot,
    components: snapshot.components.map((component) => ({ ...component, name: names.get(component.componentId) ?? null })),
  };
}

function componentRows(input: CompositeDefinition) {
  return input.components.map((component, position) => ({
    componentId: component.componentId,
    weight: component.weight,
    normalisation: component.normalisation,
    reference: component.reference,
    referenceMax: component.normalisation === "MIN_MAX" ? (component.referenceMax ?? null) : null,
    direction: component.direction,
    position,
  }));
}

/** The definition as the revision history and the audit trail keep it. */
function compositeSnapshot(definition: {
  name: string;
  unit: string;
  description: string | null;
  components: ReturnType<typeof componentRows>;
}) {
  return {
    name: definition.name,
    unit: definition.unit,
    method: definition.description || null,
    components: definition.components.map(({ componentId, weight, normalisation, reference, referenceMax, direction }) => ({
      componentId,
      weight,
      normalisation,
      reference,
      referenceMax,
      direction,
    })),
  };
}

/** CAST defines a composite indicator (e.g. 深圳科普指数) over existing indicators. */
export async function createComposite(actor: Actor | null, input: CompositeInput, now = new Date()) {
  const admin = await authorize(actor, INDICATOR_OPERATIONS.defineComposite);
  if (await db.indicator.findUnique({ where: { code: input.code } }))
    throw new AppError("CONFLICT", "indicatorCodeTaken", {}, { code: "indicatorCodeTaken" });
  const names = await checkComposite(input, null);
  const components = componentRows(input);
  return onUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const count = await tx.indicator.count();
        const indicator = await tx.indicator.create({
          data: {
            code: input.code,
            name: input.name,
            unit: input.unit,
            direction: "HIGHER_IS_BETTER",
            description: input.description,
            kind: "COMPOSITE",
            position: count + 1,
          },
        });
        await tx.indicatorComponent.createMany({ data: components.map((row) => ({ ...row, compositeId: indicator.id })) });
        const after = { code: input.code, ...withNames(compositeSnapshot({ ...input, components }), names) };
        await revision(tx, admin, indicator.id, "DEFINE_COMPOSITE", null, after, now);
        return indicator;
      }),
    [[UNIQUE_KEYS.indicatorCode, () => new AppError("CONFLICT", "indicatorCodeTaken", {}, { code: "indicatorCodeTaken" })]],
  );
}

/** CAST edits a composite's name, method or components from the version the form was opened at. */
export async function updateComposite(actor: Actor | null, input: UpdateCompositeInput, now = new Date()) {
  const admin = await authorize(actor, INDICATOR_OPERATIONS.updateComposite, input.indicatorId);
  const current = await db.indicator.findUnique({
    where: { id: input.indicatorId },
    include: { components: { orderBy: [{ position: "asc" }, { id: "asc" }] } },
  });
  if (!current || current.kind !== "COMPOSITE") throw new AppError("NOT_FOUND");
  if (current.version !== input.version) throw new AppError("CONFLICT", "staleIndicator");
  const names = await checkComposite(input, current.id);
  const previousNames = new Map(
    (
      await db.indicator.findMany({
        where: { id: { in: current.components.map((row) => row.componentId) } },
        select: { id: true, name: true },
      })
    ).map((row) => [row.id, row.name]),
  );
  const components = componentRows(input);
  const before = compositeSnapshot(current);
  const after = compositeSnapshot({ ...input, components });
  if (JSON.stringify(before) === JSON.stringify(after)) return { version: current.version, changed: false };
  return db.$transaction(async (tx) => {
    const { count } = await tx.indicator.updateMany({
      where: { id: current.id, version: input.version },
      data: { name: input.name, unit: input.unit, description: input.description, version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("CONFLICT", "staleIndicator");
    await tx.indicatorComponent.deleteMany({ where: { compositeId: current.id } });
    await tx.indicatorComponent.createMany({ data: components.map((row) => ({ ...row, compositeId: current.id })) });
    await revision(tx, admin, current.id, "UPDATE_COMPOSITE", withNames(before, previousNames), withNames(after, names), now);
    return { version: input.version + 1, changed: true };
  });
}

/** The composite form: the indicators that may be components, and the composite at its version when editing. */
export async function loadCompositeForm(actor: Actor | null, indicatorId?: number) {
  await authorize(actor, INDICATOR_OPERATIONS.openIndicatorForm, indicatorId);
  const candidates = await db.indicator.findMany({
    where: indicatorId === undefined ? {} : { id: { not: indicatorId } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, name: true, unit: true, kind: true },
  });
  if (indicatorId === undefined) return { composite: null, candidates };
  const composite = await db.indicator.findUnique({
    where: { id: indicatorId },
    include: { components: { orderBy: [{ position: "asc" }, { id: "asc" }] } },
  });
  if (!composite || composite.kind !== "COMPOSITE") throw new AppError("NOT_FOUND");
  return { composite, candidates };
}
