"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { unitCommandAction } from "@/lib/units/actions";

interface UnitStateCommandProps {
  unit: { id: number; name: string; version: number };
  deactivated: boolean;
}

/** 停用单位 / 恢复启用, each asking for confirmation first. */
export function UnitStateCommand({ unit, deactivated }: UnitStateCommandProps) {
  const t = useTranslations("units.registry");
  const [state, action, pending] = useActionState(unitCommandAction, null);
  const { messageRef } = useFocusAfterAction(state);
  const command = deactivated ? "reactivate" : "deactivate";
  return (
    <div className="space-y-3">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t(state.data.command === "reactivate" ? "reactivated" : "deactivated") : undefined}
      />
      <form action={action}>
        <input type="hidden" name="unitId" value={unit.id} />
        <input type="hidden" name="version" value={unit.version} />
        <input type="hidden" name="command" value={command} />
        <ConfirmDialog
          triggerLabel={t(command)}
          triggerVariant={deactivated ? "secondary" : "danger"}
          disabled={pending}
          title={t(deactivated ? "confirmReactivateTitle" : "confirmDeactivateTitle", { unit: unit.name })}
          description={t(deactivated ? "confirmReactivateDescription" : "confirmDeactivateDescription")}
          confirmLabel={t(command)}
        />
      </form>
    </div>
  );
}
