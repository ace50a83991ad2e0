"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/core/action";
import { idField } from "@/lib/core/form";
import { addAttachment, deleteAttachment } from "@/lib/reporting/server/attachments";

const uploadSchema = z.object({ reportId: idField, file: z.instanceof(File, { error: "fileRequired" }) });

export async function uploadAttachmentAction(_previous: ActionState<{ fileName: string }> | null, formData: FormData) {
  return runAction(
    {
      permission: "report:write",
      operation: { action: "attachment.add", objectType: "ProgressReport", objectId: String(formData.get("reportId")) },
      schema: z.preprocess((raw) => ({ ...(raw as object), file: formData.get("file") }), uploadSchema),
      run: async (actor, input) => {
        const bytes = new Uint8Array(await input.file.arrayBuffer());
        const attachment = await addAttachment(actor, input.reportId, input.file.name, bytes);
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
      permission: "report:write",
      operation: { action: "attachment.remove", objectType: "Attachment", objectId: String(formData.get("attachmentId")) },
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
