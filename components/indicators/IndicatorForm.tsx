"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { Button } from "@/components/ui/Button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/Field";
import { createIndicatorAction, updateIndicatorAction } from "@/lib/indicators/actions";
import { INDICATOR_DIRECTIONS, INDICATOR_YEAR_MAX, INDICATOR_YEAR_MIN, TARGET_COMPARATORS, TARGET_ROWS } from "@/lib/indicators/schemas";

export interface IndicatorValues {
  code: string;
  name: string;
  unit: string;
  direction: string;
  baselineYear: string;
  baselineValue: string;
  baselineSource: string;
  description: string;
  targets: { year: string; comparator: string; value: string }[];
}

/** The figures the plan sets for this indicator, shown beside the fields that hold them. */
export interface PlanFigures {
  plan: string | null;
  baseline: boolean;
  baselineText: string | null;
  targets: { year: number; value: number; comparator: string }[];
}

interface IndicatorFormProps {
  /** Define a new indicator, or edit this one at this version. */
  target: { create: true } | { indicatorId: number; version: number };
  initial: IndicatorValues;
  planFigures: PlanFigures | null;
}

const SMALL_CONTROL = "w-full rounded-md border px-2 py-1 text-sm";

export function IndicatorForm({ target, initial, planFigures }: IndicatorFormProps) {
  const t = useTranslations("indicators");
  const router = useRouter();
  const editing = "indicatorId" in target;
  const [createState, createAction, creating] = useActionState(createIndicatorAction, null);
  const [updateState, updateAction, updating] = useActionState(updateIndicatorAction, null);
  const state = editing ? updateState : createState;
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const value = (name: keyof Omit<IndicatorValues, "targets">) => failed?.values[name] ?? initial[name];
  const targetValue = (index: number, field: "year" | "comparator" | "value") =>
    failed ? (failed.values[`target_${field}_${index}`] ?? "") : (initial.targets[index]?.[field] ?? "");
  const rows = Math.max(TARGET_ROWS, initial.targets.length + 1);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const fromPlan = planFigures !== null && (planFigures.baseline || planFigures.targets.length > 0);

  useEffect(() => {
    if (createState?.ok) router.push(`/indicators/${createState.data.indicatorId}`);
    if (updateState?.ok && "indicatorId" in target) router.push(`/indicators/${target.indicatorId}?saved=1`);
  }, [createState, updateState, router, target]);

  return (
    <div className="space-y-5">
      {/* Outside the re-keyed form, so the message stays mounted and is announced. */}
      <FormStatus messageRef={messageRef} pending={creating || updating} error={failed?.message} />
      <form ref={formRef} key={JSON.stringify(failed?.values ?? {})} action={editing ? updateAction : createAction} className="space-y-5">
        {"indicatorId" in target ? (
          <>
            <input type="hidden" name="indicatorId" value={target.indicatorId} />
            <input type="hidden" name="version" value={target.version} />
          </>
        ) : (
          <TextField
            id="code"
            name="code"
            label={t("form.code")}
            hint={t("form.codeHint")}
            defaultValue={value("code")}
            required
            error={errors.code}
          />
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <TextField id="name" name="name" label={t("form.name")} defaultValue={value("name")} required error={errors.name} />
          </div>
          <TextField
            id="unit"
            name="unit"
            label={t("form.unit")}
            hint={t("form.unitHint")}
            defaultValue={value("unit")}
            required
            error={errors.unit}
          />
        </div>
        <SelectField
          id="direction"
          name="direction"
          label={t("form.direction")}
          defaultValue={value("direction")}
          options={INDICATOR_DIRECTIONS.map((direction) => ({ value: direction, label: t(`directions.${direction}`) }))}
          error={errors.direction}
        />
        <fieldset className="rounded-lg border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{t("form.baseline")}</legend>
          {planFigures?.baseline ? (
            <p className="mb-2 text-xs text-slate-700" data-testid="plan-baseline">
              {t("form.baselineFromPlan", { plan: planFigures.plan ?? "" })}
              {planFigures.baselineText ? <span className="block">“{planFigures.baselineText}”</span> : null}
            </p>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id="baselineYear"
              name="baselineYear"
              type="number"
              min={INDICATOR_YEAR_MIN}
              max={INDICATOR_YEAR_MAX}
              label={t("form.baselineYear")}
              defaultValue={value("baselineYear")}
              error={errors.baselineYear}
            />
            <TextField
              id="baselineValue"
              name="baselineValue"
              type="number"
              step="any"
              label={t("form.baselineValue")}
              defaultValue={value("baselineValue")}
              error={errors.baselineValue}
            />
            <div className="sm:col-span-2">
              <TextField
                id="baselineSource"
                name="baselineSource"
                label={t("form.baselineSource")}
                defaultValue={value("baselineSource")}
                error={errors.baselineSource}
              />
            </div>
          </div>
        </fieldset>
        <fieldset className="rounded-lg border border-slate-200 p-3" aria-describedby="targets-hint">
          <legend className="px-1 text-sm font-medium text-slate-800">{t("form.targets")}</legend>
          <p id="targets-hint" className="text-xs text-slate-600">
            {t("form.targetsHint", { min: INDICATOR_YEAR_MIN, max: INDICATOR_YEAR_MAX })}
          </p>
          {planFigures && planFigures.targets.length > 0 ? (
            <p className="mt-1 text-xs text-slate-700" data-testid="plan-targets">
              {t("form.targetsFromPlan", {
                plan: planFigures.plan ?? "",
                targets: planFigures.targets
                  .map((goal) =>
                    t("targetPhrase", {
                      year: goal.year,
                      comparator: t(`comparators.${goal.comparator}`),
                      value: goal.value,
                      unit: initial.unit,
                    }),
                  )
                  .join(t("listSeparator")),
              })}
            </p>
          ) : null}
          {errors.targets ? <p className="mt-1 text-sm text-red-700">{errors.targets}</p> : null}
          {Array.from({ length: rows }, (_, index) => {
            const rowErrors = [errors[`target_year_${index}`], errors[`target_value_${index}`]].filter(Boolean);
            return (
              <div key={index} className="mt-2">
                <div className="grid grid-cols-3 gap-2">
                  <input
                    name={`target_year_${index}`}
                    type="number"
                    min={INDICATOR_YEAR_MIN}
                    max={INDICATOR_YEAR_MAX}
                    aria-label={t("form.targetYear", { n: index + 1 })}
                    placeholder={t("form.targetYearPlaceholder")}
                    defaultValue={targetValue(index, "year")}
                    aria-invalid={errors[`target_year_${index}`] ? true : undefined}
                    aria-describedby={rowErrors.length ? `target-error-${index}` : undefined}
                    className={`${SMALL_CONTROL} ${errors[`target_year_${index}`] ? "border-red-600" : "border-slate-300"}`}
                  />
                  <select
                    name={`target_comparator_${index}`}
                    aria-label={t("form.targetComparator", { n: index + 1 })}
                    defaultValue={targetValue(index, "comparator")}
                    className={`${SMALL_CONTROL} border-slate-300 bg-white`}
                  >
                    <option value="">{t("form.comparatorByDirection")}</option>
                    {TARGET_COMPARATORS.map((comparator) => (
                      <option key={comparator} value={comparator}>
                        {t(`comparators.${comparator}`)}
                      </option>
                    ))}
                  </select>
                  <input
                    name={`target_value_${index}`}
                    type="number"
                    step="any"
                    aria-label={t("form.targetValue", { n: index + 1 })}
                    defaultValue={targetValue(index, "value")}
                    aria-invalid={errors[`target_value_${index}`] ? true : undefined}
                    aria-describedby={rowErrors.length ? `target-error-${index}` : undefined}
                    className={`${SMALL_CONTROL} ${errors[`target_value_${index}`] ? "border-red-600" : "border-slate-300"}`}
                  />
                </div>
                {rowErrors.length ? (
                  <p id={`target-error-${index}`} className="text-sm text-red-700">
                    {rowErrors.join(" ")}
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <TextAreaField
          id="description"
          name="description"
          label={t("form.description")}
          hint={t("form.descriptionHint")}
          rows={4}
          maxLength={1000}
          defaultValue={value("description")}
          error={errors.description}
        />
        {editing && fromPlan ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            <p>{t("form.planFiguresWarning")}</p>
            <label className="mt-2 flex items-start gap-2">
              <input type="checkbox" name="confirmPlanChange" defaultChecked={failed?.values.confirmPlanChange === "on"} className="mt-1" />
              <span>{t("form.confirmPlanChange")}</span>
            </label>
          </div>
        ) : null}
        <Button type="submit" disabled={creating || updating}>
          {editing ? t("form.save") : t("form.create")}
        </Button>
      </form>
    </div>
  );
}
