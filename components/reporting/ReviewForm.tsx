"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { Section } from "@/components/ui/Card";
import { TextAreaField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { reviewReportAction } from "@/lib/reporting/actions/reports";
import { TEXT_LIMITS } from "@/lib/reporting/schemas";

interface ReviewFormProps {
  reportId: number;
  version: number;
  canReturn: boolean;
  /** False when the report is not (or no longer) awaiting review: only the outcome of the last review is shown. */
  reviewable?: boolean;
  heading: string;
}

/**
 * Approve, or return with a required comment; a closed round can only approve (no resubmission is possible).
 * After a review the form goes away, but its outcome stays on screen, announced and focused.
 */
export function ReviewForm({ reportId, version, canReturn, reviewable = true, heading }: ReviewFormProps) {
  const t = useTranslations("reports");
  const [state, formAction, pending] = useActionState(reviewReportAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const failed = state && !state.ok ? state : null;
  return (
    <div className={reviewable || state ? "space-y-3" : "m-0"}>
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={failed?.message}
        success={state?.ok ? (state.data.state === "RETURNED" ? t("returnedDone") : t("approvedDone")) : undefined}
      />
      {reviewable ? (
        <Section headingId="review-heading" heading={heading} headingClassName="mb-3">
          <form ref={formRef} key={JSON.stringify(failed?.values ?? {})} action={formAction} className="space-y-3">
            <input type="hidden" name="reportId" value={reportId} />
            <input type="hidden" name="version" value={version} />
            <TextAreaField
              id="comment"
              name="comment"
              label={t("reviewComment")}
              rows={3}
              maxLength={TEXT_LIMITS.comment}
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
        </Section>
      ) : null}
    </div>
  );
}
