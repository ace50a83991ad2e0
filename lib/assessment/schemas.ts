import { z } from "zod";
import { versionField } from "@/lib/core/form";

/** The years an assessment may be opened for: the plan years and a margin. */
export const ASSESSMENT_YEAR_MIN = 2020;
export const ASSESSMENT_YEAR_MAX = 2035;

const yearField = z.coerce
  .number({ error: "yearFormat" })
  .int("yearFormat")
  .min(ASSESSMENT_YEAR_MIN, "assessmentYearRange")
  .max(ASSESSMENT_YEAR_MAX, "assessmentYearRange");
const weightField = z.coerce.number({ error: "number" }).finite("number").min(0, "notNegative").max(100, "assessmentWeightRange");

export const createAssessmentSchema = z.object({ year: yearField });
export type CreateAssessmentInput = z.infer<typeof createAssessmentSchema>;

/** The weights are checked again in the data layer (non-negative, summing to 100): a form is never trusted alone. */
export const updateRulesSchema = z.object({
  year: yearField,
  version: versionField,
  onTime: weightField,
  noReturn: weightField,
  completion: weightField,
  chases: weightField,
  chasePenalty: z.coerce.number({ error: "number" }).finite("number").min(0, "notNegative").max(100, "assessmentPenaltyRange"),
});
export type UpdateRulesInput = z.infer<typeof updateRulesSchema>;

export const assessmentYearSchema = z.object({ year: yearField });
export const finaliseAssessmentSchema = z.object({ year: yearField, version: versionField });
export type FinaliseAssessmentInput = z.infer<typeof finaliseAssessmentSchema>;

export const assessmentExportQuerySchema = z.object({ format: z.literal("xlsx").default("xlsx") });
