import "server-only";
import type { Actor } from "@/lib/core/actor";
import { checkUpload, MIME_TYPES, type AttachmentType } from "@/lib/core/files/detect-type";
import { appendAudit } from "../../audit/server/record";
import { readAttachment, removeAttachment, storeAttachment } from "./attachment-store";
import { authorize, deny } from "../../core/authz";
import { db } from "../../core/db";
import { AppError } from "../../core/errors";
import { getReport } from "./reports";

const EDITABLE_STATES = ["OWED", "DRAFT", "RETURNED"];

async function editableReport(actor: Actor | null, reportId: number, action: string) {
  const writer = await authorize(actor, "report:write", { action, objectType: "ProgressReport", objectId: reportId });
  const report = await db.progressReport.findUnique({ where: { id: reportId }, include: { round: { select: { status: true } } } });
  if (!report) throw new AppError("NOT_FOUND");
  if (report.unitId !== writer.unitId) await deny(writer, { action, objectType: "ProgressReport", objectId: reportId }, "not the unit's report");
  if (report.round.status !== "OPEN") throw new AppError("CONFLICT", "roundClosed");
  if (!EDITABLE_STATES.includes(report.state)) throw new AppError("CONFLICT", "reportLocked");
  return writer;
}

/**
 * Checks the file (name, size, type from its content) before anything is written; a
 * refused file leaves no trace but the audit record.
 */
export async function addAttachment(actor: Actor | null, reportId: number, fileName: string, bytes: Uint8Array, now = new Date()) {
  const writer = await editableReport(actor, reportId, "attachment.add");
  const checked = checkUpload(fileName, bytes);
  if (!checked.ok) throw new AppError("VALIDATION", checked.problem, {}, { file: checked.problem });
  const storageKey = await storeAttachment(bytes);
  try {
    return await db.$transaction(async (tx) => {
      const attachment = await tx.attachment.create({
        data: { reportId, storageKey, fileName: checked.displayName, fileType: checked.type, size: bytes.byteLength, uploadedById: writer.userId, uploadedAt: now },
      });
      await appendAudit(tx, { action: "attachment.add", result: "SUCCESS", actor: writer, objectType: "Attachment", objectId: attachment.id, details: { reportId, fileName: checked.displayName, type: checked.type, size: bytes.byteLength } }, now);
      return attachment;
    });
  } catch (error) {
    await removeAttachment(storageKey).catch(() => {});
    throw error;
  }
}

export async function deleteAttachment(actor: Actor | null, attachmentId: number, now = new Date()) {
  const attachment = await db.attachment.findUnique({ where: { id: attachmentId } });
  if (!attachment) throw new AppError("NOT_FOUND");
  const writer = await editableReport(actor, attachment.reportId, "attachment.remove");
  await db.$transaction(async (tx) => {
    await tx.attachment.delete({ where: { id: attachmentId } });
    await appendAudit(tx, { action: "attachment.remove", result: "SUCCESS", actor: writer, objectType: "Attachment", objectId: attachmentId, details: { fileName: attachment.fileName } }, now);
  });
  await removeAttachment(attachment.storageKey).catch(() => {});
}

/** The file, for whoever may read its report (the same check as the report page). */
export async function downloadAttachment(actor: Actor | null, attachmentId: number) {
  const attachment = await db.attachment.findUnique({ where: { id: attachmentId } });
  if (!attachment) {
    await authorize(actor, "report:read", { action: "attachment.download", objectType: "Attachment", objectId: attachmentId });
    throw new AppError("NOT_FOUND");
  }
  await getReport(actor, attachment.reportId);
  return { fileName: attachment.fileName, contentType: MIME_TYPES[attachment.fileType as AttachmentType], bytes: await readAttachment(attachment.storageKey) };
}
