"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { verifyAuditAction } from "@/lib/audit/actions";

export function VerifyChain() {
  const t = useTranslations("audit");
  const [state, formAction, pending] = useActionState(verifyAuditAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t("verifying") : t("verify")}
      </Button>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      {state?.ok && state.data.ok ? <Alert tone="success">{t("chainIntact", { count: state.data.count })}</Alert> : null}
      {state?.ok && !state.data.ok ? (
        <Alert tone="error">
          {t("chainBroken", { id: state.data.brokenAt, count: state.data.count })} {t(`problems.${state.data.problem}`)}
        </Alert>
      ) : null}
    </form>
  );
}
