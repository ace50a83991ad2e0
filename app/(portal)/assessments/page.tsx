import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { CreateAssessmentForm } from "@/components/assessment/CreateAssessmentForm";
import { Badge } from "@/components/ui/Badge";
import { Card, Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { ASSESSMENT_OPERATIONS } from "@/lib/assessment/operations";
import { WEIGHT_KEYS, WEIGHT_LABELS } from "@/lib/assessment/rules";
import { listAssessmentYears } from "@/lib/assessment/server/assessments";
import { mayAttempt } from "@/lib/core/operations";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { formatShanghaiDateTime, shanghaiDate } from "@/lib/core/time";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("assessment"))("title") };
}

/** 年度考核: the assessment years, and for CAST the form that opens a new one. */
export default async function AssessmentsPage() {
  const actor = await requirePageActor();
  const [t, years] = await Promise.all([getTranslations("assessment"), loadForPage(() => listAssessmentYears(actor))]);
  const lastYear = Number(shanghaiDate(new Date()).slice(0, 4)) - 1;
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      {mayAttempt(actor.role, ASSESSMENT_OPERATIONS.createYear) ? (
        <Section headingId="create-assessment" heading={t("createTitle")} headingClassName="mb-3">
          <CreateAssessmentForm defaultYear={lastYear} />
        </Section>
      ) : null}
      {years.length === 0 ? <p className="text-slate-700">{t("none")}</p> : null}
      <ul className="space-y-3">
        {years.map((year) => (
          <Card as="li" key={year.year}>
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/assessments/${year.year}`} className="text-lg font-medium text-brand-700 underline">
                {t("yearTitle", { year: year.year })}
              </Link>
              <Badge tone={year.status === "FINAL" ? "green" : "amber"}>{t(`status.${year.status}`)}</Badge>
            </div>
            <p className="text-sm text-slate-700">
              {WEIGHT_KEYS.map((key) => `${WEIGHT_LABELS[key]} ${year.rules.weights[key]}`).join(" · ")}
              {" · "}
              {t("unitsScored", { units: year.units })}
              {year.finalisedAt
                ? ` · ${t("finalisedBy", { name: year.finalisedByName ?? "", at: formatShanghaiDateTime(year.finalisedAt) })}`
                : ""}
            </p>
          </Card>
        ))}
      </ul>
    </div>
  );
}
