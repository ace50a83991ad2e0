"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/core/action";
import { carryOverItems, makePlanCurrent } from "@/lib/plans/server/periods";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { carryOverSchema, makeCurrentSchema } from "@/lib/plans/schemas/periods";

/** 设为当前规划 on /plans; on success the overview opens, now following the plan. */
export async function makePlanCurrentAction(_previous: ActionState<{ current: string; ended: string[] }> | null, formData: FormData) {
  const state = await runAction(
    {
      operation: PLAN_OPERATIONS.makeCurrent,
      objectId: formData.get("planId"),
      schema: makeCurrentSchema,
      run: async (actor, input) => {
        const result = await makePlanCurrent(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
  if (state.ok) redirect("/?notice=planMadeCurrent");
  return state;
}

/** 结转未完成任务 on a plan's carry-over page. */
export async function carryOverAction(_previous: ActionState<{ count: number; skipped: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.carryOver,
      objectId: formData.get("parentId"),
      schema: carryOverSchema,
      run: async (actor, input) => {
        const result = await carryOverItems(actor, input);
        revalidatePath("/", "layout");
        return { count: result.created.length, skipped: result.skipped };
      },
    },
    formData,
  );
}
