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

export const indicatorSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, "indicatorCode"),
  name: z.string().trim().min(1, "required").max(60, "tooLong"),
  unit: z.string().trim().min(1, "required").max(10, "tooLong"),
  direction: z.enum(["HIGHER_IS_BETTER", "LOWER_IS_BETTER"], { error: "invalid" }),
  baselineYear: optionalField(z.coerce.number().int("yearFormat")),
  baselineValue: optionalField(z.coerce.number({ error: "number" }).finite("number")),
  baselineSource: z.string().trim().max(200, "tooLong").default(""),
  description: z.string().trim().max(500, "tooLong").default(""),
  targetYear: optionalField(z.coerce.number().int("yearFormat")),
  targetValue: optionalField(z.coerce.number({ error: "number" }).finite("number")),
});
export type IndicatorInput = z.infer<typeof indicatorSchema>;
