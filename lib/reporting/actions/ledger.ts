"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/core/action";
import { postedFile } from "@/lib/core/form";
import { ledgerApplySchema, ledgerImportCommandSchema, ledgerUploadSchema } from "@/lib/reporting/ledger/schemas";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import { applyReportImport, discardReportImport, previewReportImport } from "@/lib/reporting/server/ledger-import";
import { deliverPendingMailQuietly } from "@/lib/reporting/server/mail";

/** 上传并预览: reads and checks the workbook, stores it as a pending import, then opens its preview. */
export async function previewReportImportAction(_previous: ActionState<{ importId: number }> | null, formData: FormData) {
  const state = await runAction(
    {
      operation: REPORTING_OPERATIONS.previewImport,
      objectId: formData.get("unitId") || null,
      schema: z.preprocess((raw) => ({ ...(raw as object), file: postedFile(formData) }), ledgerUploadSchema),
      run: async (actor, input) => {
        const bytes = new Uint8Array(await input.file.arrayBuffer());
        return previewReportImport(actor, { fileName: input.file.name, bytes, unitId: input.unitId ?? null });
      },
    },
    formData,
  );
  if (state.ok) redirect(`/reports/import/${state.data.importId}`);
  return state;
}

export type ApplyProgress = Awaited<ReturnType<typeof applyReportImport>>;

/**
 * 确认导入: applies a batch of rows (from / limit, as the page's script sends them) or, posted
 * without them (no script), every row at once; the page then shows the outcome.
 */
export async function applyReportImportAction(_previous: ActionState<ApplyProgress> | null, formData: FormData) {
  const state = await runAction(
    {
      operation: REPORTING_OPERATIONS.applyImport,
      objectId: formData.get("importId"),
      schema: ledgerApplySchema,
      run: async (actor, input) => {
        const result = await applyReportImport(actor, input);
        if (result.done) revalidatePath("/", "layout");
        // E-mail copies of the 代填 messages (when a relay is configured) go out after the response.
        after(deliverPendingMailQuietly);
        return result;
      },
    },
    formData,
  );
  // Posted without a script (no batch): everything was applied; the page shows the outcome.
  if (state.ok && !formData.get("from")) redirect(`/reports/import/${Number(formData.get("importId"))}`);
  return state;
}

/** 放弃导入. */
export async function discardReportImportAction(_previous: ActionState | null, formData: FormData) {
  const state = await runAction(
    {
      operation: REPORTING_OPERATIONS.discardImport,
      objectId: formData.get("importId"),
      schema: ledgerImportCommandSchema,
      run: async (actor, input) => {
        await discardReportImport(actor, input);
        return undefined;
      },
    },
    formData,
  );
  if (state.ok) redirect("/reports/import?discarded=1");
  return state;
}
