"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { updateAssessmentRulesAction } from "@/lib/assessment/actions";
import { WEIGHT_KEYS, WEIGHT_LABELS, type AssessmentRules } from "@/lib/assessment/rules";

/** A draft year's weights (non-negative, summing to 100) and the penalty per chase; saving computes the scores again. */
export function RulesForm({ year, version, rules }: { year: number; version: number; rules: AssessmentRules }) {
  const t = useTranslations("assessment");
  const [state, formAction, pending] = useActionState(updateAssessmentRulesAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const { formRef, messageRef } = useFocusAfterAction(state);
  return (
    <div className="space-y-3">
      <FormStatus messageRef={messageRef} pending={pending} error={failed?.message} success={state?.ok ? t("rulesSaved") : undefined} />
      <form ref={formRef} key={JSON.stringify(failed?.values ?? {}) + version} action={formAction} className="grid gap-3 sm:grid-cols-5">
        <input type="hidden" name="year" value={year} />
        <input type="hidden" name="version" value={version} />
        {WEIGHT_KEYS.map((key) => (
          <TextField
            key={key}
            id={`weight-${key}`}
            name={key}
            type="number"
            step="any"
            label={t("weightLabel", { part: WEIGHT_LABELS[key] })}
            defaultValue={failed?.values[key] ?? String(rules.weights[key])}
            required
            error={errors[key]}
          />
        ))}
        <TextField
          id="chasePenalty"
          name="chasePenalty"
          type="number"
          step="any"
          label={t("chasePenalty")}
          defaultValue={failed?.values.chasePenalty ?? String(rules.chasePenalty)}
          required
          error={errors.chasePenalty}
        />
        <div className="sm:col-span-5">
          {errors.weights ? (
            <p className="mb-2 text-sm text-red-700" role="alert">
              {errors.weights}
            </p>
          ) : null}
          <Button type="submit" disabled={pending}>
            {t("saveRules")}
          </Button>
          <p className="mt-1 text-xs text-slate-600">{t("rulesHint")}</p>
        </div>
      </form>
    </div>
  );
}
