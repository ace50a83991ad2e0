"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { reviewReportAction } from "@/lib/actions/reports";

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
      <div className="space-y-1">
        <label htmlFor="comment" className="block text-sm font-medium text-slate-800">
          {t("reviewComment")}
        </label>
        <textarea
          id="comment"
          name="comment"
          rows={3}
          defaultValue={failed?.values.comment ?? ""}
          aria-invalid={failed?.fieldErrors.comment ? true : undefined}
          aria-describedby="comment-hint"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <p id="comment-hint" className={failed?.fieldErrors.comment ? "text-sm text-red-700" : "text-xs text-slate-600"}>
          {failed?.fieldErrors.comment ?? t("reviewCommentHint")}
        </p>
      </div>
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
