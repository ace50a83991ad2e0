"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/Button";
import { FilePicker } from "@/components/ui/FilePicker";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { previewReportImportAction } from "@/lib/reporting/actions/ledger";

interface Unit {
  id: number;
  name: string;
}

/**
 * 上传填报表: the workbook file and, for CAST staff, the unit whose workbook it is (代填, required);
 * a liaison uploads for their own unit, named above the file.
 */
export function LedgerUploadForm({ onBehalf, units, initialUnit }: { onBehalf: boolean; units: Unit[]; initialUnit?: number }) {
  const t = useTranslations("ledgerImport");
  const [state, upload, pending] = useActionState(previewReportImportAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const [chosen, setChosen] = useState<string | null>(null);
  const failed = state && !state.ok ? state : null;
  const fileError = failed?.fieldErrors.file;
  const unitError = failed?.fieldErrors.unitId;
  return (
    <form action={upload} ref={formRef} className="space-y-4">
      {onBehalf ? (
        <div>
          <label htmlFor="ledger-unit" className="block text-sm font-medium text-slate-800">
            {t("unitLabel")}
          </label>
          <select
            id="ledger-unit"
            name="unitId"
            required
            defaultValue={failed?.values.unitId ?? (initialUnit ? String(initialUnit) : "")}
            aria-describedby={unitError ? "ledger-unit-hint ledger-unit-error" : "ledger-unit-hint"}
            aria-invalid={unitError ? true : undefined}
            className="mt-1 block w-full max-w-md rounded-md border border-slate-300 px-3 py-2 text-sm"
          >
            <option value="">{t("unitPlaceholder")}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id} lang="zh-CN">
                {unit.name}
              </option>
            ))}
          </select>
          <p id="ledger-unit-hint" className="mt-1 text-xs text-slate-600">
            {t("unitHint")}
          </p>
          {unitError ? (
            <p id="ledger-unit-error" className="mt-1 text-sm text-red-700">
              {unitError}
            </p>
          ) : null}
        </div>
      ) : units[0] ? (
        <p className="text-sm text-slate-800">{t("ownUnit", { unit: units[0].name })}</p>
      ) : null}
      <div>
        <label htmlFor="ledger-file" className="block text-sm font-medium text-slate-800">
          {t("fileLabel")}
        </label>
        <FilePicker
          id="ledger-file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          chosen={chosen}
          onChoose={setChosen}
          chooseLabel={t("chooseFile")}
          noFileLabel={t("noFileChosen")}
          describedBy={fileError ? "ledger-file-hint ledger-file-error" : "ledger-file-hint"}
          invalid={Boolean(fileError)}
        />
        <p id="ledger-file-hint" className="mt-1 text-xs text-slate-600">
          {t("fileHint")}
        </p>
        {fileError ? (
          <p id="ledger-file-error" className="mt-1 text-sm text-red-700">
            {fileError}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t("uploading") : t("upload")}
      </Button>
      <FormStatus messageRef={messageRef} pending={pending} error={failed?.message} />
    </form>
  );
}
