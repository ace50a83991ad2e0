"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { TextAreaField } from "@/components/ui/Field";
import { reviewReportAction } from "@/lib/reporting/actions/reports";

/** Approve, or return with a required comment; a closed round can only approve (no resubmission is possible). */
export function ReviewForm({ reportId, version, canReturn }: { reportId: number; version: number; canReturn: boolean }) {
  const t = useTranslations("reports");
  const [state, formAction, pending] = useActionState(reviewReportAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form key={JSON.stringify(failed?.values ?? {})} action={formAction} className="space-y-3">
      {failed && !failed.fieldErrors.comment ? <Alert tone="error">{failed.message}</Alert> : null}
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="version" value={version} />
      <TextAreaField
        id="comment"
        name="comment"
        label={t("reviewComment")}
        rows={3}
        defaultValue={failed?.values.comment ?? ""}
        hint={failed?.fieldErrors.comment ? undefined : t("reviewCommentHint")}
        error={failed?.fieldErrors.comment}
      />
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="APPROVE" disabled={pending}>
          {t("approve")}
        </Button>
        {canReturn ? (
          <Button type="submit" name="decision" value="RETURN" variant="danger" disabled={pending}>
            {t("return")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
