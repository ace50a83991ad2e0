"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { runAction, type ActionState } from "@/lib/core/action";
import { sendChase } from "@/lib/reporting/server/chasing";
import { deliverPendingMailQuietly } from "@/lib/reporting/server/mail";
import { chaseSchema } from "@/lib/reporting/schemas";

export async function chaseAction(_previous: ActionState<{ units: number }> | null, formData: FormData) {
  const level = String(formData.get("level") ?? "").toLowerCase();
  return runAction(
    {
      permission: "chase:send",
      operation: { action: `chase.${level || "send"}`, objectType: "ReportingRound", objectId: String(formData.get("roundId")) },
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
