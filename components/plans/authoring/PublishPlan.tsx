"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { publishPlanAction } from "@/lib/plans/actions/plans";

/** 发布 a draft, or 发布新版本 of a published plan, after a confirmation. */
export function PublishPlan({ planId, draft }: { planId: number; draft: boolean }) {
  const t = useTranslations("planAuthoring");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(publishPlanAction, null);
  const { messageRef } = useFocusAfterAction(state);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={formAction} className="space-y-2">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t("published", { version: state.data.version }) : undefined}
      />
      <input type="hidden" name="planId" value={planId} />
      <ConfirmDialog
        triggerLabel={draft ? t("publish") : t("publishNewVersion")}
        disabled={pending}
        title={draft ? t("publishConfirmTitle") : t("publishAgainConfirmTitle")}
        description={draft ? t("publishConfirmDescription") : t("publishAgainConfirmDescription")}
        confirmLabel={draft ? t("publish") : t("publishNewVersion")}
      />
    </form>
  );
}
