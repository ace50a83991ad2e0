"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { runAction, submittedValues, type ActionState } from "@/lib/core/action";
import { deliverPendingMailQuietly } from "@/lib/reporting/server/mail";
import { reviewReport, saveReport } from "@/lib/reporting/server/reports";
import { reportFormSchema, reviewSchema } from "@/lib/reporting/schemas";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export type SaveReportState = ActionState<{ state: string; version: number; repeated: boolean; values: Record<string, string> }>;

export async function saveReportAction(_previous: SaveReportState | null, formData: FormData) {
  const submit = formData.get("intent") === "submit";
  return runAction(
    {
      operation: submit ? REPORTING_OPERATIONS.submitReport : REPORTING_OPERATIONS.saveReport,
      objectId: formData.get("reportId"),
      schema: reportFormSchema,
      run: async (actor, input) => {
        const { pageChanged, ...result } = await saveReport(actor, input);
        // A draft save that leaves the report's state (its badge and traffic light) as the page
        // shows it is answered without drawing the page again (the costly part of a save): the
        // form takes the new version and what was saved from this answer.
        if (pageChanged) revalidatePath("/", "layout");
        return { ...result, values: submittedValues(formData) };
      },
    },
    formData,
  );
}

export async function reviewReportAction(_previous: ActionState<{ state: string }> | null, formData: FormData) {
  const approve = formData.get("decision") === "APPROVE";
  return runAction(
    {
      operation: approve ? REPORTING_OPERATIONS.approveReport : REPORTING_OPERATIONS.returnReport,
      objectId: formData.get("reportId"),
      schema: reviewSchema,
      run: async (actor, input) => {
        const result = await reviewReport(actor, input);
        revalidatePath("/", "layout");
        // E-mail copies (when a relay is configured) go out after the response.
        after(deliverPendingMailQuietly);
        return result;
      },
    },
    formData,
  );
}
