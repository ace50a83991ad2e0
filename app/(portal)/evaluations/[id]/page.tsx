import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { ConclusionsForm } from "@/components/evaluation/ConclusionsForm";
import { EvaluationCommands } from "@/components/evaluation/EvaluationCommands";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableHead } from "@/components/ui/TableHead";
import { TableScroll } from "@/components/ui/TableScroll";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { mayAttempt } from "@/lib/core/operations";
import { readIdParam } from "@/lib/core/params";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { COMPARATOR_TEXT, formatNumber, type OutputTotal } from "@/lib/evaluation/figures";
import { EVALUATION_OPERATIONS } from "@/lib/evaluation/operations";
import { getEvaluation } from "@/lib/evaluation/server/evaluations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("evaluation"))("title") };
}

const cell = "px-3 py-2 align-top";
const num = "px-3 py-2 text-right tabular-nums align-top";
const outputsText = (outputs: OutputTotal[]) => outputs.map((output) => `${formatNumber(output.value)}${output.unit}`).join("、");

/** A plan's summary evaluation as leadership reads it; CAST edits the conclusions of a draft, refreshes and finalises it. */
export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const id = await readIdParam(params);
  const [t, data] = await Promise.all([getTranslations("evaluation"), loadForPage(() => getEvaluation(actor, id))]);
  const { evaluation, figures, conclusions, version, versions } = data;
  const draft = evaluation.status === "DRAFT";
  const mayEdit = draft && mayAttempt(actor.role, EVALUATION_OPERATIONS.saveConclusions);
  const roundName = new Map(figures.rounds.map((round) => [round.id, round.name]));
  const paragraphs = (text: string) =>
    text
      .split(/\n+/)
      .filter((line) => line.trim())
      .map((line, index) => (
        <p key={index} className="text-sm leading-7 text-slate-800">
          {line}
        </p>
      ));
  return (
    <div className="max-w-6xl space-y-6">
      <p>
        <Link href="/evaluations" className="text-sm text-brand-700 underline">
          {t("backToList")}
        </Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {evaluation.title}
            <Badge tone={draft ? "amber" : "green"}>{t(`status.${evaluation.status}`)}</Badge>
            {figures.demo ? <Badge tone="amber">{t("demo")}</Badge> : null}
          </span>
        }
        description={figures.plan.title}
        actions={
          <>
            <a href={`/evaluations/${evaluation.id}/word`} className={buttonClasses("secondary")} download>
              {t("downloadWord")}
            </a>
            <a href={`/evaluations/${evaluation.id}/excel`} className={buttonClasses("secondary")} download>
              {t("downloadExcel")}
            </a>
          </>
        }
      />
      {draft ? (
        <Alert tone="info" announce={false}>
          {t("draftBanner", { version: version.number, date: formatShanghaiDateTime(new Date(figures.assembledAt)) })}
        </Alert>
      ) : (
        <Alert tone="success" announce={false} data-testid="evaluation-final">
          {t("finalBanner", {
            name: evaluation.finalisedByName ?? "",
            date: evaluation.finalisedAt ? formatShanghaiDateTime(evaluation.finalisedAt) : "",
          })}
        </Alert>
      )}
      {figures.demo ? (
        <Alert tone="warning" announce={false}>
          {t("demoNotice")}
        </Alert>
      ) : null}
      {mayEdit && mayAttempt(actor.role, EVALUATION_OPERATIONS.finaliseEvaluation) ? (
        <EvaluationCommands evaluationId={evaluation.id} version={evaluation.version} title={evaluation.title} />
      ) : null}

      <Section headingId="evaluation-overall" heading={t("overallHeading")} headingClassName="mb-3 text-lg">
        <dl className="mb-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
          {(
            [
              ["sections", figures.totals.sectionCount],
              ["measures", figures.totals.measureCount],
              ["rounds", figures.rounds.length],
              ["approvedReports", figures.totals.approvedReports],
              ["eventsHeld", figures.totals.eventsHeld],
              ["peopleReached", figures.totals.peopleReached],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="rounded border border-slate-200 p-2">
              <dt className="text-slate-600">{t(`figures.${key}`)}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={`total-${key}`}>
                {formatNumber(value)}
              </dd>
            </div>
          ))}
        </dl>
        {figures.totals.outputs.length ? (
          <p className="mb-3 text-sm text-slate-700">
            {t("figures.outputs")}：{outputsText(figures.totals.outputs)}
          </p>
        ) : null}
        {mayEdit ? null : (
          <div className="space-y-2" data-testid="conclusion-overall">
            <h3 className="font-medium">{t("overallConclusion")}</h3>
            {paragraphs(conclusions.overall)}
          </div>
        )}
      </Section>

      {mayEdit ? (
        <Section headingId="evaluation-conclusions" heading={t("conclusion")} headingClassName="mb-3 text-lg">
          <ConclusionsForm
            evaluationId={evaluation.id}
            version={evaluation.version}
            overall={conclusions.overall}
            sections={figures.sections.map((section) => ({
              id: section.id,
              title: `${section.number}${section.title}`,
              text: conclusions.sections[String(section.id)] ?? "",
            }))}
          />
        </Section>
      ) : null}

      <h2 className="text-xl font-semibold">{t("sectionsHeading")}</h2>
      {figures.sections.map((section) => (
        <Section
          key={section.id}
          headingId={`section-${section.id}`}
          heading={`${section.number}${section.title}`}
          headingClassName="mb-3 text-lg"
        >
          {section.part ? <p className="mb-2 text-xs text-slate-500">{section.part}</p> : null}
          {mayEdit ? null : <div className="mb-3 space-y-2">{paragraphs(conclusions.sections[String(section.id)] ?? "")}</div>}
          <p className="mb-3 text-sm text-slate-700">
            {section.rating
              ? t("rating", {
                  count: section.rating.count,
                  average: formatNumber(section.rating.average),
                  comments: section.rating.comments,
                })
              : t("noRating")}
          </p>
          <TableScroll label={t("measuresLabel", { section: section.title })}>
            <table className="min-w-full text-sm">
              <TableHead
                labels={[
                  t("unitColumns.measure"),
                  t("figures.approvedReports"),
                  t("figures.eventsHeld"),
                  t("figures.peopleReached"),
                  t("figures.outputs"),
                  t("figures.problems"),
                  t("figures.evidence"),
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {section.measures.map((measure) => (
                  <tr key={measure.id ?? "section"}>
                    <td className={cell}>{`${measure.number}${measure.title}`}</td>
                    <td className={num}>{measure.approvedReports}</td>
                    <td className={num}>{formatNumber(measure.eventsHeld)}</td>
                    <td className={num}>{formatNumber(measure.peopleReached)}</td>
                    <td className={cell}>{outputsText(measure.outputs)}</td>
                    <td className={num}>{measure.problemsTotal}</td>
                    <td className={num}>{measure.evidenceTotal}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {section.rounds.length ? (
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium">{t("roundsHeading")}</summary>
              <TableScroll label={`${section.title}：${t("roundsHeading")}`}>
                <table className="min-w-full text-sm">
                  <TableHead
                    labels={(
                      ["round", "reports", "approved", "completion", "completed", "behind", "blocked", "red", "yellow", "green"] as const
                    ).map((key) => t(`roundColumns.${key}`))}
                  />
                  <tbody className="divide-y divide-slate-100">
                    {section.rounds.map((round) => (
                      <tr key={round.roundId}>
                        <td className={cell}>{roundName.get(round.roundId) ?? ""}</td>
                        <td className={num}>{round.reports}</td>
                        <td className={num}>{round.approved}</td>
                        <td className={num}>{round.averageCompletion ?? t("none")}</td>
                        <td className={num}>{round.statuses.COMPLETED}</td>
                        <td className={num}>{round.statuses.BEHIND}</td>
                        <td className={num}>{round.statuses.BLOCKED}</td>
                        <td className={num}>{round.lights.RED}</td>
                        <td className={num}>{round.lights.YELLOW}</td>
                        <td className={num}>{round.lights.GREEN}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </details>
          ) : null}
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium">{t("unitsHeading")}</summary>
            <TableScroll label={`${section.title}：${t("unitsHeading")}`}>
              <table className="min-w-full text-sm">
                <TableHead
                  labels={(["measure", "unit", "role", "owed", "onTime", "late", "notSubmitted", "returned"] as const).map((key) =>
                    t(`unitColumns.${key}`),
                  )}
                />
                <tbody className="divide-y divide-slate-100">
                  {section.measures.flatMap((measure) =>
                    measure.units.map((unit) => (
                      <tr key={`${measure.id ?? "s"}-${unit.unitId}`}>
                        <td className={cell}>{`${measure.number}${measure.title}`}</td>
                        <td className={cell}>{unit.name}</td>
                        <td className={cell}>{unit.role ? t(`role.${unit.role}`) : ""}</td>
                        <td className={num}>{unit.owed}</td>
                        <td className={num}>{unit.onTime}</td>
                        <td className={num}>{unit.late}</td>
                        <td className={num}>{unit.notSubmitted}</td>
                        <td className={num}>{unit.returned}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </TableScroll>
          </details>
          {section.measures.some((measure) => measure.problems.length > 0) ? (
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium">
                {t("problemsHeading", {
                  total: section.measures.reduce((sum, measure) => sum + measure.problemsTotal, 0),
                  shown: section.measures.reduce((sum, measure) => sum + measure.problems.length, 0),
                })}
              </summary>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {section.measures.flatMap((measure) =>
                  measure.problems.map((problem, index) => (
                    <li key={`${measure.id ?? "s"}-${index}`}>
                      {t("problemLine", { unit: problem.unit, round: problem.round, item: problem.item, text: problem.text })}
                      {problem.demo ? (
                        <span className="ml-1">
                          <Badge tone="amber">{t("demo")}</Badge>
                        </span>
                      ) : null}
                    </li>
                  )),
                )}
              </ul>
            </details>
          ) : null}
          {section.measures.some((measure) => measure.evidence.length > 0) ? (
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium">
                {t("evidenceHeading", { total: section.measures.reduce((sum, measure) => sum + measure.evidenceTotal, 0) })}
              </summary>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {section.measures.flatMap((measure) =>
                  measure.evidence.map((evidence, index) => (
                    <li key={`${measure.id ?? "s"}-${index}`}>
                      {t("evidenceLine", { fileName: evidence.fileName, unit: evidence.unit, round: evidence.round })}
                    </li>
                  )),
                )}
              </ul>
            </details>
          ) : null}
        </Section>
      ))}

      {figures.indicators.length ? (
        <Section headingId="evaluation-indicators" heading={t("indicatorsHeading")} headingClassName="mb-3 text-lg">
          <TableScroll label={t("indicatorsHeading")}>
            <table className="min-w-full text-sm">
              <TableHead
                labels={(["name", "baseline", "target", "latest", "met", "source"] as const).map((key) => t(`indicatorColumns.${key}`))}
              />
              <tbody className="divide-y divide-slate-100">
                {figures.indicators.map((indicator) => (
                  <tr key={indicator.id}>
                    <td className={cell}>{indicator.name}</td>
                    <td className={cell}>
                      {indicator.baseline
                        ? t("yearValue", {
                            year: indicator.baseline.year,
                            value: `${formatNumber(indicator.baseline.value)}${indicator.unit}`,
                          })
                        : t("none")}
                    </td>
                    <td className={cell}>
                      {indicator.target
                        ? t("yearValue", {
                            year: indicator.target.year,
                            value: `${COMPARATOR_TEXT[indicator.target.comparator] ?? ""}${formatNumber(indicator.target.value)}${indicator.unit}`,
                          })
                        : t("none")}
                    </td>
                    <td className={cell}>
                      {indicator.latest
                        ? t("yearValue", { year: indicator.latest.year, value: `${formatNumber(indicator.latest.value)}${indicator.unit}` })
                        : t("none")}
                      {indicator.latest?.demo ? (
                        <span className="ml-1">
                          <Badge tone="amber">{t("demo")}</Badge>
                        </span>
                      ) : null}
                    </td>
                    <td className={cell}>{indicator.met === null ? t("none") : indicator.met ? t("met") : t("notMet")}</td>
                    <td className={cell}>{indicator.latest ? `${indicator.latest.source}；${indicator.latest.method}` : t("none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      ) : null}

      {figures.units.length ? (
        <Section headingId="evaluation-units" heading={t("unitsOverallHeading")} headingClassName="mb-3 text-lg">
          <TableScroll label={t("unitsOverallHeading")}>
            <table className="min-w-full text-sm">
              <TableHead
                labels={(["unit", "owed", "onTime", "late", "notSubmitted", "returned", "remind", "urge", "supervise"] as const).map(
                  (key) => t(`unitColumns.${key}`),
                )}
              />
              <tbody className="divide-y divide-slate-100">
                {figures.units.map((unit) => (
                  <tr key={unit.unitId}>
                    <td className={cell}>{unit.name}</td>
                    <td className={num}>{unit.owed}</td>
                    <td className={num}>{unit.onTime}</td>
                    <td className={num}>{unit.late}</td>
                    <td className={num}>{unit.notSubmitted}</td>
                    <td className={num}>{unit.returned}</td>
                    <td className={num}>{unit.chases.REMIND}</td>
                    <td className={num}>{unit.chases.URGE}</td>
                    <td className={num}>{unit.chases.SUPERVISE}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      ) : null}

      <Section headingId="evaluation-versions" heading={t("versionsHeading")} headingClassName="mb-3 text-lg">
        <ul className="space-y-1 text-sm">
          {versions.map((entry) => (
            <li key={entry.number}>
              {t("versionLine", {
                number: entry.number,
                reason: t(`reason.${entry.reason as "ASSEMBLED" | "REFRESHED" | "CONCLUSIONS"}`),
                name: entry.createdByName ?? "",
                date: formatShanghaiDateTime(entry.createdAt),
              })}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
