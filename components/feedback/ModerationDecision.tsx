"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { TextAreaField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { moderateCommentAction } from "@/lib/feedback/actions";

/** CAST's approve (publish) or reject (with a reason) on one pending visitor comment. */
export function ModerationDecision({ commentId }: { commentId: number }) {
  const t = useTranslations("feedback.decision");
  const [state, formAction, pending] = useActionState(moderateCommentAction, null);
  const { messageRef } = useFocusAfterAction(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <div className="space-y-2">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t(state.data.status === "APPROVED" ? "approved" : "rejected") : undefined}
      />
      {state?.ok ? null : (
        <div className="flex flex-wrap items-start gap-4">
          <form action={formAction}>
            <input type="hidden" name="commentId" value={commentId} />
            <input type="hidden" name="decision" value="approve" />
            <Button type="submit" disabled={pending}>
              {t("approve")}
            </Button>
          </form>
          <form action={formAction} className="min-w-64 flex-1 space-y-2">
            <input type="hidden" name="commentId" value={commentId} />
            <input type="hidden" name="decision" value="reject" />
            <TextAreaField
              id={`reason-${commentId}`}
              name="reason"
              label={t("reason")}
              hint={t("reasonHint")}
              rows={2}
              maxLength={500}
              error={errors.reason}
            />
            <Button type="submit" variant="danger" disabled={pending}>
              {t("reject")}
            </Button>
          </form>
        </div>
      )}
    </div>
  );
}
