"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/Button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { createPlanAction, updatePlanAction } from "@/lib/plans/actions/plans";
import { PLAN_KINDS } from "@/lib/plans/schemas/authoring";
import { FULL_TEXT_MAX } from "@/lib/plans/schemas/work-items";

export interface PlanValues {
  kind: string;
  code: string;
  title: string;
  shortTitle: string;
  issuer: string;
  documentNumber: string;
  signedOn: string;
  publishedOn: string;
  startYear: string;
  endYear: string;
  parentPlanId: string;
  districtId: string;
  preamble: string;
}

interface PlanFormProps {
  /** Create a plan, or edit this one's particulars from the state it was read at. */
  target: { create: true } | { planId: number; code: string; updatedAt: number };
  initial: PlanValues;
  masters: { id: number; title: string }[];
  districts: { id: number; name: string }[];
  /** A district liaison's plan: kind, district and parent are fixed. */
  fixed: { district: { id: number; name: string }; master: { id: number; title: string } } | null;
}

export function PlanForm({ target, initial, masters, districts, fixed }: PlanFormProps) {
  const t = useTranslations("planAuthoring");
  const router = useRouter();
  const editing = "planId" in target;
  const [createState, createAction, creating] = useActionState(createPlanAction, null);
  const [updateState, updateAction, updating] = useActionState(updatePlanAction, null);
  const state = editing ? updateState : createState;
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const { formRef, messageRef } = useFocusAfterAction(state);
  const value = (name: keyof PlanValues) => failed?.values[name] ?? initial[name];
  const [kind, setKind] = useState(value("kind"));

  useEffect(() => {
    if (createState?.ok) router.push(`/plans/${createState.data.code}`);
    if (updateState?.ok && "code" in target) router.push(`/plans/${target.code}`);
  }, [createState, updateState, router, target]);

  return (
    <div className="space-y-5">
      <FormStatus messageRef={messageRef} pending={creating || updating} error={failed?.message} />
      <form ref={formRef} key={JSON.stringify(failed?.values ?? {})} action={editing ? updateAction : createAction} className="space-y-5">
        {"planId" in target ? (
          <>
            <input type="hidden" name="planId" value={target.planId} />
            <input type="hidden" name="updatedAt" value={target.updatedAt} />
          </>
        ) : fixed ? (
          <>
            <input type="hidden" name="kind" value="DISTRICT" />
            <input type="hidden" name="districtId" value={fixed.district.id} />
            <input type="hidden" name="parentPlanId" value={fixed.master.id} />
            <p className="text-sm text-slate-700">{t("fields.fixedDistrict", { district: fixed.district.name })}</p>
            <p className="text-sm text-slate-700">{t("fields.fixedParent", { title: fixed.master.title })}</p>
          </>
        ) : (
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              id="kind"
              name="kind"
              label={t("fields.kind")}
              defaultValue={kind}
              onChange={(event) => setKind(event.target.value)}
              placeholder={t("choose")}
              options={PLAN_KINDS.map((option) => ({ value: option, label: t(`kinds.${option}`) }))}
              required
              error={errors.kind}
            />
            {kind !== "MASTER" ? (
              <SelectField
                id="parentPlanId"
                name="parentPlanId"
                label={t("fields.parentPlan")}
                defaultValue={value("parentPlanId")}
                placeholder={t("choose")}
                options={masters.map((plan) => ({ value: String(plan.id), label: plan.title }))}
                error={errors.parentPlanId}
              />
            ) : null}
            {kind === "DISTRICT" ? (
              <SelectField
                id="districtId"
                name="districtId"
                label={t("fields.district")}
                defaultValue={value("districtId")}
                placeholder={t("choose")}
                options={districts.map((unit) => ({ value: String(unit.id), label: unit.name }))}
                error={errors.districtId}
              />
            ) : null}
          </div>
        )}
        {!editing ? (
          <TextField
            id="code"
            name="code"
            label={t("fields.code")}
            hint={t("fields.codeHint")}
            defaultValue={value("code")}
            required
            error={errors.code}
          />
        ) : null}
        <TextField id="title" name="title" label={t("fields.title")} defaultValue={value("title")} required error={errors.title} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="shortTitle"
            name="shortTitle"
            label={t("fields.shortTitle")}
            defaultValue={value("shortTitle")}
            required
            error={errors.shortTitle}
          />
          <TextField id="issuer" name="issuer" label={t("fields.issuer")} defaultValue={value("issuer")} required error={errors.issuer} />
          <TextField
            id="documentNumber"
            name="documentNumber"
            label={t("fields.documentNumber")}
            defaultValue={value("documentNumber")}
            error={errors.documentNumber}
          />
          <div className="grid grid-cols-2 gap-4">
            <TextField
              id="startYear"
              name="startYear"
              inputMode="numeric"
              label={t("fields.startYear")}
              defaultValue={value("startYear")}
              required
              error={errors.startYear}
            />
            <TextField
              id="endYear"
              name="endYear"
              inputMode="numeric"
              label={t("fields.endYear")}
              defaultValue={value("endYear")}
              required
              error={errors.endYear}
            />
          </div>
          <TextField
            id="signedOn"
            name="signedOn"
            type="date"
            label={t("fields.signedOn")}
            defaultValue={value("signedOn")}
            error={errors.signedOn}
          />
          <TextField
            id="publishedOn"
            name="publishedOn"
            type="date"
            label={t("fields.publishedOn")}
            defaultValue={value("publishedOn")}
            error={errors.publishedOn}
          />
        </div>
        <TextAreaField
          id="preamble"
          name="preamble"
          label={t("fields.preamble")}
          rows={4}
          maxLength={FULL_TEXT_MAX}
          defaultValue={value("preamble")}
          error={errors.preamble}
        />
        <Button type="submit" disabled={creating || updating}>
          {editing ? t("save") : t("create")}
        </Button>
      </form>
    </div>
  );
}
