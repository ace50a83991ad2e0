"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { runAction, type ActionState } from "@/lib/core/action";
import { deliverPendingMailQuietly } from "@/lib/reporting/server/mail";
import { approveReports, type BulkApprovalResult } from "@/lib/reporting/server/review";
import { approveReportsFormSchema } from "@/lib/reporting/schemas";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

/** 批量通过 from the review queue: the checked reports, each posted as "id:version". */
export async function approveReportsAction(_previous: ActionState<BulkApprovalResult> | null, formData: FormData) {
  return runAction(
    {
      operation: REPORTING_OPERATIONS.approveReports,
      schema: approveReportsFormSchema,
      run: async (actor, input) => {
        const result = await approveReports(actor, input);
        revalidatePath("/", "layout");
        // E-mail copies (when a relay is configured) go out after the response.
        after(deliverPendingMailQuietly);
        return result;
      },
    },
    formData,
  );
}
