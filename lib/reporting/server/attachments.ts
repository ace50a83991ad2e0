import "server-only";
import type { Actor } from "@/lib/core/actor";
import { checkUpload, MIME_TYPES, type AttachmentType, type UploadContent } from "@/lib/core/files/detect-type";
import { appendAudit } from "@/lib/audit/server/record";
import { readAttachment, removeAttachment, storeAttachment } from "./attachment-store";
import { authorize } from "@/lib/core/authz";
import { auditTarget, type OperationSpec } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { assertEditable, loadOwnReport, loadReadableReport } from "./reports";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

/** The liaison's own report, still open for changes: evidence follows the same rule as the text. */
async function editableReport(actor: Actor | null, operation: OperationSpec, reportId: number, objectId = reportId) {
  const { writer, report } = await loadOwnReport(actor, operation, reportId, objectId);
  assertEditable(report);
  return writer;
}

/**
 * Checks the file (name, size, type from its content) before anything is written; a
 * refused file leaves no trace but the audit record. `content` is the uploaded File itself
 * (or bytes): it is never copied whole into memory here.
 */
export async function addAttachment(actor: Actor | null, reportId: number, fileName: string, content: UploadContent, now = new Date()) {
  const writer = await editableReport(actor, REPORTING_OPERATIONS.addAttachment, reportId);
  // Reads only the slices the type needs (never the whole file), then streams it to disk.
  const checked = await checkUpload(fileName, content);
  if (!checked.ok) throw new AppError("VALIDATION", checked.problem, {}, { file: checked.problem });
  const size = content instanceof Uint8Array ? content.byteLength : content.size;
  const storageKey = await storeAttachment(content);
  try {
    return await db.$transaction(async (tx) => {
      const attachment = await tx.attachment.create({
        data: {
          reportId,
          storageKey,
          fileName: checked.displayName,
          fileType: checked.type,
          size,
          uploadedById: writer.userId,
          uploadedAt: now,
        },
      });
      await appendAudit(
        tx,
        {
          ...auditTarget(REPORTING_OPERATIONS.addAttachment, attachment.id),
          objectType: "Attachment",
          result: "SUCCESS",
          actor: writer,
          details: { reportId, fileName: checked.displayName, type: checked.type, size },
        },
        now,
      );
      return attachment;
    });
  } catch (error) {
    await removeAttachment(storageKey).catch(() => {});
    throw error;
  }
}

export async function deleteAttachment(actor: Actor | null, attachmentId: number, now = new Date()) {
  // Who is asking comes first: a made-up id answers nobody's question without an audit record.
  await authorize(actor, REPORTING_OPERATIONS.removeAttachment, attachmentId);
  const attachment = await db.attachment.findUnique({ where: { id: attachmentId } });
  if (!attachment) throw new AppError("NOT_FOUND");
  const writer = await editableReport(actor, REPORTING_OPERATIONS.removeAttachment, attachment.reportId, attachmentId);
  await db.$transaction(async (tx) => {
    await tx.attachment.delete({ where: { id: attachmentId } });
    await appendAudit(
      tx,
      {
        ...auditTarget(REPORTING_OPERATIONS.removeAttachment, attachmentId),
        result: "SUCCESS",
        actor: writer,
        details: { fileName: attachment.fileName },
      },
      now,
    );
  });
  await removeAttachment(attachment.storageKey).catch(() => {});
}

/** The file, for whoever may read its report (the same check as the report page). */
export async function downloadAttachment(actor: Actor | null, attachmentId: number) {
  // Who is asking comes first: nobody signed in learns nothing, not even whether the id exists.
  await authorize(actor, REPORTING_OPERATIONS.downloadAttachment, attachmentId);
  const attachment = await db.attachment.findUnique({ where: { id: attachmentId } });
  if (!attachment) throw new AppError("NOT_FOUND");
  // The report page's read rule, without building the page (no consolidation for a download).
  await loadReadableReport(actor, attachment.reportId, REPORTING_OPERATIONS.downloadAttachment, attachmentId);
  return {
    fileName: attachment.fileName,
    /** Detected from the content at upload, never taken from the name. */
    fileType: attachment.fileType as AttachmentType,
    contentType: MIME_TYPES[attachment.fileType as AttachmentType],
    bytes: await readAttachment(attachment.storageKey),
  };
}
