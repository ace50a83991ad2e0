"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { Button } from "@/components/ui/Button";
import { TextAreaField, TextField } from "@/components/ui/Field";
import { createCompositeAction, updateCompositeAction } from "@/lib/indicators/actions";
import { COMPONENT_NORMALISATIONS, COMPONENT_ROWS, INDICATOR_DIRECTIONS } from "@/lib/indicators/schemas";

export interface CompositeValues {
  code: string;
  name: string;
  unit: string;
  description: string;
  components: { componentId: string; weight: string; normalisation: string; reference: string; referenceMax: string; direction: string }[];
}

interface CompositeFormProps {
  target: { create: true } | { indicatorId: number; version: number };
  initial: CompositeValues;
  /** The indicators that may be components. */
  candidates: { id: number; name: string; unit: string }[];
}

type ComponentField = keyof CompositeValues["components"][number];

const SMALL_CONTROL = "w-full rounded-md border px-2 py-1 text-sm";

/** CAST defines or edits a composite indicator: weighted components, each normalised against stated references. */
export function CompositeForm({ target, initial, candidates }: CompositeFormProps) {
  const t = useTranslations("indicators");
  const router = useRouter();
  const editing = "indicatorId" in target;
  const [createState, createAction, creating] = useActionState(createCompositeAction, null);
  const [updateState, updateAction, updating] = useActionState(updateCompositeAction, null);
  const state = editing ? updateState : createState;
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const value = (name: keyof Omit<CompositeValues, "components">) => failed?.values[name] ?? initial[name];
  const formName: Record<ComponentField, string> = {
    componentId: "indicator",
    weight: "weight",
    normalisation: "normalisation",
    reference: "reference",
    referenceMax: "referenceMax",
    direction: "direction",
  };
  const componentValue = (index: number, field: ComponentField) =>
    failed ? (failed.values[`component_${formName[field]}_${index}`] ?? "") : (initial.components[index]?.[field] ?? "");
  const rows = Math.max(COMPONENT_ROWS, initial.components.length + 1);
  const { formRef, messageRef } = useFocusAfterAction(state);

  useEffect(() => {
    if (createState?.ok) router.push(`/indicators/${createState.data.indicatorId}`);
    if (updateState?.ok && "indicatorId" in target) router.push(`/indicators/${target.indicatorId}?saved=1`);
  }, [createState, updateState, router, target]);

  const control = (error: string | undefined) => `${SMALL_CONTROL} ${error ? "border-red-600" : "border-slate-300"} bg-white`;

  return (
    <div className="space-y-5">
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
            label={t("composite.form.code")}
            hint={t("composite.form.codeHint")}
            defaultValue={value("code")}
            required
            error={errors.code}
          />
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <TextField id="name" name="name" label={t("composite.form.name")} defaultValue={value("name")} required error={errors.name} />
          </div>
          <TextField
            id="unit"
            name="unit"
            label={t("composite.form.unit")}
            hint={t("composite.form.unitHint")}
            defaultValue={value("unit")}
            required
            error={errors.unit}
          />
        </div>
        <fieldset className="rounded-lg border border-slate-200 p-3" aria-describedby="components-hint">
          <legend className="px-1 text-sm font-medium text-slate-800">{t("composite.form.components")}</legend>
          <p id="components-hint" className="text-xs text-slate-600">
            {t("composite.form.componentsHint")}
          </p>
          {errors.components ? (
            <p className="mt-1 text-sm text-red-700" data-testid="components-error">
              {errors.components}
            </p>
          ) : null}
          {Array.from({ length: rows }, (_, index) => {
            const n = index + 1;
            const error = (field: string) => errors[`component_${field}_${index}`];
            const rowErrors = ["indicator", "weight", "reference", "referenceMax"].map(error).filter(Boolean);
            return (
              <div key={index} className="mt-3 rounded-md bg-slate-50 p-2" data-testid={`component-row-${index}`}>
                <div className="grid gap-2 sm:grid-cols-3">
                  <select
                    name={`component_indicator_${index}`}
                    aria-label={t("composite.form.indicator", { n })}
                    defaultValue={componentValue(index, "componentId")}
                    aria-invalid={error("indicator") ? true : undefined}
                    className={`${control(error("indicator"))} sm:col-span-2`}
                  >
                    <option value="">{t("composite.form.choose")}</option>
                    {candidates.map((candidate) => (
                      <option key={candidate.id} value={candidate.id}>
                        {candidate.name}（{candidate.unit}）
                      </option>
                    ))}
                  </select>
                  <input
                    name={`component_weight_${index}`}
                    type="number"
                    step="any"
                    aria-label={t("composite.form.weight", { n })}
                    placeholder={t("composite.form.weight", { n })}
                    defaultValue={componentValue(index, "weight")}
                    aria-invalid={error("weight") ? true : undefined}
                    className={control(error("weight"))}
                  />
                  <select
                    name={`component_normalisation_${index}`}
                    aria-label={t("composite.form.normalisation", { n })}
                    defaultValue={componentValue(index, "normalisation") || "RATIO"}
                    className={control(undefined)}
                  >
                    {COMPONENT_NORMALISATIONS.map((normalisation) => (
                      <option key={normalisation} value={normalisation}>
                        {normalisation === "RATIO" ? t("composite.form.RATIO") : t("composite.form.MIN_MAX")}
                      </option>
                    ))}
                  </select>
                  <input
                    name={`component_reference_${index}`}
                    type="number"
                    step="any"
                    aria-label={t("composite.form.reference", { n })}
                    placeholder={t("composite.form.reference", { n })}
                    defaultValue={componentValue(index, "reference")}
                    aria-invalid={error("reference") ? true : undefined}
                    className={control(error("reference"))}
                  />
                  <input
                    name={`component_referenceMax_${index}`}
                    type="number"
                    step="any"
                    aria-label={t("composite.form.referenceMax", { n })}
                    placeholder={t("composite.form.referenceMax", { n })}
                    defaultValue={componentValue(index, "referenceMax")}
                    aria-invalid={error("referenceMax") ? true : undefined}
                    className={control(error("referenceMax"))}
                  />
                  <select
                    name={`component_direction_${index}`}
                    aria-label={t("composite.form.direction", { n })}
                    defaultValue={componentValue(index, "direction") || "HIGHER_IS_BETTER"}
                    className={control(undefined)}
                  >
                    {INDICATOR_DIRECTIONS.map((direction) => (
                      <option key={direction} value={direction}>
                        {t(`directions.${direction}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {rowErrors.length ? <p className="mt-1 text-sm text-red-700">{rowErrors.join(" ")}</p> : null}
              </div>
            );
          })}
        </fieldset>
        <TextAreaField
          id="description"
          name="description"
          label={t("composite.form.description")}
          hint={t("composite.form.descriptionHint")}
          rows={4}
          maxLength={1000}
          defaultValue={value("description")}
          required
          error={errors.description}
        />
        <Button type="submit" disabled={creating || updating}>
          {editing ? t("composite.form.save") : t("composite.form.create")}
        </Button>
      </form>
    </div>
  );
}
