import { z } from "zod";
import { idField, optionalField, versionField } from "@/lib/core/form";

/** A value for a year (citywide, or for one district), with where it comes from and how it was measured. */
export const indicatorValueSchema = z.object({
  indicatorId: idField,
  year: z.coerce.number({ error: "yearFormat" }).int("yearFormat"),
  districtId: optionalField(idField),
  value: z.coerce.number({ error: "number" }).finite("number"),
  source: z.string().trim().min(1, "sourceRequired").max(200, "tooLong"),
  method: z.string().trim().min(1, "methodRequired").max(500, "tooLong"),
  /** Present when correcting an existing value: the version the form was opened at. */
  version: optionalField(versionField),
});
export type IndicatorValueInput = z.infer<typeof indicatorValueSchema>;

/** The span an indicator's baseline and target years may lie in: from 2000 to the outline's 2035 vision. */
export const INDICATOR_YEAR_MIN = 2000;
export const INDICATOR_YEAR_MAX = 2035;

export const INDICATOR_DIRECTIONS = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER"] as const;
/** GT: over the value (超过), GTE: at least (不低于), LTE: at most (不高于), LT: below (低于). */
export const TARGET_COMPARATORS = ["GT", "GTE", "LTE", "LT"] as const;
/** How many target rows the form offers at least. */
export const TARGET_ROWS = 3;

/** Targets arrive as target_year_N / target_comparator_N / target_value_N rows; rows without a year and a value are dropped. */
function collectTargets(raw: unknown) {
  if (!raw || typeof raw !== "object" || "targets" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const indexes = Object.keys(fields)
    .map((key) => /^target_year_(\d+)$/.exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  const filled = (value: unknown) => typeof value === "string" && value.trim() !== "";
  const targets = indexes
    .map((index) => ({
      year: fields[`target_year_${index}`],
      value: fields[`target_value_${index}`],
      comparator: fields[`target_comparator_${index}`] || undefined,
    }))
    .filter((row) => filled(row.year) || filled(row.value));
  return { ...fields, targets };
}

const yearField = z.coerce.number({ error: "yearFormat" }).int("yearFormat");
const numberField = z.coerce.number({ error: "number" }).finite("number");

const targetSchema = z.object({
  year: z.preprocess((value) => (value === "" ? undefined : value), yearField),
  value: z.preprocess((value) => (value === "" ? undefined : value), numberField),
  comparator: z.enum(TARGET_COMPARATORS, { error: "invalid" }).optional(),
});

/** What CAST defines about an indicator, on creation and on every edit. */
const definitionFields = {
  name: z.string().trim().min(1, "required").max(60, "tooLong"),
  unit: z.string().trim().min(1, "required").max(10, "tooLong"),
  direction: z.enum(INDICATOR_DIRECTIONS, { error: "invalid" }),
  baselineYear: optionalField(yearField),
  baselineValue: optionalField(numberField),
  baselineSource: z.string().trim().max(200, "tooLong").default(""),
  /** The description of the indicator and how it is measured. */
  description: z.string().trim().max(1000, "tooLong").default(""),
  targets: z.array(targetSchema).max(10, "tooMany").default([]),
  /** Ticked to change a baseline or target that the plan itself sets (e.g. the literacy rate's 21.1% and 25%). */
  confirmPlanChange: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
};

export const indicatorSchema = z.preprocess(
  collectTargets,
  z.object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{1,39}$/, "indicatorCode"),
    ...definitionFields,
  }),
);
export type IndicatorInput = z.infer<typeof indicatorSchema>;

/** An edit names the version the form was opened at: a concurrent edit makes it fail instead of being overwritten. */
export const updateIndicatorSchema = z.preprocess(
  collectTargets,
  z.object({ indicatorId: idField, version: versionField, ...definitionFields }),
);
export type UpdateIndicatorInput = z.infer<typeof updateIndicatorSchema>;

/** The indicator page's query: `saved=1` after the definition was saved. */
export const indicatorPageQuerySchema = z.object({ saved: z.literal("1").optional() });

export const COMPONENT_NORMALISATIONS = ["RATIO", "MIN_MAX"] as const;
/** How many component rows the composite form offers at least. */
export const COMPONENT_ROWS = 3;

/** Components arrive as component_indicator_N / component_weight_N / … rows; rows without an indicator and a weight are dropped. */
function collectComponents(raw: unknown) {
  if (!raw || typeof raw !== "object" || "components" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const indexes = Object.keys(fields)
    .map((key) => /^component_indicator_(\d+)$/.exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  const filled = (value: unknown) => typeof value === "string" && value.trim() !== "";
  const components = indexes
    .map((index) => ({
      componentId: fields[`component_indicator_${index}`],
      weight: fields[`component_weight_${index}`],
      normalisation: fields[`component_normalisation_${index}`] || undefined,
      reference: fields[`component_reference_${index}`],
      referenceMax: fields[`component_referenceMax_${index}`],
      direction: fields[`component_direction_${index}`] || undefined,
    }))
    .filter((row) => filled(row.componentId) || filled(row.weight) || filled(row.reference));
  return { ...fields, components };
}

const componentSchema = z.object({
  componentId: idField,
  weight: numberField,
  normalisation: z.enum(COMPONENT_NORMALISATIONS, { error: "invalid" }).default("RATIO"),
  reference: numberField,
  referenceMax: optionalField(numberField),
  direction: z.enum(INDICATOR_DIRECTIONS, { error: "invalid" }).default("HIGHER_IS_BETTER"),
});
export type ComponentInput = z.infer<typeof componentSchema>;

/** What CAST defines about a composite (e.g. 深圳科普指数): name, unit, the method in words and the weighted components. */
const compositeFields = {
  name: z.string().trim().min(1, "required").max(60, "tooLong"),
  unit: z.string().trim().min(1, "required").max(10, "tooLong"),
  /** The method as shown with the values: how the components are normalised and weighted. */
  description: z.string().trim().min(1, "methodRequired").max(1000, "tooLong"),
  components: z.array(componentSchema).max(20, "tooMany").default([]),
};

export const compositeSchema = z.preprocess(
  collectComponents,
  z.object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9-]{1,39}$/, "indicatorCode"),
    ...compositeFields,
  }),
);
export type CompositeInput = z.infer<typeof compositeSchema>;

export const updateCompositeSchema = z.preprocess(
  collectComponents,
  z.object({ indicatorId: idField, version: versionField, ...compositeFields }),
);
export type UpdateCompositeInput = z.infer<typeof updateCompositeSchema>;
