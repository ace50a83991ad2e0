"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/Button";
import { FilePicker } from "@/components/ui/FilePicker";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { previewPlanImportAction } from "@/lib/plans/actions/import";

interface Target {
  code: string;
  title: string;
}

/** Upload a filled workbook: a new plan, or a new version of one the user may edit. */
export function ImportForm({ targets, initialTarget }: { targets: Target[]; initialTarget?: string }) {
  const t = useTranslations("planImport");
  const [state, upload, pending] = useActionState(previewPlanImportAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const [chosen, setChosen] = useState<string | null>(null);
  const fileError = state && !state.ok ? state.fieldErrors.file : undefined;
  return (
    <form action={upload} ref={formRef} className="space-y-4">
      <div>
        <label htmlFor="import-target" className="block text-sm font-medium text-slate-800">
          {t("targetLabel")}
        </label>
        <select
          id="import-target"
          name="planCode"
          defaultValue={state && !state.ok ? (state.values.planCode ?? initialTarget ?? "") : (initialTarget ?? "")}
          aria-describedby="import-target-hint"
          className="mt-1 block w-full max-w-xl rounded-md border border-slate-300 px-3 py-2 text-sm"
        >
          <option value="">{t("targetNew")}</option>
          {targets.map((target) => (
            <option key={target.code} value={target.code}>
              {t("targetVersion", { title: target.title })}
            </option>
          ))}
        </select>
        <p id="import-target-hint" className="mt-1 text-xs text-slate-600">
          {t("targetHint")}
        </p>
      </div>
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
          {t("fileLabel")}
        </label>
        <FilePicker
          id="import-file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          chosen={chosen}
          onChoose={setChosen}
          chooseLabel={t("chooseFile")}
          noFileLabel={t("noFileChosen")}
          describedBy="import-file-hint"
          invalid={Boolean(fileError)}
        />
        <p id="import-file-hint" className="mt-1 text-xs text-slate-600">
          {t("fileHint")}
        </p>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("uploading") : t("upload")}
      </Button>
      <FormStatus messageRef={messageRef} pending={pending} error={state && !state.ok ? state.message : undefined} />
    </form>
  );
}
