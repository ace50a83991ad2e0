"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { createItem, moveItem, setItemArchived, updateItem } from "@/lib/plans/server/authoring";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { createItemSchema, itemCommandSchema, moveItemSchema, updateItemSchema } from "@/lib/plans/schemas/authoring";

/** An item of any kind, at the plan's first level or under another item. */
export async function createItemAction(_previous: ActionState<{ itemId: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.createItem,
      objectId: formData.get("planId"),
      schema: createItemSchema,
      run: async (actor, input) => {
        const item = await createItem(actor, input);
        revalidatePath("/", "layout");
        return { itemId: item.id };
      },
    },
    formData,
  );
}

export async function updateItemAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.updateItem,
      objectId: formData.get("itemId"),
      schema: updateItemSchema,
      run: async (actor, input) => {
        const result = await updateItem(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}

/** 上移 / 下移 among siblings, or 移至 another parent of the same plan. */
export async function moveItemAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: PLAN_OPERATIONS.moveItem,
      objectId: formData.get("itemId"),
      schema: moveItemSchema,
      run: async (actor, input) => {
        const result = await moveItem(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}

/** 归档 or 恢复 an item of any kind. */
export async function archiveItemAction(_previous: ActionState<{ archived: boolean }> | null, formData: FormData) {
  const archived = formData.get("command") !== "restore";
  return runAction(
    {
      operation: archived ? PLAN_OPERATIONS.archiveItem : PLAN_OPERATIONS.restoreItem,
      objectId: formData.get("itemId"),
      schema: itemCommandSchema,
      run: async (actor, input) => {
        await setItemArchived(actor, input, archived);
        revalidatePath("/", "layout");
        return { archived };
      },
    },
    formData,
  );
}
