"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/Button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { saveReportAction } from "@/lib/reporting/actions/reports";
import { PROGRESS_STATUSES, TEXT_LIMITS } from "@/lib/reporting/schemas";

export interface ReportValues {
  status: string;
  completion: string;
  workDone: string;
  problems: string;
  nextSteps: string;
  eventsHeld: string;
  peopleReached: string;
  outputs: { name: string; value: string; unit: string }[];
}

const OUTPUT_ROWS = 3;

interface ReportFormProps {
  reportId: number;
  version: number;
  initial: ReportValues;
  /** False once the report is submitted or locked: the read-only view is shown instead of the form. */
  editable?: boolean;
  /** The read-only view of the report. */
  readOnly?: ReactNode;
}

/**
 * The report's form, or its read-only view when it may not be edited. Both are rendered here so
 * that the outcome of submitting (报告已提交) stays on screen, announced and focused, when the
 * page turns read-only after the submission.
 */
export function ReportForm({ reportId, version, initial, editable = true, readOnly }: ReportFormProps) {
  const t = useTranslations("reports");
  const [state, formAction, pending] = useActionState(saveReportAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  // One key per opened form: a double-click or a retried request submits once.
  const [submissionKey] = useState(() => crypto.randomUUID());
  const failed = state && !state.ok ? state : null;
  // A draft save that changed nothing else on the page is answered without the page drawn again:
  // the version the next save must name, and what the form shows, then come from the answer.
  const saved = state?.ok && state.data.version > version ? state.data : null;
  const currentVersion = saved?.version ?? version;
  const errors = failed?.fieldErrors ?? {};
  const shown = failed?.values ?? saved?.values;
  const value = (name: Exclude<keyof ReportValues, "outputs">) => shown?.[name] ?? initial[name];
  const output = (index: number, field: "name" | "value" | "unit") =>
    shown?.[`output_${field}_${index}`] ?? initial.outputs[index]?.[field] ?? "";
  const status = (
    <FormStatus
      messageRef={messageRef}
      pending={pending}
      error={failed?.message}
      success={state?.ok ? (state.data.state === "SUBMITTED" ? t("submitted") : t("saved")) : undefined}
    />
  );
  if (!editable) {
    return (
      <div className="space-y-4">
        {status}
        {readOnly}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {status}
      {/* Keyed by the version too: after a save React resets the form, which would put the status
          select back on the value it was first drawn with; a fresh form shows the draft as saved. */}
      <form
        ref={formRef}
        key={`${currentVersion}:${JSON.stringify(failed?.values ?? {})}`}
        action={formAction}
        className="space-y-4"
        aria-busy={pending}
      >
        <input type="hidden" name="reportId" value={reportId} />
        <input type="hidden" name="version" value={failed?.values.version ?? currentVersion} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id="status"
            name="status"
            label={t("status")}
            defaultValue={value("status")}
            placeholder={t("choose")}
            options={PROGRESS_STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
            error={errors.status}
          />
          <TextField
            id="completion"
            name="completion"
            type="number"
            min={0}
            max={100}
            label={t("completion")}
            defaultValue={value("completion")}
            error={errors.completion}
          />
        </div>
        <TextAreaField
          id="workDone"
          name="workDone"
          label={t("workDone")}
          defaultValue={value("workDone")}
          error={errors.workDone}
          // Not `required`: a draft may be saved without it; only submitting needs it (reportFormSchema).
          labelNote={t("requiredToSubmit")}
          rows={6}
          maxLength={TEXT_LIMITS.workDone}
        />
        <TextAreaField
          id="problems"
          name="problems"
          label={t("problems")}
          defaultValue={value("problems")}
          error={errors.problems}
          maxLength={TEXT_LIMITS.problems}
        />
        <TextAreaField
          id="nextSteps"
          name="nextSteps"
          label={t("nextSteps")}
          defaultValue={value("nextSteps")}
          error={errors.nextSteps}
          maxLength={TEXT_LIMITS.nextSteps}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="eventsHeld"
            name="eventsHeld"
            type="number"
            min={0}
            label={t("eventsHeld")}
            defaultValue={value("eventsHeld")}
            error={errors.eventsHeld}
          />
          <TextField
            id="peopleReached"
            name="peopleReached"
            type="number"
            min={0}
            label={t("peopleReached")}
            defaultValue={value("peopleReached")}
            error={errors.peopleReached}
          />
        </div>
        <fieldset className="rounded-lg border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">{t("outputs")}</legend>
          {errors.outputs ? <p className="text-sm text-red-700">{errors.outputs}</p> : null}
          {Array.from({ length: Math.max(OUTPUT_ROWS, initial.outputs.length) }, (_, index) => (
            <div key={index} className="mt-2 grid grid-cols-3 gap-2">
              <input
                name={`output_name_${index}`}
                aria-label={t("outputName", { n: index + 1 })}
                placeholder={t("outputNamePlaceholder")}
                defaultValue={output(index, "name")}
                className="rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              <input
                name={`output_value_${index}`}
                type="number"
                min={0}
                step="any"
                aria-label={t("outputValue", { n: index + 1 })}
                defaultValue={output(index, "value")}
                className="rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              <input
                name={`output_unit_${index}`}
                aria-label={t("outputUnit", { n: index + 1 })}
                placeholder={t("outputUnitPlaceholder")}
                defaultValue={output(index, "unit")}
                className="rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
            </div>
          ))}
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>
            {t("saveDraft")}
          </Button>
          <Button type="submit" name="intent" value="submit" disabled={pending}>
            {t("submit")}
          </Button>
        </div>
      </form>
    </div>
  );
}
