"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { computeAssessmentAction, finaliseAssessmentAction } from "@/lib/assessment/actions";

/** A draft year's commands: compute again from today's data, or finalise (freeze) it. */
export function YearCommands({ year, version }: { year: number; version: number }) {
  const t = useTranslations("assessment");
  const [computed, computeAction, computing] = useActionState(computeAssessmentAction, null);
  const [finalised, finaliseAction, finalising] = useActionState(finaliseAssessmentAction, null);
  const latest = finalised ?? computed;
  const failed = latest && !latest.ok ? latest : null;
  const { messageRef } = useFocusAfterAction(latest);
  return (
    <div className="space-y-2">
      <FormStatus
        messageRef={messageRef}
        pending={computing || finalising}
        error={failed?.message}
        success={computed?.ok && !finalised ? t("computed", { units: computed.data.units }) : undefined}
      />
      <div className="flex flex-wrap gap-2">
        <form action={computeAction}>
          <input type="hidden" name="year" value={year} />
          <Button type="submit" variant="secondary" disabled={computing || finalising}>
            {t("compute")}
          </Button>
        </form>
        <form action={finaliseAction}>
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="version" value={version} />
          <ConfirmDialog
            triggerLabel={t("finalise")}
            disabled={computing || finalising}
            title={t("finaliseTitle", { year })}
            description={t("finaliseDescription")}
            confirmLabel={t("finaliseConfirm")}
          />
        </form>
      </div>
    </div>
  );
}
