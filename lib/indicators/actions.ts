"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { createComposite, createIndicator, setIndicatorValue, updateComposite, updateIndicator } from "@/lib/indicators/server";
import {
  compositeSchema,
  indicatorSchema,
  indicatorValueSchema,
  updateCompositeSchema,
  updateIndicatorSchema,
} from "@/lib/indicators/schemas";
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

/** CAST defines a new indicator; the form then opens its page. */
export async function createIndicatorAction(_previous: ActionState<{ indicatorId: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: INDICATOR_OPERATIONS.createIndicator,
      schema: indicatorSchema,
      run: async (actor, input) => {
        const indicator = await createIndicator(actor, input);
        revalidatePath("/", "layout");
        return { indicatorId: indicator.id };
      },
    },
    formData,
  );
}

/** CAST edits an indicator's definition from the version the form was opened at. */
export async function updateIndicatorAction(_previous: ActionState<{ version: number; changed: boolean }> | null, formData: FormData) {
  return runAction(
    {
      operation: INDICATOR_OPERATIONS.updateIndicator,
      objectId: formData.get("indicatorId"),
      schema: updateIndicatorSchema,
      run: async (actor, input) => {
        const result = await updateIndicator(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}

/** CAST defines a composite indicator (e.g. 深圳科普指数); the form then opens its page. */
export async function createCompositeAction(_previous: ActionState<{ indicatorId: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: INDICATOR_OPERATIONS.defineComposite,
      schema: compositeSchema,
      run: async (actor, input) => {
        const indicator = await createComposite(actor, input);
        revalidatePath("/", "layout");
        return { indicatorId: indicator.id };
      },
    },
    formData,
  );
}

/** CAST edits a composite's components, weights, references or method. */
export async function updateCompositeAction(_previous: ActionState<{ version: number; changed: boolean }> | null, formData: FormData) {
  return runAction(
    {
      operation: INDICATOR_OPERATIONS.updateComposite,
      objectId: formData.get("indicatorId"),
      schema: updateCompositeSchema,
      run: async (actor, input) => {
        const result = await updateComposite(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}
