"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { setIndicatorValue } from "@/lib/indicators/server";
import { indicatorValueSchema } from "@/lib/indicators/schemas";

export async function setIndicatorValueAction(_previous: ActionState<{ year: number }> | null, formData: FormData) {
  return runAction(
    {
      permission: "indicator:edit",
      operation: { action: "indicator.set_value", objectType: "Indicator", objectId: String(formData.get("indicatorId")) },
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
