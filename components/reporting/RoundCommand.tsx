"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { roundCommandAction } from "@/lib/reporting/actions/rounds";

/** 结束本轮报送 / 重新开放本轮, each confirmed first. */
export function RoundCommand({ roundId, name, closed }: { roundId: number; name: string; closed: boolean }) {
  const t = useTranslations("rounds");
  const [state, formAction, pending] = useActionState(roundCommandAction, null);
  const { messageRef } = useFocusAfterAction(state);
  const command = closed ? "reopen" : "close";
  return (
    <div className="space-y-2">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? (state.data.status === "CLOSED" ? t("closed", { count: state.data.notSubmitted }) : t("reopened")) : undefined}
      />
      <form action={formAction}>
        <input type="hidden" name="roundId" value={roundId} />
        <input type="hidden" name="command" value={command} />
        <ConfirmDialog
          triggerLabel={t(command)}
          triggerVariant={closed ? "secondary" : "danger"}
          disabled={pending}
          title={t(`confirm.${command}.title`, { name })}
          description={t(`confirm.${command}.description`)}
          confirmLabel={t(command)}
        />
      </form>
    </div>
  );
}
