"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { createWorkItem, updateWorkItem } from "@/lib/plans/server/work-items";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { createWorkItemSchema, updateWorkItemSchema } from "@/lib/plans/schemas/work-items";

export async function createWorkItemAction(_previous: ActionState<{ itemId: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.createItem,
      schema: createWorkItemSchema,
      run: async (actor, input) => {
        const item = await createWorkItem(actor, input);
        revalidatePath("/", "layout");
        return { itemId: item.id };
      },
    },
    formData,
  );
}

export async function updateWorkItemAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.updateItem,
      objectId: formData.get("itemId"),
      schema: updateWorkItemSchema,
      run: async (actor, input) => {
        const result = await updateWorkItem(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}
