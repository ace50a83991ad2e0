"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { chaseSupportersAction } from "@/lib/reporting/actions/chasing";

/** CAST: 提醒 (or the next level each has not had yet) to every supporter that has not submitted. */
export function ChaseSupportersButton({ reportId, missing }: { reportId: number; missing: number }) {
  const t = useTranslations("reports.consolidation");
  const [state, formAction, pending] = useActionState(chaseSupportersAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  return (
    <form ref={formRef} action={formAction} className="space-y-2">
      <input type="hidden" name="reportId" value={reportId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-describedby={`chase-supporters-hint-${reportId}`}>
        {t("chase", { count: missing })}
      </Button>
      <p id={`chase-supporters-hint-${reportId}`} className="text-xs text-slate-600">
        {t("chaseHint")}
      </p>
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : null}
        success={state?.ok ? t("chased", { count: state.data.units }) : null}
      />
    </form>
  );
}
