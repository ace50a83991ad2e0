"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { runAction, type ActionState } from "@/lib/core/action";
import { deliverPendingMailQuietly } from "@/lib/reporting/server/mail";
import { reviewReport, saveReport } from "@/lib/reporting/server/reports";
import { reportFormSchema, reviewSchema } from "@/lib/reporting/schemas";

export async function saveReportAction(_previous: ActionState<{ state: string; version: number; repeated: boolean }> | null, formData: FormData) {
  const submit = formData.get("intent") === "submit";
  return runAction(
    {
      permission: "report:write",
      operation: { action: submit ? "report.submit" : "report.save", objectType: "ProgressReport", objectId: String(formData.get("reportId")) },
      schema: reportFormSchema,
      run: async (actor, input) => {
        const result = await saveReport(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}

export async function reviewReportAction(_previous: ActionState<{ state: string }> | null, formData: FormData) {
  const approve = formData.get("decision") === "APPROVE";
  return runAction(
    {
      permission: "report:review",
      operation: { action: approve ? "report.approve" : "report.return", objectType: "ProgressReport", objectId: String(formData.get("reportId")) },
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
