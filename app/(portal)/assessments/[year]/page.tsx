import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RulesForm } from "@/components/assessment/RulesForm";
import { ScoreTable } from "@/components/assessment/ScoreTable";
import { YearCommands } from "@/components/assessment/YearCommands";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { ASSESSMENT_OPERATIONS } from "@/lib/assessment/operations";
import { WEIGHT_KEYS, WEIGHT_LABELS } from "@/lib/assessment/rules";
import { getAssessmentYear } from "@/lib/assessment/server/assessments";
import { mayAttempt } from "@/lib/core/operations";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { formatShanghaiDateTime } from "@/lib/core/time";

function readYear(raw: string): number {
  if (!/^[0-9]{4}$/.test(raw)) notFound();
  return Number(raw);
}

export async function generateMetadata({ params }: PageProps<"/assessments/[year]">): Promise<Metadata> {
  return { title: (await getTranslations("assessment"))("yearTitle", { year: (await params).year }) };
}

/** A year's ranked table with each unit's calculation; CAST edits the weights while it is a draft, then finalises it. */
export default async function AssessmentYearPage({ params }: PageProps<"/assessments/[year]">) {
  const actor = await requirePageActor();
  const year = readYear((await params).year);
  const [t, data] = await Promise.all([getTranslations("assessment"), loadForPage(() => getAssessmentYear(actor, year))]);
  const manage = mayAttempt(actor.role, ASSESSMENT_OPERATIONS.finalise);
  const draft = data.status === "DRAFT";
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t("yearTitle", { year })}
            <Badge tone={draft ? "amber" : "green"}>{t(`status.${data.status}`)}</Badge>
          </span>
        }
        description={data.ownUnitOnly ? t("ownUnitDescription") : t("yearDescription")}
        actions={
          mayAttempt(actor.role, ASSESSMENT_OPERATIONS.exportYear) ? (
            <a href={`/assessments/${year}/export`} className={buttonClasses("secondary")} download>
              {t("exportXlsx")}
            </a>
          ) : null
        }
      />
      <p className="text-sm text-slate-700" data-testid="assessment-rules">
        {t("rulesLine", {
          weights: WEIGHT_KEYS.map((key) => `${WEIGHT_LABELS[key]} ${data.rules.weights[key]}`).join("、"),
          penalty: data.rules.chasePenalty,
        })}
        {data.computedAt ? ` ${t("computedAt", { at: formatShanghaiDateTime(data.computedAt) })}` : ""}
        {data.finalisedAt ? ` ${t("finalisedBy", { name: data.finalisedByName ?? "", at: formatShanghaiDateTime(data.finalisedAt) })}` : ""}
      </p>
      <p className="text-xs text-slate-600">{t("method")}</p>
      {manage && draft ? (
        <Section headingId="assessment-rules-form" heading={t("rulesTitle")} headingClassName="mb-3">
          <RulesForm year={year} version={data.version} rules={data.rules} />
          <div className="mt-4">
            <YearCommands year={year} version={data.version} />
          </div>
        </Section>
      ) : null}
      {data.scores.length === 0 ? (
        <p className="text-slate-700">{data.ownUnitOnly ? t("ownUnitNone") : t("noScores")}</p>
      ) : (
        <ScoreTable
          rows={data.scores}
          caption={data.ownUnitOnly ? t("ownUnitCaption", { units: data.totalUnits }) : t("tableCaption", { year })}
        />
      )}
    </div>
  );
}
