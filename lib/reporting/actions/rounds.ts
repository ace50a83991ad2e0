"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { openRound, setRoundClosed } from "@/lib/reporting/server/rounds";
import { openRoundSchema, roundCommandSchema } from "@/lib/reporting/schemas";

export async function openRoundAction(_previous: ActionState<{ roundId: number; reportsOwed: number }> | null, formData: FormData) {
  return runAction(
    {
      permission: "round:manage",
      operation: { action: "round.open", objectType: "ReportingRound" },
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
  const command = formData.get("command") === "reopen" ? "reopen" : "close";
  return runAction(
    {
      permission: "round:manage",
      operation: { action: `round.${command}`, objectType: "ReportingRound", objectId: String(formData.get("roundId")) },
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
