"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/core/action";
import { idField } from "@/lib/core/form";
import { markAllRead, markRead } from "@/lib/reporting/server/inbox";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function markReadAction(_previous: ActionState | null, formData: FormData) {
  return runAction(
    {
      operation: REPORTING_OPERATIONS.markRead,
      objectId: formData.get("messageId"),
      schema: z.object({ messageId: idField }),
      run: async (actor, input) => {
        await markRead(actor, input.messageId);
        revalidatePath("/", "layout");
        return undefined;
      },
    },
    formData,
  );
}

export async function markAllReadAction(_previous: ActionState<{ count: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: REPORTING_OPERATIONS.markAllRead,
      schema: z.object({}),
      run: async (actor) => {
        const count = await markAllRead(actor);
        revalidatePath("/", "layout");
        return { count };
      },
    },
    formData,
  );
}
