"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { archiveWorkItemAction } from "@/lib/plans/actions";

export function WorkItemCommands({ itemId, version, archived }: { itemId: number; version: number; archived: boolean }) {
  const t = useTranslations("plans");
  const [state, formAction, pending] = useActionState(archiveWorkItemAction, null);
  const { messageRef } = useFocusAfterAction(state);
  const command = archived ? "restore" : "archive";
  return (
    <form action={formAction} className="space-y-2">
      <FormStatus messageRef={messageRef} pending={pending} error={state && !state.ok ? state.message : undefined} />
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
