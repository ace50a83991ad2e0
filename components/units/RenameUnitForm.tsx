"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { renameUnitAction } from "@/lib/units/actions";
import { UNIT_FULL_NAME_MAX, UNIT_NAME_MAX, UNIT_REASON_MAX } from "@/lib/units/schemas";

interface RenameUnitFormProps {
  unit: { id: number; name: string; fullName: string; version: number };
  /** Today in Shenzhen: the default effective date and the latest one allowed. */
  today: string;
}

/** 更名: new short and full name, the day they apply from, and why. */
export function RenameUnitForm({ unit, today }: RenameUnitFormProps) {
  const t = useTranslations("units.registry");
  const [state, action, pending] = useActionState(renameUnitAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  return (
    <div className="max-w-lg space-y-4">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t("renamed") : undefined}
      />
      {/* Keyed by the version: after a rename the form shows the unit as it now is. */}
      <form ref={formRef} key={`${unit.version}:${JSON.stringify(values)}`} action={action} className="space-y-4">
        <input type="hidden" name="unitId" value={unit.id} />
        <input type="hidden" name="version" value={unit.version} />
        <TextField
          id="rename-name"
          name="name"
          label={t("newName")}
          hint={t("nameHint")}
          maxLength={UNIT_NAME_MAX}
          required
          defaultValue={values.name ?? unit.name}
          error={errors.name}
        />
        <TextField
          id="rename-fullName"
          name="fullName"
          label={t("newFullName")}
          maxLength={UNIT_FULL_NAME_MAX}
          required
          defaultValue={values.fullName ?? unit.fullName}
          error={errors.fullName}
        />
        <TextField
          id="rename-effectiveDate"
          name="effectiveDate"
          type="date"
          label={t("effectiveDate")}
          hint={t("effectiveHint")}
          max={today}
          required
          defaultValue={values.effectiveDate ?? today}
          error={errors.effectiveDate}
        />
        <TextField
          id="rename-reason"
          name="reason"
          label={t("reason")}
          hint={t("reasonHint")}
          maxLength={UNIT_REASON_MAX}
          defaultValue={values.reason ?? ""}
          error={errors.reason}
        />
        <Button type="submit" disabled={pending}>
          {t("rename")}
        </Button>
      </form>
    </div>
  );
}
