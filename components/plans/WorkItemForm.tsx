"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/Button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { createWorkItemAction, updateWorkItemAction } from "@/lib/plans/actions/work-items";
import { FULL_TEXT_MAX, REPORTING_CYCLES } from "@/lib/plans/schemas/work-items";

export interface WorkItemValues {
  title: string;
  fullText: string;
  startDate: string;
  dueDate: string;
  reportingCycle: string;
  phaseId: string;
  /** unit id → LEAD | SUPPORT */
  roles: Record<number, "LEAD" | "SUPPORT">;
}

interface WorkItemFormProps {
  /** Create under this measure, or edit this item at this version. */
  target: { parentId: number } | { itemId: number; version: number };
  initial: WorkItemValues;
  units: { id: number; name: string; type: string }[];
  phases: { id: number; name: string }[];
}

export function WorkItemForm({ target, initial, units, phases }: WorkItemFormProps) {
  const t = useTranslations();
  const router = useRouter();
  const editing = "itemId" in target;
  const [createState, createAction, creating] = useActionState(createWorkItemAction, null);
  const [updateState, updateAction, updating] = useActionState(updateWorkItemAction, null);
  const state = editing ? updateState : createState;
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const { formRef, messageRef } = useFocusAfterAction(state);
  // After a failed submit the form shows what was typed, not the original values.
  const value = (name: keyof Omit<WorkItemValues, "roles">) => failed?.values[name] ?? initial[name];
  const roleOf = (unitId: number) => (failed ? (failed.values[`unit_${unitId}`] ?? "") : (initial.roles[unitId] ?? ""));

  useEffect(() => {
    if (createState?.ok) router.push(`/items/${createState.data.itemId}`);
    if (updateState?.ok && "itemId" in target) router.push(`/items/${target.itemId}?tab=history`);
  }, [createState, updateState, router, target]);

  const unitTypes = [...new Set(units.map((unit) => unit.type))];
  return (
    <div className="space-y-5">
      {/* Success opens the item's page: only a failure is shown here. */}
      <FormStatus messageRef={messageRef} pending={creating || updating} error={failed?.message} />
      <form ref={formRef} key={JSON.stringify(failed?.values ?? {})} action={editing ? updateAction : createAction} className="space-y-5">
        {"itemId" in target ? (
          <>
            <input type="hidden" name="itemId" value={target.itemId} />
            <input type="hidden" name="version" value={target.version} />
          </>
        ) : (
          <input type="hidden" name="parentId" value={target.parentId} />
        )}
        <TextField id="title" name="title" label={t("plans.form.title")} defaultValue={value("title")} required error={errors.title} />
        <TextAreaField
          id="fullText"
          name="fullText"
          label={t("plans.form.fullText")}
          rows={5}
          maxLength={FULL_TEXT_MAX}
          defaultValue={value("fullText")}
          error={errors.fullText}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="startDate"
            name="startDate"
            type="date"
            label={t("plans.startDate")}
            defaultValue={value("startDate")}
            error={errors.startDate}
          />
          <TextField
            id="dueDate"
            name="dueDate"
            type="date"
            label={t("plans.dueDate")}
            defaultValue={value("dueDate")}
            required
            error={errors.dueDate}
          />
          <SelectField
            id="reportingCycle"
            name="reportingCycle"
            label={t("plans.reportingCycle")}
            defaultValue={value("reportingCycle")}
            placeholder={t("users.choose")}
            options={REPORTING_CYCLES.map((cycle) => ({ value: cycle, label: t(`plans.cycles.${cycle}`) }))}
            required
            error={errors.reportingCycle}
          />
          <SelectField
            id="phaseId"
            name="phaseId"
            label={t("plans.phase")}
            defaultValue={value("phaseId")}
            placeholder={t("plans.form.noPhase")}
            options={phases.map((phase) => ({ value: String(phase.id), label: phase.name }))}
            error={errors.phaseId}
          />
        </div>
        <fieldset
          className="space-y-3 rounded-lg border border-slate-200 p-4"
          aria-describedby={errors.assignments ? "assignments-error" : "assignments-hint"}
        >
          <legend className="px-1 text-sm font-medium text-slate-800">{t("plans.form.units")}</legend>
          <p id="assignments-hint" className="text-xs text-slate-600">
            {t("plans.form.unitsHint")}
          </p>
          {errors.assignments ? (
            <p id="assignments-error" className="text-sm text-red-700">
              {errors.assignments}
            </p>
          ) : null}
          {unitTypes.map((type) => (
            <div key={type}>
              <p className="mb-1 text-xs font-medium text-slate-600">{t(`unitType.${type}`)}</p>
              <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                {units
                  .filter((unit) => unit.type === type)
                  .map((unit) => (
                    <label
                      key={unit.id}
                      className="flex items-center justify-between gap-2 rounded border border-slate-200 px-2 py-1 text-sm"
                    >
                      <span>{unit.name}</span>
                      <select
                        name={`unit_${unit.id}`}
                        defaultValue={roleOf(unit.id)}
                        aria-label={t("plans.form.roleOf", { unit: unit.name })}
                        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm"
                      >
                        <option value="">{t("plans.form.notInvolved")}</option>
                        <option value="LEAD">{t("plans.roles.LEAD")}</option>
                        <option value="SUPPORT">{t("plans.roles.SUPPORT")}</option>
                      </select>
                    </label>
                  ))}
              </div>
            </div>
          ))}
        </fieldset>
        <Button type="submit" disabled={creating || updating}>
          {editing ? t("plans.form.save") : t("plans.form.create")}
        </Button>
      </form>
    </div>
  );
}
