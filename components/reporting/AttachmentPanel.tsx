"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { removeAttachmentAction, uploadAttachmentAction } from "@/lib/reporting/actions/attachments";

interface AttachmentRow {
  id: number;
  fileName: string;
  size: number;
}

export function AttachmentPanel({
  reportId,
  attachments,
  editable,
}: {
  reportId: number;
  attachments: AttachmentRow[];
  editable: boolean;
}) {
  const t = useTranslations("reports");
  const [uploadState, upload, uploading] = useActionState(uploadAttachmentAction, null);
  const [removeState, remove] = useActionState(removeAttachmentAction, null);
  return (
    <div className="space-y-3">
      {attachments.length === 0 ? <p className="text-sm text-slate-600">{t("noAttachments")}</p> : null}
      <ul className="space-y-1 text-sm" data-testid="attachments">
        {attachments.map((attachment) => (
          <li key={attachment.id} className="flex flex-wrap items-center gap-2">
            <a href={`/attachments/${attachment.id}`} className="text-brand-700 underline">
              {attachment.fileName}
            </a>
            <span className="text-slate-600">{(attachment.size / 1024).toFixed(0)} KB</span>
            {editable ? (
              <form action={remove}>
                <input type="hidden" name="attachmentId" value={attachment.id} />
                <input type="hidden" name="reportId" value={reportId} />
                <button type="submit" className="text-red-700 underline">
                  {t("removeAttachment", { name: attachment.fileName })}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {removeState && !removeState.ok ? <Alert tone="error">{removeState.message}</Alert> : null}
      {editable ? (
        <form action={upload} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="reportId" value={reportId} />
          <div>
            <label htmlFor="attachment-file" className="block text-sm font-medium text-slate-800">
              {t("addAttachment")}
            </label>
            <input
              id="attachment-file"
              name="file"
              type="file"
              required
              accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png"
              aria-describedby="attachment-hint"
              className="text-sm"
            />
            <p id="attachment-hint" className="text-xs text-slate-600">
              {t("attachmentHint")}
            </p>
          </div>
          <Button type="submit" variant="secondary" disabled={uploading}>
            {uploading ? t("uploading") : t("upload")}
          </Button>
        </form>
      ) : null}
      {uploadState && !uploadState.ok ? <Alert tone="error">{uploadState.fieldErrors.file ?? uploadState.message}</Alert> : null}
      {uploadState?.ok ? <Alert tone="success">{t("uploaded", { name: uploadState.data.fileName })}</Alert> : null}
    </div>
  );
}
