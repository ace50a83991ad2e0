"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { applyPlanImportAction, discardPlanImportAction } from "@/lib/plans/actions/import";

/** Confirm (only offered when the preview found no problem) or discard a pending import. */
export function ImportCommands({ importId, canApply }: { importId: number; canApply: boolean }) {
  const t = useTranslations("planImport");
  const [applyState, apply, applying] = useActionState(applyPlanImportAction, null);
  const [discardState, discard, discarding] = useActionState(discardPlanImportAction, null);
  const applyFocus = useFocusAfterAction(applyState);
  const discardFocus = useFocusAfterAction(discardState);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {canApply ? (
          <form action={apply}>
            <input type="hidden" name="importId" value={importId} />
            <Button type="submit" disabled={applying || discarding}>
              {applying ? t("applying") : t("apply")}
            </Button>
          </form>
        ) : null}
        <form action={discard}>
          <input type="hidden" name="importId" value={importId} />
          <Button type="submit" variant="secondary" disabled={applying || discarding}>
            {t("discard")}
          </Button>
        </form>
      </div>
      <FormStatus
        messageRef={applyFocus.messageRef}
        pending={applying}
        error={applyState && !applyState.ok ? applyState.message : undefined}
      />
      <FormStatus
        messageRef={discardFocus.messageRef}
        pending={discarding}
        error={discardState && !discardState.ok ? discardState.message : undefined}
      />
    </div>
  );
}
