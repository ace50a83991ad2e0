"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { openRoundAction } from "@/lib/reporting/actions/rounds";

/**
 * The items a round may cover, grouped (plan · kind). Each item is `[id, label]`: a plan of
 * 1,500 work items lists 1,500 choices, and the page's weight is that list twice (the HTML and
 * the props React hydrates from), so the props and the markup per choice are kept minimal.
 */
export interface CandidateGroup {
  label: string;
  items: [number, string][];
}

export function OpenRoundForm({ groups }: { groups: CandidateGroup[] }) {
  const t = useTranslations("rounds");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(openRoundAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const { formRef, messageRef } = useFocusAfterAction(state);
  useEffect(() => {
    if (state?.ok) router.push(`/rounds/${state.data.roundId}`);
  }, [state, router]);
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
            <div key={group.label} className="mt-2">
              <p className="text-xs font-medium text-slate-600">{group.label}</p>
              {/* Styled from the list, not per choice: one class attribute instead of 1,500. */}
              <div className="grid gap-1 text-sm sm:grid-cols-2 [&>label]:flex [&>label]:items-start [&>label]:gap-2 [&_input]:mt-1">
                {group.items.map(([id, label]) => (
                  <label key={id}>
                    <input type="checkbox" name="itemIds" value={id} />
                    {label}
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
