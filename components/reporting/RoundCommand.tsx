"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
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
      <form
        action={formAction}
        onSubmit={(event) => {
          if (!window.confirm(closed ? t("confirmReopen", { name }) : t("confirmClose", { name }))) event.preventDefault();
        }}
      >
        <input type="hidden" name="roundId" value={roundId} />
        <input type="hidden" name="command" value={command} />
        <Button type="submit" variant={closed ? "secondary" : "danger"} disabled={pending}>
          {closed ? t("reopen") : t("close")}
        </Button>
      </form>
    </div>
  );
}
