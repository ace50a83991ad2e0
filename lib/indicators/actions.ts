"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { setIndicatorValue } from "@/lib/indicators/server";
import { indicatorValueSchema } from "@/lib/indicators/schemas";
import { INDICATOR_OPERATIONS } from "@/lib/indicators/operations";

export async function setIndicatorValueAction(_previous: ActionState<{ year: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: INDICATOR_OPERATIONS.setValue,
      objectId: formData.get("indicatorId"),
      schema: indicatorValueSchema,
      run: async (actor, input) => {
        await setIndicatorValue(actor, input);
        revalidatePath("/", "layout");
        return { year: input.year };
      },
    },
    formData,
  );
}
