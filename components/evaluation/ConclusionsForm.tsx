"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/Button";
import { TextAreaField } from "@/components/ui/Field";
import { FormStatus, useFocusAfterAction } from "@/components/ui/FormStatus";
import { saveConclusionsAction } from "@/lib/evaluation/actions";
import { CONCLUSION_MAX } from "@/lib/evaluation/schemas";

/** CAST edits the overall and each section's conclusion of a DRAFT; saving makes a new version (optimistic lock on `version`). */
export function ConclusionsForm({
  evaluationId,
  version,
  overall,
  sections,
}: {
  evaluationId: number;
  version: number;
  overall: string;
  sections: { id: number; title: string; text: string }[];
}) {
  const t = useTranslations("evaluation");
  const [state, formAction, pending] = useActionState(saveConclusionsAction, null);
  const { formRef, messageRef } = useFocusAfterAction(state);
  const failed = state && !state.ok ? state : null;
  const value = (name: string, fallback: string) => failed?.values[name] ?? fallback;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" aria-label={t("conclusion")}>
      <FormStatus
        messageRef={messageRef}
        pending={pending}
        error={failed?.message}
        success={state?.ok ? t("saved", { version: state.data.version }) : undefined}
      />
      <input type="hidden" name="evaluationId" value={evaluationId} />
      <input type="hidden" name="version" value={version} />
      <TextAreaField
        id="conclusion-overall"
        name="overall"
        label={t("overallConclusion")}
        rows={6}
        maxLength={CONCLUSION_MAX}
        defaultValue={value("overall", overall)}
        error={failed?.fieldErrors.overall}
      />
      {sections.map((section) => (
        <TextAreaField
          key={section.id}
          id={`conclusion-section-${section.id}`}
          name={`section_${section.id}`}
          label={t("sectionConclusion", { section: section.title })}
          rows={5}
          maxLength={CONCLUSION_MAX}
          defaultValue={value(`section_${section.id}`, section.text)}
          error={failed?.fieldErrors.sections}
        />
      ))}
      <Button type="submit" disabled={pending}>
        {t("saveConclusions")}
      </Button>
    </form>
  );
}
