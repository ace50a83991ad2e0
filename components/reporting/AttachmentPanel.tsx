"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/Button";
import { FilePicker } from "@/components/ui/FilePicker";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { isPreviewable } from "@/lib/core/files/detect-type";
import { removeAttachmentAction, uploadAttachmentAction } from "@/lib/reporting/actions/attachments";

interface AttachmentRow {
  id: number;
  fileName: string;
  /** Detected from the content at upload: PDF, JPG and PNG open in a preview. */
  fileType: string;
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
  const [removeState, remove, removing] = useActionState(removeAttachmentAction, null);
  const uploadFocus = useFocusAfterAction(uploadState);
  const removeFocus = useFocusAfterAction(removeState);
  // The browser's own file picker speaks the browser's language ("Choose File"): ours says 选择文件.
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {attachments.length === 0 ? <p className="text-sm text-slate-600">{t("noAttachments")}</p> : null}
      <ul className="space-y-1 text-sm" data-testid="attachments">
        {attachments.map((attachment) => (
          <li key={attachment.id} className="flex flex-wrap items-center gap-2">
            <a id={`attachment-name-${attachment.id}`} href={`/attachments/${attachment.id}`} className="text-brand-700 underline">
              {attachment.fileName}
            </a>
            <span className="text-slate-600">{(attachment.size / 1024).toFixed(0)} KB</span>
            {isPreviewable(attachment.fileType) ? (
              <a
                href={`/attachments/${attachment.id}/preview`}
                target="_blank"
                rel="noopener noreferrer"
                className="text-brand-700 underline"
                aria-describedby={`attachment-name-${attachment.id}`}
                title={t("previewAttachment", { name: attachment.fileName })}
              >
                {t("preview")}
              </a>
            ) : null}
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
      <FormStatus
        messageRef={removeFocus.messageRef}
        pending={removing}
        error={removeState && !removeState.ok ? removeState.message : undefined}
        success={removeState?.ok ? t("attachmentRemoved") : undefined}
      />
      {editable ? (
        <form action={upload} onReset={() => setChosen(null)} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="reportId" value={reportId} />
          <div>
            <label htmlFor="attachment-file" className="block text-sm font-medium text-slate-800">
              {t("addAttachment")}
            </label>
            <FilePicker
              id="attachment-file"
              accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png"
              chosen={chosen}
              onChoose={setChosen}
              chooseLabel={t("chooseFile")}
              noFileLabel={t("noFileChosen")}
              describedBy="attachment-hint"
              chosenId="attachment-chosen"
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
      <FormStatus
        messageRef={uploadFocus.messageRef}
        pending={uploading}
        error={uploadState && !uploadState.ok ? (uploadState.fieldErrors.file ?? uploadState.message) : undefined}
        success={uploadState?.ok ? t("uploaded", { name: uploadState.data.fileName }) : undefined}
      />
    </div>
  );
}
