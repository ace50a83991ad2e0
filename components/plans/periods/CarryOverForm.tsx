"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { SelectField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { carryOverAction } from "@/lib/plans/actions/periods";

interface Origin {
  id: number;
  label: string;
  plan: string;
  context: string | null;
}

/** 结转未完成任务: the section or measure of the new plan, and the ended plans' uncompleted work items. */
export function CarryOverForm({ parents, origins }: { parents: { value: string; label: string }[]; origins: Origin[] }) {
  const t = useTranslations("plans.periods");
  const [state, formAction, pending] = useActionState(carryOverAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form ref={formRef} action={formAction} className="space-y-4">
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t("carriedOver", { count: state.data.count, skipped: state.data.skipped }) : undefined}
      />
      <SelectField
        id="carry-parent"
        name="parentId"
        label={t("carryParent")}
        options={parents}
        placeholder={t("chooseParent")}
        error={errors.parentId}
        required
      />
      <fieldset className="space-y-2" aria-describedby={errors.itemIds ? "carry-items-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t("carryItems")}</legend>
        {origins.length === 0 ? <p className="text-sm text-slate-600">{t("noCandidates")}</p> : null}
        <ul className="space-y-2">
          {origins.map((origin) => (
            <li key={origin.id} className="flex items-start gap-2 text-sm">
              <input
                id={`carry-item-${origin.id}`}
                type="checkbox"
                name="itemIds"
                value={origin.id}
                className="mt-1"
                aria-invalid={errors.itemIds ? true : undefined}
              />
              <label htmlFor={`carry-item-${origin.id}`}>
                <span lang="zh-CN">{origin.label}</span>
                <span className="block text-xs text-slate-600" lang="zh-CN">
                  {origin.plan}
                  {origin.context ? ` · ${origin.context}` : ""}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {errors.itemIds ? (
          <p id="carry-items-error" className="text-sm text-red-700">
            {errors.itemIds}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending || origins.length === 0}>
        {t("carryOverSubmit")}
      </Button>
    </form>
  );
}
