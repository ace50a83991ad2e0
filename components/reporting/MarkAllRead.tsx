"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { markAllReadAction } from "@/lib/reporting/actions/inbox";

/** 全部标为已读: every unread message of one's own inbox, in one step; the outcome is announced. */
export function MarkAllRead({ unread }: { unread: number }) {
  const t = useTranslations("inbox");
  const [state, formAction, pending] = useActionState(markAllReadAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  return (
    <div className="space-y-2">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t("markedAllRead", { count: state.data.count }) : undefined}
      />
      {unread > 0 ? (
        <form ref={formRef} action={formAction}>
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("markAllRead")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
