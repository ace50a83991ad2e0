"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { archiveWorkItemAction } from "@/lib/plans/actions";

export function WorkItemCommands({ itemId, version, archived }: { itemId: number; version: number; archived: boolean }) {
  const t = useTranslations("plans");
  const [state, formAction, pending] = useActionState(archiveWorkItemAction, null);
  const command = archived ? "restore" : "archive";
  return (
    <form action={formAction} className="space-y-2">
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="command" value={command} />
      <ConfirmDialog
        triggerLabel={t(command)}
        triggerVariant={archived ? "secondary" : "danger"}
        disabled={pending}
        title={t(`confirm.${command}.title`)}
        description={t(`confirm.${command}.description`)}
        confirmLabel={t(command)}
      />
    </form>
  );
}
