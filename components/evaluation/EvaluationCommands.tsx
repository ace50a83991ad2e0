"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { finaliseEvaluationAction, refreshFiguresAction } from "@/lib/evaluation/actions";

/** 按当前数据刷新 and 定稿 for a DRAFT evaluation, each confirmed in a dialog. */
export function EvaluationCommands({ evaluationId, version, title }: { evaluationId: number; version: number; title: string }) {
  const t = useTranslations("evaluation");
  const [refreshState, refreshAction, refreshing] = useActionState(refreshFiguresAction, null);
  const [finaliseState, finaliseAction, finalising] = useActionState(finaliseEvaluationAction, null);
  const refresh = useFocusAfterAction(refreshState);
  const finalise = useFocusAfterAction(finaliseState);
  return (
    <div className="flex flex-wrap items-start gap-3">
      <form action={refreshAction} className="space-y-2">
        <FormStatus
          messageRef={refresh.messageRef}
          pending={refreshing}
          error={refreshState && !refreshState.ok ? refreshState.message : undefined}
          success={refreshState?.ok ? t("refreshed", { version: refreshState.data.version }) : undefined}
        />
        <input type="hidden" name="evaluationId" value={evaluationId} />
        <input type="hidden" name="version" value={version} />
        <ConfirmDialog
          triggerLabel={t("refresh")}
          triggerVariant="secondary"
          disabled={refreshing || finalising}
          title={t("refreshConfirmTitle")}
          description={t("refreshConfirmDescription")}
          confirmLabel={t("refresh")}
        />
      </form>
      <form action={finaliseAction} className="space-y-2">
        <FormStatus
          messageRef={finalise.messageRef}
          pending={finalising}
          error={finaliseState && !finaliseState.ok ? finaliseState.message : undefined}
        />
        <input type="hidden" name="evaluationId" value={evaluationId} />
        <input type="hidden" name="version" value={version} />
        <ConfirmDialog
          triggerLabel={t("finalise")}
          disabled={refreshing || finalising}
          title={t("finaliseConfirmTitle", { title })}
          description={t("finaliseConfirmDescription")}
          confirmLabel={t("finalise")}
        />
      </form>
    </div>
  );
}
