import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { LiteracyChart } from "@/components/outputs/LiteracyChart";
import { StackedCountChart } from "@/components/outputs/StackedCountChart";
import { PhaseTimeline } from "@/components/plans/PhaseTimeline";
import { FeedbackDashboardCard } from "@/components/feedback/FeedbackDashboardCard";
import { LightSummaryText } from "@/components/reporting/LightBadge";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Card, Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { shanghaiDate } from "@/lib/core/time";
import { getDashboardForPage, SUGGESTED_HIGHLIGHTS, type GroupRow } from "@/lib/outputs/server/dashboard";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readPageQuery } from "@/lib/core/params";
import { dashboardQuerySchema } from "@/lib/outputs/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

const SELECT = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export default async function DashboardPage({ searchParams }: PageProps<"/dashboard">) {
  const actor = await requirePageActor();
  const { round: roundId, plan: planCode, district: districtId } = readPageQuery(dashboardQuerySchema, await searchParams).query;
  const [t, tl, format, tIndicators, dashboard] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("lights"),
    getTranslations("format"),
    getTranslations("indicators"),
    loadForPage(() => getDashboardForPage(actor, { roundId, planCode, districtId })),
  ]);
  const { literacy, round, groups, rounds, plans, master, districts, district, districtValue } = dashboard;
  // The summary export follows the district filter; the bulletin and the indicator table are citywide.
  const districtParam = district ? `&district=${district.id}` : "";

  const gapSentence = literacy?.latest
    ? literacy.reached
      ? t("reached", { year: literacy.targetYear })
      : t("gap", { year: literacy.targetYear, gap: literacy.gap ?? 0 })
    : t("noLiteracy");
  const lightSeries = (["RED", "YELLOW", "GREEN"] as const).map((light) => ({
    key: light,
    label: tl(light),
    color: light === "RED" ? ("red" as const) : light === "YELLOW" ? ("amber" as const) : ("green" as const),
  }));
  const rowsOf = (list: GroupRow[]) =>
    list.map((row) => ({ name: row.name, values: { RED: row.counts.RED, YELLOW: row.counts.YELLOW, GREEN: row.counts.GREEN } }));
  const summaryOf = (label: string, list: GroupRow[]) => {
    const red = list.filter((row) => row.counts.RED > 0).map((row) => row.name);
    return red.length
      ? t("groupSummaryRed", { label, count: red.length, names: red.slice(0, 3).join(format("listSeparator")) })
      : t("groupSummaryClear", { label });
  };
  const chartLabels = { category: t("category"), showTable: t("showTable"), showChart: t("showChart"), total: t("total") };
  const demoRound = round?.isDemo ?? false;

  return (
    <div className="max-w-6xl space-y-6 print:max-w-none">
      <PageHeader
        title={t("title")}
        description={round ? t("roundLine", { round: round.name, deadline: shanghaiDate(round.deadline) }) : t("noRound")}
        actions={
          round ? (
            <div className="flex flex-wrap gap-2 print:hidden">
              <a href={`/dashboard/bulletin?round=${round.id}`} className={buttonClasses()} download>
                {t("bulletin")}
              </a>
              <a
                href={`/dashboard/export?kind=summary&format=xlsx&round=${round.id}${districtParam}`}
                className={buttonClasses("secondary")}
                download
              >
                {t("summaryXlsx")}
              </a>
              <a
                href={`/dashboard/export?kind=summary&format=csv&round=${round.id}${districtParam}`}
                className={buttonClasses("secondary")}
                download
              >
                {t("summaryCsv")}
              </a>
              <a href="/dashboard/export?kind=indicators&format=xlsx" className={buttonClasses("secondary")} download>
                {t("indicatorsXlsx")}
              </a>
            </div>
          ) : null
        }
      />
      <form method="get" className="flex flex-wrap items-end gap-3 print:hidden">
        <div>
          <label htmlFor="dashboard-round" className="block text-sm font-medium text-slate-800">
            {t("round")}
          </label>
          <select id="dashboard-round" name="round" defaultValue={round?.id ?? ""} className={SELECT}>
            {rounds.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
                {candidate.isDemo ? format("note", { note: t("demo") }) : ""}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dashboard-plan" className="block text-sm font-medium text-slate-800">
            {t("plan")}
          </label>
          <select id="dashboard-plan" name="plan" defaultValue={planCode ?? ""} className={SELECT}>
            <option value="">{t("allPlans")}</option>
            {plans.map((plan) => (
              <option key={plan.code} value={plan.code}>
                {plan.shortTitle}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dashboard-district" className="block text-sm font-medium text-slate-800">
            {t("district")}
          </label>
          <select id="dashboard-district" name="district" defaultValue={district?.id ?? ""} className={SELECT}>
            <option value="">{t("allDistricts")}</option>
            {districts.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses("secondary")}>
          {t("apply")}
        </button>
      </form>
      {district ? (
        <p className="text-sm text-slate-700" data-testid="district-scope">
          {t("districtScope", { district: district.name })}
        </p>
      ) : null}

      <section aria-labelledby="headline" className="grid gap-4 lg:grid-cols-3">
        <Card>
          <h2 id="headline" className="text-sm text-slate-600">
            {literacy?.name ?? t("literacy")}
          </h2>
          <p className="mt-2 text-3xl font-semibold text-brand-700" data-testid="headline-figure">
            {literacy?.latest ? `${literacy.latest.value}%` : "—"}
          </p>
          <p className="text-sm text-slate-700">
            {literacy?.latest ? t("latestYear", { year: literacy.latest.year }) : null}
            {literacy?.latest?.demo ? (
              <span className="ml-1">
                <Badge tone="amber">{t("demo")}</Badge>
              </span>
            ) : null}
          </p>
          <p className="mt-2 font-medium" data-testid="gap-sentence">
            {gapSentence}
          </p>
          {district ? (
            <p className="mt-2 text-sm text-slate-800" data-testid="district-literacy">
              {districtValue
                ? t("districtLiteracy", { district: district.name, year: districtValue.year, value: districtValue.value })
                : t("districtLiteracyNone", { district: district.name })}
              {districtValue?.demo ? (
                <span className="ml-1">
                  <Badge tone="amber">{t("demo")}</Badge>
                </span>
              ) : null}
            </p>
          ) : null}
          {literacy ? (
            <p className="text-xs text-slate-600">
              {t("baselineTarget", {
                baselineYear: literacy.baselineYear,
                baseline: literacy.baselineValue,
                targetYear: literacy.targetYear,
                target: literacy.targetValue,
              })}
            </p>
          ) : null}
          {literacy && literacy.targets.length > 1 ? (
            <div className="mt-2 text-xs text-slate-700">
              <p className="font-medium">{t("seriesTargets")}</p>
              <ul data-testid="series-targets">
                {literacy.targets.map((row) => (
                  <li key={row.year} className={row.current ? "font-medium" : undefined}>
                    {t("seriesTarget", {
                      year: row.year,
                      comparator: tIndicators.has(`comparators.${row.comparator}`)
                        ? tIndicators(`comparators.${row.comparator}`)
                        : row.comparator,
                      value: row.value,
                      plan: row.plan ?? "—",
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Card>
        <Card className="lg:col-span-2">
          {literacy ? (
            <LiteracyChart
              id="literacy"
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
          ) : null}
        </Card>
      </section>

      {groups ? (
        <>
          <Section
            headingId="overall"
            heading={
              <>
                {t("overall")} {demoRound ? <Badge tone="amber">{t("demo")}</Badge> : null}
              </>
            }
          >
            <dl className="mt-2 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-slate-600">{t("owed")}</dt>
                <dd className="text-xl font-semibold">{groups.overall.reports}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t("submitted")}</dt>
                <dd className="text-xl font-semibold">{groups.overall.submitted}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{tl("RED")}</dt>
                <dd className="text-xl font-semibold text-red-700">{groups.overall.counts.RED}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{tl("YELLOW")}</dt>
                <dd className="text-xl font-semibold text-amber-800">{groups.overall.counts.YELLOW}</dd>
              </div>
            </dl>
            <p className="mt-2">
              <LightSummaryText summary={groups.overall.summary} />
            </p>
          </Section>
          <div className="grid gap-4 lg:grid-cols-2">
            <Card>
              <StackedCountChart
                id="populations"
                title={t("byPopulation")}
                summary={summaryOf(t("byPopulation"), groups.populations)}
                labels={{ ...chartLabels, tableCaption: t("byPopulation") }}
                series={lightSeries}
                rows={rowsOf(groups.populations)}
              />
            </Card>
            <Card>
              <StackedCountChart
                id="projects"
                title={t("byProject")}
                summary={summaryOf(t("byProject"), groups.projects)}
                labels={{ ...chartLabels, tableCaption: t("byProject") }}
                series={lightSeries}
                rows={rowsOf(groups.projects)}
              />
            </Card>
          </div>
          <Card>
            <StackedCountChart
              id="units"
              title={t("byUnit")}
              summary={summaryOf(t("byUnit"), groups.units)}
              labels={{ ...chartLabels, tableCaption: t("byUnit") }}
              series={lightSeries}
              rows={rowsOf(groups.units)}
            />
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <Section headingId="attention" heading={t("attention", { count: groups.attention.total })} headingClassName="mb-2">
              <div data-testid="attention">
                <p className="text-sm text-slate-700" data-testid="attention-summary">
                  {groups.attention.total > 0
                    ? t("attentionSummary", {
                        overdue: groups.attention.overdue,
                        returned: groups.attention.returned,
                        units: groups.attention.units.length,
                      })
                    : t("attentionNone")}
                </p>
                <ul className="mt-2 space-y-1 text-sm">
                  {groups.attention.units.map((unit) => (
                    <li key={unit.unitId}>
                      <details data-testid="attention-unit">
                        <summary className="cursor-pointer">
                          <span className="font-medium">{unit.name}</span>
                          <span className="ml-2 text-slate-700">
                            {t("attentionUnitCounts", { overdue: unit.overdue, returned: unit.returned })}
                          </span>
                        </summary>
                        <ul className="mt-1 ml-4 space-y-1">
                          {unit.reports.map((report) => (
                            <li key={report.id}>
                              <Link href={`/reports/${report.id}`} className="text-brand-700 underline">
                                {report.item.number}
                                {report.item.title}
                              </Link>
                              <span className="ml-2 text-slate-600">{report.state === "RETURNED" ? t("returned") : t("overdue")}</span>
                            </li>
                          ))}
                          {unit.overdue + unit.returned > unit.reports.length && round ? (
                            <li>
                              <Link href={`/reports?round=${round.id}&unit=${unit.unitId}`} className="text-brand-700 underline">
                                {t("attentionUnitAll")}
                              </Link>
                            </li>
                          ) : null}
                        </ul>
                      </details>
                    </li>
                  ))}
                </ul>
              </div>
            </Section>
            <Section headingId="ranking" heading={t("ranking")} headingClassName="mb-2">
              <table className="w-full text-sm" data-testid="ranking">
                <caption className="sr-only">{t("ranking")}</caption>
                <thead className="text-left text-slate-600">
                  <tr>
                    <th scope="col">{t("rank")}</th>
                    <th scope="col">{t("unit")}</th>
                    <th scope="col">{t("onTimeRate")}</th>
                    <th scope="col">{t("onTimeCount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.ranking.map((row, index) => (
                    <tr key={row.unitId}>
                      <td>{index + 1}</td>
                      <td>{row.name}</td>
                      <td>{row.rate}%</td>
                      <td>
                        {row.onTime}/{row.owed}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          </div>
          {round ? (
            <Section headingId="highlights-heading" heading={t("highlightsHeading")} headingClassName="mb-2" className="print:hidden">
              {groups.approved.length > 0 ? (
                <form method="get" action="/dashboard/bulletin" className="space-y-3" data-testid="highlight-picker">
                  <input type="hidden" name="round" value={round.id} />
                  <fieldset>
                    <legend className="text-sm text-slate-700">{t("highlightsHint", { count: SUGGESTED_HIGHLIGHTS })}</legend>
                    <ul className="mt-2 max-h-72 space-y-1 overflow-y-auto text-sm">
                      {groups.approved.map((report, index) => (
                        <li key={report.id}>
                          <label className="flex items-start gap-2">
                            <input
                              type="checkbox"
                              name="highlight"
                              value={report.id}
                              defaultChecked={index < SUGGESTED_HIGHLIGHTS}
                              className="mt-1"
                            />
                            <span>
                              {report.unit} · {report.item}
                              <span className="ml-2 text-slate-600">
                                {t("highlightFigures", { people: report.peopleReached ?? 0, events: report.eventsHeld ?? 0 })}
                              </span>
                            </span>
                          </label>
                        </li>
                      ))}
                    </ul>
                  </fieldset>
                  <button type="submit" className={buttonClasses("secondary")}>
                    {t("highlightsBulletin")}
                  </button>
                </form>
              ) : (
                <p className="text-sm text-slate-700">{t("highlightsNone")}</p>
              )}
            </Section>
          ) : null}
        </>
      ) : null}

      <FeedbackDashboardCard actor={actor} />

      {master ? (
        <Section headingId="timeline-heading" heading={t("phases")} headingClassName="mb-3" className="print:break-inside-avoid">
          <PhaseTimeline phases={master.phases} startYear={master.startYear} endYear={master.endYear} today={shanghaiDate(new Date())} />
        </Section>
      ) : null}
    </div>
  );
}
