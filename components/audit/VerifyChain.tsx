"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { verifyAuditAction } from "@/lib/audit/actions";

export function VerifyChain() {
  const t = useTranslations("audit");
  const [state, formAction, pending] = useActionState(verifyAuditAction, null);
  const { messageRef } = useFocusAfterAction(state);
  return (
    <form action={formAction} className="space-y-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("verifying") : t("verify")}
      </Button>
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={
          state && !state.ok
            ? state.message
            : state?.ok && !state.data.ok
              ? `${t("chainBroken", { id: state.data.brokenAt, count: state.data.count })} ${t(`problems.${state.data.problem}`)}`
              : undefined
        }
        success={state?.ok && state.data.ok ? t("chainIntact", { count: state.data.count }) : undefined}
      />
    </form>
  );
}
