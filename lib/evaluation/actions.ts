"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { EVALUATION_OPERATIONS } from "@/lib/evaluation/operations";
import { openEvaluationSchema, saveConclusionsSchema, versionedEvaluationSchema } from "@/lib/evaluation/schemas";
import { finaliseEvaluation, openEvaluation, refreshFigures, saveConclusions } from "@/lib/evaluation/server/evaluations";

/** CAST opens a new evaluation of a plan; the form then opens its page. */
export async function openEvaluationAction(_previous: ActionState<{ evaluationId: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: EVALUATION_OPERATIONS.openEvaluation,
      objectId: formData.get("planId"),
      schema: openEvaluationSchema,
      run: async (actor, input) => {
        const evaluation = await openEvaluation(actor, input);
        revalidatePath("/evaluations");
        return { evaluationId: evaluation.id };
      },
    },
    formData,
  );
}

/** CAST saves the conclusions as edited (a new version). */
export async function saveConclusionsAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: EVALUATION_OPERATIONS.saveConclusions,
      objectId: formData.get("evaluationId"),
      schema: saveConclusionsSchema,
      run: async (actor, input) => {
        const result = await saveConclusions(actor, input);
        revalidatePath(`/evaluations/${input.evaluationId}`);
        return result;
      },
    },
    formData,
  );
}

/** CAST re-assembles a draft's figures from the data as it stands now (a new version). */
export async function refreshFiguresAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: EVALUATION_OPERATIONS.refreshFigures,
      objectId: formData.get("evaluationId"),
      schema: versionedEvaluationSchema,
      run: async (actor, input) => {
        const result = await refreshFigures(actor, input);
        revalidatePath(`/evaluations/${input.evaluationId}`);
        return result;
      },
    },
    formData,
  );
}

/** CAST finalises the evaluation: frozen from then on. */
export async function finaliseEvaluationAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: EVALUATION_OPERATIONS.finaliseEvaluation,
      objectId: formData.get("evaluationId"),
      schema: versionedEvaluationSchema,
      run: async (actor, input) => {
        const result = await finaliseEvaluation(actor, input);
        revalidatePath("/evaluations", "layout");
        return result;
      },
    },
    formData,
  );
}
