"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { openRound, setRoundClosed } from "@/lib/reporting/server/rounds";
import { openRoundSchema, roundCommandSchema } from "@/lib/reporting/schemas";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function openRoundAction(_previous: ActionState<{ roundId: number; reportsOwed: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: REPORTING_OPERATIONS.openRound,
      schema: openRoundSchema,
      run: async (actor, input) => {
        const { round, reportsOwed } = await openRound(actor, input);
        revalidatePath("/", "layout");
        return { roundId: round.id, reportsOwed };
      },
    },
    formData,
  );
}

export async function roundCommandAction(_previous: ActionState<{ status: string; notSubmitted: number }> | null, formData: FormData) {
  const operation = formData.get("command") === "reopen" ? REPORTING_OPERATIONS.reopenRound : REPORTING_OPERATIONS.closeRound;
  return runAction(
    {
      operation,
      objectId: formData.get("roundId"),
      schema: roundCommandSchema,
      run: async (actor, input) => {
        const result = await setRoundClosed(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}
