"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { SelectField, TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { openEvaluationAction } from "@/lib/evaluation/actions";
import { EVALUATION_TITLE_MAX } from "@/lib/evaluation/schemas";

/** CAST opens a new evaluation of a plan; on success its page opens. */
export function OpenEvaluationForm({ plans, defaultPlanId }: { plans: { id: number; label: string }[]; defaultPlanId: number | null }) {
  const t = useTranslations("evaluation");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(openEvaluationAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  useEffect(() => {
    if (state?.ok) router.push(`/evaluations/${state.data.evaluationId}`);
  }, [state, router]);
  const failed = state && !state.ok ? state : null;
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      <FormStatus messageRef={messageRef} pending={pending} error={failed?.message} />
      <SelectField
        id="evaluation-plan"
        name="planId"
        label={t("planLabel")}
        defaultValue={failed?.values.planId ?? (defaultPlanId === null ? "" : String(defaultPlanId))}
        options={plans.map((plan) => ({ value: String(plan.id), label: plan.label }))}
        error={failed?.fieldErrors.planId}
        required
      />
      <TextField
        id="evaluation-title"
        name="title"
        label={t("titleLabel")}
        hint={t("titleHint")}
        maxLength={EVALUATION_TITLE_MAX}
        defaultValue={failed?.values.title ?? ""}
        error={failed?.fieldErrors.title}
      />
      <Button type="submit" disabled={pending}>
        {t("open")}
      </Button>
    </form>
  );
}
