"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/Field";
import { saveReportAction } from "@/lib/reporting/actions/reports";
import { PROGRESS_STATUSES } from "@/lib/reporting/schemas";

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

export function ReportForm({ reportId, version, initial }: { reportId: number; version: number; initial: ReportValues }) {
  const t = useTranslations("reports");
  const [state, formAction, pending] = useActionState(saveReportAction, null);
  // One key per opened form: a double-click or a retried request submits once.
  const [submissionKey] = useState(() => crypto.randomUUID());
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const value = (name: Exclude<keyof ReportValues, "outputs">) => failed?.values[name] ?? initial[name];
  const output = (index: number, field: "name" | "value" | "unit") =>
    failed?.values[`output_${field}_${index}`] ?? initial.outputs[index]?.[field] ?? "";
  return (
    <form key={JSON.stringify(failed?.values ?? {})} action={formAction} className="space-y-4" aria-busy={pending}>
      {failed ? <Alert tone="error">{failed.message}</Alert> : null}
      {state?.ok ? <Alert tone="success">{state.data.state === "SUBMITTED" ? t("submitted") : t("saved")}</Alert> : null}
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="version" value={failed?.values.version ?? version} />
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
        required
        rows={6}
      />
      <TextAreaField id="problems" name="problems" label={t("problems")} defaultValue={value("problems")} error={errors.problems} />
      <TextAreaField id="nextSteps" name="nextSteps" label={t("nextSteps")} defaultValue={value("nextSteps")} error={errors.nextSteps} />
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
  );
}
