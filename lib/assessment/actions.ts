"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { ASSESSMENT_OPERATIONS } from "@/lib/assessment/operations";
import { assessmentYearSchema, createAssessmentSchema, finaliseAssessmentSchema, updateRulesSchema } from "@/lib/assessment/schemas";
import { computeAssessment, createAssessmentYear, finaliseAssessment, updateAssessmentRules } from "@/lib/assessment/server/assessments";

/** CAST opens a year's assessment with the default weights; the form then opens the year. */
export async function createAssessmentAction(_previous: ActionState<{ year: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: ASSESSMENT_OPERATIONS.createYear,
      objectId: formData.get("year"),
      schema: createAssessmentSchema,
      run: async (actor, input) => {
        await createAssessmentYear(actor, input);
        revalidatePath("/assessments");
        return { year: input.year };
      },
    },
    formData,
  );
}

/** CAST changes a draft year's weights; the scores are computed again. */
export async function updateAssessmentRulesAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: ASSESSMENT_OPERATIONS.updateRules,
      objectId: formData.get("year"),
      schema: updateRulesSchema,
      run: async (actor, input) => {
        const result = await updateAssessmentRules(actor, input);
        revalidatePath("/assessments", "layout");
        return result;
      },
    },
    formData,
  );
}

/** CAST computes a draft year again from today's data. */
export async function computeAssessmentAction(_previous: ActionState<{ units: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: ASSESSMENT_OPERATIONS.compute,
      objectId: formData.get("year"),
      schema: assessmentYearSchema,
      run: async (actor, input) => {
        const result = await computeAssessment(actor, input.year);
        revalidatePath("/assessments", "layout");
        return result;
      },
    },
    formData,
  );
}

/** CAST finalises (freezes) the year. */
export async function finaliseAssessmentAction(_previous: ActionState<{ units: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: ASSESSMENT_OPERATIONS.finalise,
      objectId: formData.get("year"),
      schema: finaliseAssessmentSchema,
      run: async (actor, input) => {
        const result = await finaliseAssessment(actor, input);
        revalidatePath("/assessments", "layout");
        return result;
      },
    },
    formData,
  );
}
