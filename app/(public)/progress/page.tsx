import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { LiteracyChart } from "@/components/outputs/LiteracyChart";
import { LocaleSwitcher } from "@/components/shell/LocaleSwitcher";
import { Badge } from "@/components/ui/Badge";
import { Card, Section } from "@/components/ui/Card";
import { getPublicProgress, type PublicSummary } from "@/lib/outputs/server/public-progress";
import { SectionFeedback, type FeedbackOutcomeParam } from "@/components/feedback/SectionFeedback";
import { getPublicFeedback } from "@/lib/feedback/server/public";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("publicProgress"))("title") };
}

/** Open to everyone, no login: the plan asks for its progress to be published for public supervision. */
export default async function PublicProgressPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [t, tr, progress, feedback, query] = await Promise.all([
    getTranslations("publicProgress"),
    getTranslations("reports"),
    getPublicProgress(),
    getPublicFeedback(),
    searchParams,
  ]);
  // The outcome of a rating just submitted (the form's redirect: ?feedback=…&section=…), shown under its section.
  const outcome = (["thanks", "pending", "invalid", "stale"] as const).find((value) => value === query.feedback) ?? null;
  const outcomeSection = typeof query.section === "string" ? Number(query.section) : null;
  const outcomeFor = (sectionId: number): FeedbackOutcomeParam | null => (outcome && outcomeSection === sectionId ? outcome : null);
  const { master, literacy, sections } = progress;
  const gapSentence = literacy?.latest
    ? literacy.reached
      ? t("reached", { year: literacy.targetYear })
      : t("gap", { year: literacy.latest.year, value: literacy.latest.value, target: literacy.targetYear, gap: literacy.gap ?? 0 })
    : "";
  /** 已审核报告N份，涉及M项工作，平均完成度X%；按计划推进N份、滞后N份 */
  const summaryLine = (summary: PublicSummary) => {
    const statuses = (Object.entries(summary.statuses) as [keyof PublicSummary["statuses"], number][])
      .filter(([, count]) => count > 0)
      .map(([status, count]) => t("statusCount", { status: tr(`statuses.${status}`), count }))
      .join(t("listSeparator"));
    return [
      t("summary", { reports: summary.reports, items: summary.items }),
      summary.averageCompletion !== null ? t("averageCompletion", { value: summary.averageCompletion }) : "",
      statuses ? `${t("statusesLead")}${statuses}` : "",
    ].join("");
  };
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="flex items-center justify-between bg-brand-700 px-4 py-3 text-white">
        <span className="font-semibold">{t("site")}</span>
        <div className="flex items-center gap-2">
          <LocaleSwitcher />
          <Link href="/login" className="rounded-md px-2 py-1 text-sm text-white/90 hover:bg-white/10">
            {t("staffLogin")}
          </Link>
        </div>
      </header>
      <main id="main-content" className="mx-auto max-w-5xl space-y-6 px-4 py-6">
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p lang="zh-CN" className="text-sm text-slate-700">
          {master ? `${master.title}（${master.documentNumber}）· ${master.issuer}` : null}
        </p>
        <p className="text-sm text-slate-700">{t("intro")}</p>
        <Section headingId="goals" heading={t("goals")} headingClassName="mb-2" className="text-sm">
          {master?.goals.map((goal) => (
            <p key={goal.year} className="mt-1">
              <span className="font-medium">{t("goalYear", { year: goal.year })}</span>
              {goal.text}
            </p>
          ))}
        </Section>
        {literacy ? (
          <Card as="section">
            <LiteracyChart
              id="public-literacy"
              title={t("literacyChart")}
              summary={`${gapSentence}${literacy.points.some((point) => point.demo) ? t("demoNote") : ""}`}
              labels={{
                year: t("year"),
                actual: t("actual"),
                target: t("target"),
                expected: t("expected"),
                percentUnit: "%",
                showTable: t("showTable"),
                showChart: t("showChart"),
                tableCaption: t("literacyTable"),
                noValue: "—",
              }}
              points={literacy.points}
            />
          </Card>
        ) : null}
        <section aria-labelledby="sections">
          <h2 id="sections" className="mb-3 text-lg font-semibold">
            {t("bySection")}
          </h2>
          <ol className="space-y-4">
            {sections.map((section) => (
              <Card as="li" key={section.id}>
                <h3 className="font-semibold">
                  {section.number}
                  {section.title}
                </h3>
                <p className="mt-1 text-sm text-slate-700">{section.taskStatement}</p>
                {section.summary.reports === 0 ? (
                  <p className="mt-2 text-sm text-slate-600">{t("noApproved")}</p>
                ) : (
                  <p className="mt-2 text-sm text-slate-800" data-testid="section-summary">
                    {summaryLine(section.summary)}
                  </p>
                )}
                {section.reports.length > 0 ? (
                  <p className="mt-2 text-xs text-slate-600">
                    {t("newest", { shown: section.reports.length, total: section.summary.reports })}
                  </p>
                ) : null}
                <ul className="mt-1 space-y-2">
                  {section.reports.map((report) => (
                    <li key={report.id} className="border-t border-slate-100 pt-2 text-sm">
                      <p className="font-medium">
                        {report.unit} · {report.period} · {report.status ? tr(`statuses.${report.status}`) : "—"}
                        {report.completion !== null ? ` · ${t("completion", { value: report.completion })}` : ""}
                        {report.demo ? (
                          <span className="ml-1">
                            <Badge tone="amber">{t("demo")}</Badge>
                          </span>
                        ) : null}
                      </p>
                      <p className="text-slate-700">{report.workDone}</p>
                    </li>
                  ))}
                </ul>
                {section.measures.some((measure) => measure.summary.reports > 0) ? (
                  <ul className="mt-2 space-y-1 text-sm">
                    {section.measures
                      .filter((measure) => measure.summary.reports > 0)
                      .map((measure) => (
                        <li key={measure.id}>
                          {/* Chinese data: the measure's title and what the units wrote. */}
                          <span lang="zh-CN" className="font-medium">
                            {measure.title}：
                          </span>
                          <span className="text-slate-600">
                            {summaryLine(measure.summary)}
                            {t("measureNewest", { shown: measure.reports.length, total: measure.summary.reports })}
                          </span>
                          <span lang="zh-CN">
                            {measure.reports.map((report) => `${report.unit}（${report.period}）${report.workDone}`).join("；")}
                          </span>
                        </li>
                      ))}
                  </ul>
                ) : null}
                <SectionFeedback sectionId={section.id} feedback={feedback.get(section.id)} outcome={outcomeFor(section.id)} />
              </Card>
            ))}
          </ol>
        </section>
      </main>
    </div>
  );
}
