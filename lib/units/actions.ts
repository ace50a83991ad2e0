"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/core/action";
import { UNIT_OPERATIONS } from "@/lib/units/operations";
import { createUnitSchema, mergeUnitSchema, renameUnitSchema, unitCommandSchema } from "@/lib/units/schemas";
import { createUnit, mergeUnit, renameUnit, setUnitActive } from "@/lib/units/server";

/** Names show on every page: after a change, every page is read again. */
function refreshEverywhere() {
  revalidatePath("/", "layout");
}

export async function createUnitAction(_previous: ActionState<{ unitId: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: UNIT_OPERATIONS.createUnit,
      schema: createUnitSchema,
      run: async (actor, input) => {
        const unit = await createUnit(actor, input);
        refreshEverywhere();
        return { unitId: unit.id };
      },
    },
    formData,
  );
}

export async function renameUnitAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: UNIT_OPERATIONS.renameUnit,
      objectId: formData.get("unitId"),
      schema: renameUnitSchema,
      run: async (actor, input) => {
        const result = await renameUnit(actor, input);
        refreshEverywhere();
        return result;
      },
    },
    formData,
  );
}

export async function mergeUnitAction(_previous: ActionState<{ version: number }> | null, formData: FormData) {
  return runAction(
    {
      operation: UNIT_OPERATIONS.mergeUnit,
      objectId: formData.get("unitId"),
      schema: mergeUnitSchema,
      run: async (actor, input) => {
        const { version } = await mergeUnit(actor, input);
        refreshEverywhere();
        return { version };
      },
    },
    formData,
  );
}

/** Deactivate or reactivate, by the form's command. */
export async function unitCommandAction(_previous: ActionState<{ command: string }> | null, formData: FormData) {
  const command = formData.get("command") === "reactivate" ? "reactivate" : "deactivate";
  return runAction(
    {
      operation: command === "reactivate" ? UNIT_OPERATIONS.reactivateUnit : UNIT_OPERATIONS.deactivateUnit,
      objectId: formData.get("unitId"),
      schema: unitCommandSchema,
      run: async (actor, input) => {
        await setUnitActive(actor, input, input.command === "reactivate");
        refreshEverywhere();
        return { command: input.command };
      },
    },
    formData,
  );
}
