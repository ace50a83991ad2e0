"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/core/action";
import { idField } from "@/lib/core/form";
import { addAttachment, deleteAttachment } from "@/lib/reporting/server/attachments";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

const uploadSchema = z.object({ reportId: idField, file: z.instanceof(File, { error: "fileRequired" }) });

export async function uploadAttachmentAction(_previous: ActionState<{ fileName: string }> | null, formData: FormData) {
  return runAction(
    {
      operation: REPORTING_OPERATIONS.addAttachment,
      objectId: formData.get("reportId"),
      schema: z.preprocess((raw) => ({ ...(raw as object), file: formData.get("file") }), uploadSchema),
      run: async (actor, input) => {
        // The File itself: the check reads slices of it and the store streams it to disk.
        const attachment = await addAttachment(actor, input.reportId, input.file.name, input.file);
        revalidatePath(`/reports/${input.reportId}`);
        return { fileName: attachment.fileName };
      },
    },
    formData,
  );
}

export async function removeAttachmentAction(_previous: ActionState | null, formData: FormData) {
  return runAction(
    {
      operation: REPORTING_OPERATIONS.removeAttachment,
      objectId: formData.get("attachmentId"),
      schema: z.object({ attachmentId: idField, reportId: idField }),
      run: async (actor, input) => {
        await deleteAttachment(actor, input.attachmentId);
        revalidatePath(`/reports/${input.reportId}`);
        return undefined;
      },
    },
    formData,
  );
}
