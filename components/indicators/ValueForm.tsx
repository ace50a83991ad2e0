"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { setIndicatorValueAction } from "@/lib/indicators/actions";
import { unitName } from "@/lib/indicators/units";

interface ValueFormProps {
  indicatorId: number;
  unit: string;
  years: number[];
  districts: { id: number; name: string }[];
  /** Current values by `${year}/${districtId ?? ""}`, with versions, so a correction names what it replaces. */
  existing: Record<string, { version: number }>;
}

export function ValueForm({ indicatorId, unit, years, districts, existing }: ValueFormProps) {
  const t = useTranslations("indicators");
  const root = useTranslations();
  const [state, formAction, pending] = useActionState(setIndicatorValueAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const { formRef, messageRef } = useFocusAfterAction(state);
  return (
    <div className="space-y-3">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={failed?.message}
        success={state?.ok ? t("valueSaved", { year: state.data.year }) : undefined}
      />
      <form
        ref={formRef}
        key={JSON.stringify(failed?.values ?? {})}
        action={(formData) => {
          const key = `${formData.get("year")}/${formData.get("districtId") ?? ""}`;
          const current = existing[key];
          if (current) formData.set("version", String(current.version));
          return formAction(formData);
        }}
        className="grid gap-3 sm:grid-cols-2"
      >
        <input type="hidden" name="indicatorId" value={indicatorId} />
        <SelectField
          id="year"
          name="year"
          label={t("year")}
          defaultValue={failed?.values.year}
          options={years.map((year) => ({ value: String(year), label: String(year) }))}
          error={errors.year}
        />
        <SelectField
          id="districtId"
          name="districtId"
          label={t("district")}
          defaultValue={failed?.values.districtId ?? ""}
          placeholder={t("citywide")}
          options={districts.map((district) => ({ value: String(district.id), label: district.name }))}
          error={errors.districtId}
        />
        <TextField
          id="value"
          name="value"
          type="number"
          step="any"
          label={t("valueWithUnit", { unit: unitName(root, unit) })}
          defaultValue={failed?.values.value}
          required
          error={errors.value}
        />
        <TextField id="source" name="source" label={t("source")} defaultValue={failed?.values.source} required error={errors.source} />
        <div className="sm:col-span-2">
          <TextField id="method" name="method" label={t("method")} defaultValue={failed?.values.method} required error={errors.method} />
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {t("saveValue")}
          </Button>
          <p className="mt-1 text-xs text-slate-600">{t("saveValueHint")}</p>
        </div>
      </form>
    </div>
  );
}
