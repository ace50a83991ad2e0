"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/core/action";
import { addAttachment, deleteAttachment } from "@/lib/reporting/server/attachments";
import { sendChase } from "@/lib/reporting/server/chasing";
import { markRead } from "@/lib/reporting/server/inbox";
import { deliverPendingMailQuietly } from "@/lib/reporting/server/mail";
import { reviewReport, saveReport } from "@/lib/reporting/server/reports";
import { openRound, setRoundClosed } from "@/lib/reporting/server/rounds";
import { idField } from "@/lib/core/form";
import { chaseSchema, openRoundSchema, reportFormSchema, reviewSchema, roundCommandSchema } from "@/lib/reporting/schemas";

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

export async function openRoundAction(_previous: ActionState<{ roundId: number; reportsOwed: number }> | null, formData: FormData) {
  return runAction(
    {
      permission: "round:manage",
      operation: { action: "round.open", objectType: "ReportingRound" },
      schema: openRoundSchema,
      run: async (actor, input) => {
        const { round, reportsOwed } = await openRound(actor, input);
        revalidatePath("/", "layout");
        return { roundId: round.id, reportsOwed };
      },
    },
    formData,
  );
}

export async function roundCommandAction(_previous: ActionState<{ status: string; notSubmitted: number }> | null, formData: FormData) {
  const command = formData.get("command") === "reopen" ? "reopen" : "close";
  return runAction(
    {
      permission: "round:manage",
      operation: { action: `round.${command}`, objectType: "ReportingRound", objectId: String(formData.get("roundId")) },
      schema: roundCommandSchema,
      run: async (actor, input) => {
        const result = await setRoundClosed(actor, input);
        revalidatePath("/", "layout");
        return result;
      },
    },
    formData,
  );
}

export async function chaseAction(_previous: ActionState<{ units: number }> | null, formData: FormData) {
  const level = String(formData.get("level") ?? "").toLowerCase();
  return runAction(
    {
      permission: "chase:send",
      operation: { action: `chase.${level || "send"}`, objectType: "ReportingRound", objectId: String(formData.get("roundId")) },
      schema: chaseSchema,
      run: async (actor, input) => {
        const result = await sendChase(actor, input);
        revalidatePath("/", "layout");
        after(deliverPendingMailQuietly);
        return result;
      },
    },
    formData,
  );
}

export async function markReadAction(_previous: ActionState | null, formData: FormData) {
  return runAction(
    {
      permission: "account:self",
      operation: { action: "inbox.mark_read", objectType: "InboxMessage", objectId: String(formData.get("messageId")) },
      schema: z.object({ messageId: idField }),
      run: async (actor, input) => {
        await markRead(actor, input.messageId);
        revalidatePath("/", "layout");
        return undefined;
      },
    },
    formData,
  );
}
