"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { archiveWorkItemAction } from "@/lib/plans/actions";

export function WorkItemCommands({ itemId, version, archived }: { itemId: number; version: number; archived: boolean }) {
  const t = useTranslations("plans");
  const [state, formAction, pending] = useActionState(archiveWorkItemAction, null);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(archived ? t("confirmRestore") : t("confirmArchive"))) event.preventDefault();
      }}
      className="space-y-2"
    >
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="command" value={archived ? "restore" : "archive"} />
      <Button type="submit" variant={archived ? "secondary" : "danger"} disabled={pending}>
        {archived ? t("restore") : t("archive")}
      </Button>
    </form>
  );
}
