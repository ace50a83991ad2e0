"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { makePlanCurrentAction } from "@/lib/plans/actions/periods";

/** 设为当前规划: confirmed in a dialog; on success the action opens the overview, now following this plan. */
export function MakeCurrentButton({ planId, title, currentTitle }: { planId: number; title: string; currentTitle: string | null }) {
  const t = useTranslations("plans.periods");
  const [state, formAction, pending] = useActionState(makePlanCurrentAction, null);
  const { messageRef } = useFocusAfterAction(state);
  return (
    <form action={formAction} className="mt-3 space-y-2">
      <FormStatus messageRef={messageRef} pending={pending} error={state && !state.ok ? state.message : undefined} />
      <input type="hidden" name="planId" value={planId} />
      <ConfirmDialog
        triggerLabel={t("makeCurrent")}
        triggerVariant="secondary"
        disabled={pending}
        title={t("confirmTitle", { title })}
        description={currentTitle ? t("confirmDescription", { current: currentTitle }) : t("confirmDescriptionFirst")}
        confirmLabel={t("makeCurrent")}
      />
    </form>
  );
}
