"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/Button";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { applyReportImportAction, discardReportImportAction } from "@/lib/reporting/actions/ledger";

/** How many rows one call applies, so the progress bar moves. */
const LEDGER_APPLY_BATCH = 100;

interface ApplyImportFormProps {
  importId: number;
  /** The rows to save and how many of them are done (an import left half-way continues). */
  total: number;
  next: number;
  /** The way of saving an import already started with; it cannot change midway. */
  startedMode: "DRAFT" | "SUBMIT" | null;
  canApply: boolean;
}

/**
 * 保存方式, 确认导入 and 放弃导入. With a script the rows are applied in batches, a progress bar
 * and 已处理 X / Y 行 showing how far it got; without one the form posts once and applies them all.
 * The outcome is then shown by the page.
 */
export function ApplyImportForm({ importId, total, next, startedMode, canApply }: ApplyImportFormProps) {
  const t = useTranslations("ledgerImport");
  const router = useRouter();
  const [applyState, apply, applyingWithoutScript] = useActionState(applyReportImportAction, null);
  const [discardState, discard, discarding] = useActionState(discardReportImportAction, null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);
  const { formRef: applyFormRef, messageRef: applyMessageRef } = useFocusAfterAction(error ?? applyState);
  const { messageRef: discardMessageRef } = useFocusAfterAction(discardState);
  const applying = running || applyingWithoutScript;

  async function applyInBatches(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const mode = new FormData(event.currentTarget).get("mode");
    if (typeof mode !== "string") return;
    setError(null);
    setRunning(true);
    setProgress({ done: next, total });
    let from = next;
    try {
      for (;;) {
        const batch = new FormData();
        batch.set("importId", String(importId));
        batch.set("mode", mode);
        batch.set("from", String(from));
        batch.set("limit", String(LEDGER_APPLY_BATCH));
        const result = await applyReportImportAction(null, batch);
        if (!result.ok) {
          setError({ message: result.message });
          break;
        }
        from = result.data.processed;
        setProgress({ done: result.data.processed, total: result.data.total });
        if (result.data.done) break;
      }
    } finally {
      setRunning(false);
      router.refresh();
    }
  }

  const failure = error?.message ?? (applyState && !applyState.ok ? applyState.message : undefined);
  return (
    <div className="space-y-4">
      {canApply ? (
        <form action={apply} onSubmit={applyInBatches} ref={applyFormRef} className="space-y-4">
          <input type="hidden" name="importId" value={importId} />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">{t("modeLegend")}</legend>
            {(["DRAFT", "SUBMIT"] as const).map((mode) => (
              <div key={mode} className="flex items-start gap-2">
                <input
                  id={`ledger-mode-${mode}`}
                  type="radio"
                  name="mode"
                  value={mode}
                  required
                  defaultChecked={(startedMode ?? "DRAFT") === mode}
                  disabled={startedMode !== null && startedMode !== mode}
                  aria-describedby={`ledger-mode-${mode}-hint`}
                  className="mt-1"
                />
                <div>
                  <label htmlFor={`ledger-mode-${mode}`} className="text-sm text-slate-800">
                    {mode === "DRAFT" ? t("modeDraft") : t("modeSubmit")}
                  </label>
                  <p id={`ledger-mode-${mode}-hint`} className="text-xs text-slate-600">
                    {mode === "DRAFT" ? t("modeDraftHint") : t("modeSubmitHint")}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          {total === 0 ? <p className="text-sm text-slate-700">{t("nothingToSave")}</p> : null}
          <Button type="submit" disabled={applying || discarding}>
            {applying ? t("applying") : t("apply")}
          </Button>
        </form>
      ) : null}
      {progress ? (
        <div className="space-y-1" data-testid="ledger-progress">
          <div
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-valuetext={t("progress", { done: progress.done, total: progress.total })}
            className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-200"
          >
            <div
              className="h-full bg-brand-600 transition-all"
              style={{ width: `${progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100)}%` }}
            />
          </div>
          <p className="text-sm text-slate-700" aria-live="polite">
            {t("progress", { done: progress.done, total: progress.total })}
          </p>
        </div>
      ) : null}
      <form action={discard}>
        <input type="hidden" name="importId" value={importId} />
        <Button type="submit" variant="secondary" disabled={applying || discarding}>
          {t("discard")}
        </Button>
      </form>
      <FormStatus messageRef={applyMessageRef} pending={applying} error={failure} />
      <FormStatus
        messageRef={discardMessageRef}
        pending={discarding}
        error={discardState && !discardState.ok ? discardState.message : undefined}
      />
    </div>
  );
}
