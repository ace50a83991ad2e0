"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { runAction, type ActionState } from "@/lib/core/action";
import { chaseMissingSupporters, sendChase } from "@/lib/reporting/server/chasing";
import { deliverPendingMailQuietly } from "@/lib/reporting/server/mail";
import { chaseSchema, chaseSupportersSchema } from "@/lib/reporting/schemas";
import { CHASE_OPERATION, REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function chaseAction(_previous: ActionState<{ units: number }> | null, formData: FormData) {
  const level = String(formData.get("level"));
  // An unknown level is refused by the schema; the permission check still needs an operation.
  const operation = Object.hasOwn(CHASE_OPERATION, level)
    ? CHASE_OPERATION[level as keyof typeof CHASE_OPERATION]
    : REPORTING_OPERATIONS.remind;
  return runAction(
    {
      operation,
      objectId: formData.get("roundId"),
      schema: chaseSchema,
      run: async (actor, input) => {
        const result = await sendChase(actor, input);
        revalidatePath("/", "layout");
        after(deliverPendingMailQuietly);
        return result;
      },
    },
    formData,
  );
}

/** 提醒 (or the next level) to every supporting unit of a lead report's item that has not submitted. */
export async function chaseSupportersAction(_previous: ActionState<{ units: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: REPORTING_OPERATIONS.chaseSupporters,
      objectId: formData.get("reportId"),
      schema: chaseSupportersSchema,
      run: async (actor, input) => {
        const { units } = await chaseMissingSupporters(actor, input);
        revalidatePath("/", "layout");
        after(deliverPendingMailQuietly);
        return { units };
      },
    },
    formData,
  );
}
