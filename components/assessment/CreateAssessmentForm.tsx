"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { createAssessmentAction } from "@/lib/assessment/actions";

/** CAST opens a year's assessment (default weights); the year's page opens with the ranked table. */
export function CreateAssessmentForm({ defaultYear }: { defaultYear: number }) {
  const t = useTranslations("assessment");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(createAssessmentAction, null);
  const failed = state && !state.ok ? state : null;
  const { formRef, messageRef } = useFocusAfterAction(state);
  useEffect(() => {
    if (state?.ok) router.push(`/assessments/${state.data.year}`);
  }, [state, router]);
  return (
    <div className="space-y-2">
      <FormStatus messageRef={messageRef} pending={pending} error={failed?.message} />
      <form ref={formRef} action={formAction} className="flex flex-wrap items-end gap-3">
        <TextField
          id="year"
          name="year"
          type="number"
          label={t("yearLabel")}
          defaultValue={failed?.values.year ?? String(defaultYear)}
          required
          error={failed?.fieldErrors.year}
        />
        <Button type="submit" disabled={pending}>
          {t("create")}
        </Button>
      </form>
      <p className="text-xs text-slate-600">{t("createHint")}</p>
    </div>
  );
}
