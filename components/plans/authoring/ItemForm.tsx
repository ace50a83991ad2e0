"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { createItemAction, updateItemAction } from "@/lib/plans/actions/items";
import { ITEM_KINDS, LINK_REASON_MAX, TASK_STATEMENT_MAX } from "@/lib/plans/schemas/authoring";
import { FULL_TEXT_MAX, REPORTING_CYCLES } from "@/lib/plans/schemas/work-items";

export interface ItemValues {
  number: string;
  title: string;
  taskStatement: string;
  fullText: string;
  startDate: string;
  dueDate: string;
  reportingCycle: string;
  phaseId: string;
  /** unit id → LEAD | SUPPORT */
  roles: Record<number, "LEAD" | "SUPPORT">;
}

interface ItemFormProps {
  /** Create in this plan (under this parent, or at the first level), or edit this item at this version. */
  target: { planId: number; parentId: number | null; kinds: string[]; kind?: string } | { itemId: number; version: number; kind: string };
  initial: ItemValues;
  units: { id: number; name: string; type: string }[];
  phases: { id: number; name: string }[];
  linkTargets: { id: number; label: string }[];
  links: { toItemId: number; label: string; reason: string }[];
}

/** One form for items of every kind: number, title, texts, dates, cycle, phase, units and the items it serves. */
export function ItemForm({ target, initial, units, phases, linkTargets, links }: ItemFormProps) {
  const t = useTranslations("planAuthoring");
  const root = useTranslations();
  const router = useRouter();
  const editing = "itemId" in target;
  const [createState, createAction, creating] = useActionState(createItemAction, null);
  const [updateState, updateAction, updating] = useActionState(updateItemAction, null);
  const state = editing ? updateState : createState;
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const { formRef, messageRef } = useFocusAfterAction(state);
  const value = (name: keyof Omit<ItemValues, "roles">) => failed?.values[name] ?? initial[name];
  const roleOf = (unitId: number) => (failed ? (failed.values[`unit_${unitId}`] ?? "") : (initial.roles[unitId] ?? ""));
  const [kind, setKind] = useState(failed?.values.kind ?? target.kind ?? ("kinds" in target ? (target.kinds[0] ?? "") : ""));
  // A work item reads as the work-item screens always did: 任务名称, 任务内容.
  const workItem = kind === "WORK_ITEM";

  useEffect(() => {
    if (createState?.ok) router.push(`/items/${createState.data.itemId}`);
    if (updateState?.ok && "itemId" in target) router.push(`/items/${target.itemId}?tab=history`);
  }, [createState, updateState, router, target]);

  const unitTypes = [...new Set(units.map((unit) => unit.type))];
  return (
    <div className="space-y-5">
      <FormStatus messageRef={messageRef} pending={creating || updating} error={failed?.message} />
      <form ref={formRef} key={JSON.stringify(failed?.values ?? {})} action={editing ? updateAction : createAction} className="space-y-5">
        {"itemId" in target ? (
          <>
            <input type="hidden" name="itemId" value={target.itemId} />
            <input type="hidden" name="version" value={target.version} />
            <input type="hidden" name="kind" value={target.kind} />
          </>
        ) : (
          <>
            <input type="hidden" name="planId" value={target.planId} />
            {target.parentId ? <input type="hidden" name="parentId" value={target.parentId} /> : null}
            <SelectField
              id="kind"
              name="kind"
              label={t("item.kind")}
              value={kind}
              onChange={(event) => setKind(event.target.value)}
              options={ITEM_KINDS.filter((option) => target.kinds.includes(option)).map((option) => ({
                value: option,
                label: t(`itemKinds.${option}`),
              }))}
              required
              error={errors.kind}
            />
          </>
        )}
        <div className="grid gap-4 sm:grid-cols-4">
          <TextField
            id="number"
            name="number"
            label={t("item.number")}
            hint={t("item.numberHint")}
            defaultValue={value("number")}
            error={errors.number}
          />
          <div className="sm:col-span-3">
            <TextField
              id="title"
              name="title"
              label={workItem ? root("plans.form.title") : t("item.title")}
              defaultValue={value("title")}
              required
              error={errors.title}
            />
          </div>
        </div>
        {!workItem ? (
          <TextAreaField
            id="taskStatement"
            name="taskStatement"
            label={t("item.taskStatement")}
            rows={2}
            maxLength={TASK_STATEMENT_MAX}
            defaultValue={value("taskStatement")}
            error={errors.taskStatement}
          />
        ) : null}
        <TextAreaField
          id="fullText"
          name="fullText"
          label={workItem ? root("plans.form.fullText") : t("item.fullText")}
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
            label={t("item.startDate")}
            defaultValue={value("startDate")}
            error={errors.startDate}
          />
          <TextField
            id="dueDate"
            name="dueDate"
            type="date"
            label={t("item.dueDate")}
            defaultValue={value("dueDate")}
            required={workItem}
            error={errors.dueDate}
          />
          <SelectField
            id="reportingCycle"
            name="reportingCycle"
            label={t("item.reportingCycle")}
            defaultValue={value("reportingCycle")}
            placeholder={t("item.noCycle")}
            options={REPORTING_CYCLES.map((cycle) => ({ value: cycle, label: root(`plans.cycles.${cycle}`) }))}
            required={workItem}
            error={errors.reportingCycle}
          />
          <SelectField
            id="phaseId"
            name="phaseId"
            label={t("item.phase")}
            defaultValue={value("phaseId")}
            placeholder={t("item.noPhase")}
            options={phases.map((phase) => ({ value: String(phase.id), label: phase.name }))}
            error={errors.phaseId}
          />
        </div>
        <fieldset
          className="space-y-3 rounded-lg border border-slate-200 p-4"
          aria-describedby={errors.assignments ? "assignments-error" : "assignments-hint"}
        >
          <legend className="px-1 text-sm font-medium text-slate-800">{t("item.units")}</legend>
          <p id="assignments-hint" className="text-xs text-slate-600">
            {t("item.unitsHint")}
          </p>
          {errors.assignments ? (
            <p id="assignments-error" className="text-sm text-red-700">
              {errors.assignments}
            </p>
          ) : null}
          {unitTypes.map((type) => (
            <div key={type}>
              <p className="mb-1 text-xs font-medium text-slate-600">{root(`unitType.${type}`)}</p>
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
                        aria-label={root("plans.form.roleOf", { unit: unit.name })}
                        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm"
                      >
                        <option value="">{root("plans.form.notInvolved")}</option>
                        <option value="LEAD">{root("plans.roles.LEAD")}</option>
                        <option value="SUPPORT">{root("plans.roles.SUPPORT")}</option>
                      </select>
                    </label>
                  ))}
              </div>
            </div>
          ))}
        </fieldset>
        {linkTargets.length > 0 || links.length > 0 ? (
          <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4" aria-describedby="links-hint">
            <legend className="px-1 text-sm font-medium text-slate-800">{t("item.links")}</legend>
            <p id="links-hint" className="text-xs text-slate-600">
              {t("item.linksHint")}
            </p>
            {errors.links ? <p className="text-sm text-red-700">{errors.links}</p> : null}
            {links.map((link) => (
              <div key={link.toItemId} className="space-y-2 rounded border border-slate-200 p-3">
                <p className="text-sm font-medium">{t("item.keptLink", { label: link.label })}</p>
                <TextAreaField
                  id={`link_${link.toItemId}`}
                  name={`link_${link.toItemId}`}
                  label={t("item.linkReason")}
                  rows={2}
                  maxLength={LINK_REASON_MAX}
                  defaultValue={failed?.values[`link_${link.toItemId}`] ?? link.reason}
                />
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name={`unlink_${link.toItemId}`} value="1" />
                  {t("item.unlink")}
                </label>
              </div>
            ))}
            {linkTargets.length > 0 ? (
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  id="newLinkItemId"
                  name="newLinkItemId"
                  label={t("item.newLink")}
                  defaultValue={failed?.values.newLinkItemId ?? ""}
                  placeholder={t("item.noLink")}
                  options={linkTargets
                    .filter((candidate) => !links.some((link) => link.toItemId === candidate.id))
                    .map((candidate) => ({ value: String(candidate.id), label: candidate.label }))}
                />
                <TextAreaField
                  id="newLinkReason"
                  name="newLinkReason"
                  label={t("item.newLinkReason")}
                  rows={2}
                  maxLength={LINK_REASON_MAX}
                  defaultValue={failed?.values.newLinkReason ?? ""}
                />
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <Button type="submit" disabled={creating || updating}>
          {editing ? t("item.save") : t("item.create")}
        </Button>
      </form>
    </div>
  );
}
