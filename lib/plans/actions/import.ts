"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/core/action";
import { postedFile } from "@/lib/core/form";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { importCommandSchema, previewImportSchema } from "@/lib/plans/schemas/import";
import { applyPlanImport, discardPlanImport, previewPlanImport } from "@/lib/plans/server/plan-import";

/** Upload → preview: checks and stores the workbook, then opens its preview page. */
export async function previewPlanImportAction(_previous: ActionState<{ importId: number }> | null, formData: FormData) {
  const state = await runAction(
    {
      operation: PLAN_OPERATIONS.previewImport,
      objectId: formData.get("planCode") || null,
      schema: z.preprocess((raw) => ({ ...(raw as object), file: postedFile(formData) }), previewImportSchema),
      run: async (actor, input) => {
        const bytes = new Uint8Array(await input.file.arrayBuffer());
        const preview = await previewPlanImport(actor, { fileName: input.file.name, bytes, planCode: input.planCode });
        return { importId: preview.importId };
      },
    },
    formData,
  );
  if (state.ok) redirect(`/plans/import/${state.data.importId}`);
  return state;
}

/** Confirms a pending import, then opens the plan. */
export async function applyPlanImportAction(_previous: ActionState<{ code: string }> | null, formData: FormData) {
  const state = await runAction(
    {
      operation: PLAN_OPERATIONS.applyImport,
      objectId: formData.get("importId"),
      schema: importCommandSchema,
      run: async (actor, input) => {
        const result = await applyPlanImport(actor, input);
        revalidatePath("/", "layout");
        return { code: result.code };
      },
    },
    formData,
  );
  if (state.ok) redirect(`/plans/${state.data.code}?imported=1`);
  return state;
}

export async function discardPlanImportAction(_previous: ActionState | null, formData: FormData) {
  const state = await runAction(
    {
      operation: PLAN_OPERATIONS.discardImport,
      objectId: formData.get("importId"),
      schema: importCommandSchema,
      run: async (actor, input) => {
        await discardPlanImport(actor, input);
        return undefined;
      },
    },
    formData,
  );
  if (state.ok) redirect("/plans/import?discarded=1");
  return state;
}
