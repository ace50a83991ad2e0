"use client";

import { Link } from "@/components/ui/Link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button, buttonClasses } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { createUnitAction } from "@/lib/units/actions";
import { UNIT_FULL_NAME_MAX, UNIT_NAME_MAX } from "@/lib/units/schemas";

/** 新增单位: short name, full name, type. */
export function CreateUnitForm({ types }: { types: string[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(createUnitAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  const created = state?.ok ? state.data : null;
  return (
    <div className="max-w-lg space-y-4">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={created ? t("units.registry.created") : undefined}
      />
      {created ? (
        <div className="flex gap-2">
          <Link href={`/units/manage/${created.unitId}`} className={buttonClasses("secondary")}>
            {t("units.registry.openUnit")}
          </Link>
          <Link href="/units/manage" className={buttonClasses("secondary")}>
            {t("units.registry.backToList")}
          </Link>
        </div>
      ) : (
        <form ref={formRef} key={JSON.stringify(values)} action={action} className="space-y-4">
          <TextField
            id="name"
            name="name"
            label={t("units.registry.name")}
            hint={t("units.registry.nameHint")}
            maxLength={UNIT_NAME_MAX}
            required
            defaultValue={values.name}
            error={errors.name}
          />
          <TextField
            id="fullName"
            name="fullName"
            label={t("units.registry.fullName")}
            maxLength={UNIT_FULL_NAME_MAX}
            required
            defaultValue={values.fullName}
            error={errors.fullName}
          />
          <SelectField
            id="type"
            name="type"
            label={t("units.registry.type")}
            placeholder={t("units.registry.choose")}
            options={types.map((type) => ({ value: type, label: t(`unitType.${type}`) }))}
            required
            defaultValue={values.type ?? ""}
            error={errors.type}
          />
          <Button type="submit" disabled={pending}>
            {t("units.registry.create")}
          </Button>
        </form>
      )}
    </div>
  );
}
