"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { roundCommandAction } from "@/lib/reporting/actions/rounds";

/** 结束本轮报送 / 重新开放本轮, each confirmed first. */
export function RoundCommand({ roundId, name, closed }: { roundId: number; name: string; closed: boolean }) {
  const t = useTranslations("rounds");
  const [state, formAction, pending] = useActionState(roundCommandAction, null);
  const command = closed ? "reopen" : "close";
  return (
    <div className="space-y-2">
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      {state?.ok ? (
        <Alert tone="success">{state.data.status === "CLOSED" ? t("closed", { count: state.data.notSubmitted }) : t("reopened")}</Alert>
      ) : null}
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
