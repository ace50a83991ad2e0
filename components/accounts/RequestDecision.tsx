"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { TextAreaField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { decideRequestAction } from "@/lib/accounts/actions/requests";

interface RequestDecisionProps {
  requestId: number;
  version: number;
  /** What is asked, in words, for the confirmation. */
  summary: string;
}

/** The auditor's approve (after a confirmation) or refuse (with a reason) on one pending request. */
export function RequestDecision({ requestId, version, summary }: RequestDecisionProps) {
  const t = useTranslations("accountRequests");
  const [state, formAction, pending] = useActionState(decideRequestAction, null);
  const { messageRef } = useFocusAfterAction(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const hidden = (
    <>
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  return (
    <div className="space-y-3">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t(state.data.decision === "approve" ? "approved" : "refused") : undefined}
      />
      {state?.ok ? null : (
        <div className="flex flex-wrap items-start gap-4">
          <form action={formAction}>
            {hidden}
            <input type="hidden" name="decision" value="approve" />
            <ConfirmDialog
              triggerLabel={t("approve")}
              disabled={pending}
              title={t("approveTitle")}
              description={t("approveDescription", { summary })}
              confirmLabel={t("approve")}
            />
          </form>
          <form action={formAction} className="min-w-64 flex-1 space-y-2">
            {hidden}
            <input type="hidden" name="decision" value="refuse" />
            <TextAreaField
              id={`reason-${requestId}`}
              name="reason"
              label={t("reason")}
              hint={t("reasonHint")}
              rows={2}
              maxLength={500}
              error={errors.reason}
            />
            <Button type="submit" variant="danger" disabled={pending}>
              {t("refuse")}
            </Button>
          </form>
        </div>
      )}
    </div>
  );
}
