"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { chaseAction } from "@/lib/reporting/actions/chasing";
import { TEXT_LIMITS } from "@/lib/reporting/schemas";

/** 提醒 / 催办 / 督办 to every late unit of the round, or to one unit. */
export function ChaseForm({ roundId, unitId, unitName }: { roundId: number; unitId?: number; unitName?: string }) {
  const t = useTranslations("rounds");
  const [state, formAction, pending] = useActionState(chaseAction, null);
  const { messageRef } = useFocusAfterAction(state);
  const prefix = unitId ? `chase-${unitId}` : "chase-all";
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="roundId" value={roundId} />
      {unitId ? <input type="hidden" name="unitId" value={unitId} /> : null}
      <div>
        <label htmlFor={`${prefix}-level`} className="sr-only">
          {unitName ? t("chaseLevelFor", { unit: unitName }) : t("chaseLevel")}
        </label>
        <select id={`${prefix}-level`} name="level" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
          <option value="REMIND">{t("levels.REMIND")}</option>
          <option value="URGE">{t("levels.URGE")}</option>
          <option value="SUPERVISE">{t("levels.SUPERVISE")}</option>
        </select>
      </div>
      {unitId ? null : (
        <div className="min-w-64 flex-1">
          <label htmlFor={`${prefix}-message`} className="sr-only">
            {t("chaseMessage")}
          </label>
          <input
            id={`${prefix}-message`}
            name="message"
            maxLength={TEXT_LIMITS.chaseMessage}
            placeholder={t("chaseMessagePlaceholder")}
            className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
        </div>
      )}
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1">
        {unitName ? t("chaseUnit", { unit: unitName }) : t("chaseAll")}
      </Button>
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={state && !state.ok ? state.message : undefined}
        success={state?.ok ? t("chased", { count: state.data.units }) : undefined}
      />
    </form>
  );
}
