"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { createPlan, publishPlan, updatePlan } from "@/lib/plans/server/authoring";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { createPlanSchema, planCommandSchema, updatePlanSchema } from "@/lib/plans/schemas/authoring";

/** 新建规划: a draft, opened at its tree. */
export async function createPlanAction(_previous: ActionState<{ code: string }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.createPlan,
      schema: createPlanSchema,
      run: async (actor, input) => {
        const plan = await createPlan(actor, input);
        revalidatePath("/", "layout");
        return { code: plan.code };
      },
    },
    formData,
  );
}

export async function updatePlanAction(_previous: ActionState<{ updatedAt: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.updatePlan,
      objectId: formData.get("planId"),
      schema: updatePlanSchema,
      run: async (actor, input) => {
        const result = await updatePlan(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}

/** 发布 a draft, or 发布新版本 of a published plan. */
export async function publishPlanAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.publishPlan,
      objectId: formData.get("planId"),
      schema: planCommandSchema,
      run: async (actor, input) => {
        const result = await publishPlan(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}
