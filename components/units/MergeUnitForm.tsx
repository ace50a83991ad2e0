"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { SelectField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { mergeUnitAction } from "@/lib/units/actions";

interface MergeUnitFormProps {
  unit: { id: number; name: string; version: number };
  targets: { id: number; name: string }[];
}

/** 合并: choose the surviving unit, confirm. */
export function MergeUnitForm({ unit, targets }: MergeUnitFormProps) {
  const t = useTranslations("units.registry");
  const [state, action, pending] = useActionState(mergeUnitAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  return (
    <div className="max-w-lg space-y-4">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t("merged") : undefined}
      />
      <form ref={formRef} key={`${unit.version}:${JSON.stringify(values)}`} action={action} className="space-y-4">
        <input type="hidden" name="unitId" value={unit.id} />
        <input type="hidden" name="version" value={unit.version} />
        <SelectField
          id="merge-into"
          name="intoUnitId"
          label={t("mergeInto")}
          placeholder={t("choose")}
          options={targets.map((target) => ({ value: String(target.id), label: target.name }))}
          required
          defaultValue={values.intoUnitId ?? ""}
          error={errors.intoUnitId}
        />
        <ConfirmDialog
          triggerLabel={t("merge")}
          triggerVariant="danger"
          disabled={pending}
          title={t("mergeConfirmTitle", { unit: unit.name })}
          description={t("mergeConfirmDescription")}
          confirmLabel={t("merge")}
        />
      </form>
    </div>
  );
}
