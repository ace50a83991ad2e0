"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { openRoundAction } from "@/lib/reporting/actions/rounds";

interface Candidate {
  id: number;
  label: string;
  group: string;
}

export function OpenRoundForm({ candidates }: { candidates: Candidate[] }) {
  const t = useTranslations("rounds");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(openRoundAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const { formRef, messageRef } = useFocusAfterAction(state);
  useEffect(() => {
    if (state?.ok) router.push(`/rounds/${state.data.roundId}`);
  }, [state, router]);
  const groups = [...new Set(candidates.map((candidate) => candidate.group))];
  return (
    <div className="max-w-3xl space-y-4">
      {/* Success opens the round's page: only a failure is shown here. */}
      <FormStatus messageRef={messageRef} pending={pending} error={failed?.message} />
      <form ref={formRef} key={JSON.stringify(failed?.values ?? {})} action={formAction} className="space-y-4">
        <TextField
          id="name"
          name="name"
          label={t("name")}
          placeholder={t("namePlaceholder")}
          defaultValue={failed?.values.name}
          required
          error={errors.name}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="period"
            name="period"
            label={t("period")}
            placeholder={t("periodPlaceholder")}
            defaultValue={failed?.values.period}
            required
            error={errors.period}
          />
          <TextField
            id="deadline"
            name="deadline"
            type="date"
            label={t("deadline")}
            defaultValue={failed?.values.deadline}
            required
            error={errors.deadline}
          />
        </div>
        <fieldset className="rounded-lg border border-slate-200 p-4" aria-describedby={errors.itemIds ? "items-error" : undefined}>
          <legend className="px-1 text-sm font-medium text-slate-800">{t("scope")}</legend>
          {errors.itemIds ? (
            <p id="items-error" className="text-sm text-red-700">
              {errors.itemIds}
            </p>
          ) : null}
          {groups.map((group) => (
            <div key={group} className="mt-2">
              <p className="text-xs font-medium text-slate-600">{group}</p>
              <div className="grid gap-1 sm:grid-cols-2">
                {candidates
                  .filter((candidate) => candidate.group === group)
                  .map((candidate) => (
                    <label key={candidate.id} className="flex items-start gap-2 text-sm">
                      <input type="checkbox" name="itemIds" value={candidate.id} className="mt-1" />
                      <span>{candidate.label}</span>
                    </label>
                  ))}
              </div>
            </div>
          ))}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {t("open")}
        </Button>
      </form>
    </div>
  );
}
