import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { CompositeValues } from "@/components/indicators/CompositeValues";
import { IndicatorRevisions } from "@/components/indicators/IndicatorRevisions";
import { ValueForm } from "@/components/indicators/ValueForm";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableScroll } from "@/components/ui/TableScroll";
import { getIndicator } from "@/lib/indicators/server";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readIdParam, readPageQuery } from "@/lib/core/params";
import { indicatorPageQuerySchema } from "@/lib/indicators/schemas";
import { mayAttempt } from "@/lib/core/operations";
import { INDICATOR_OPERATIONS } from "@/lib/indicators/operations";
import { unitName, unitSuffix } from "@/lib/indicators/units";
import { TableHead } from "@/components/ui/TableHead";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators"))("title") };
}

export default async function IndicatorPage({ params, searchParams }: PageProps<"/indicators/[id]">) {
  const actor = await requirePageActor();
  const indicatorId = await readIdParam(params);
  const { saved } = readPageQuery(indicatorPageQuerySchema, await searchParams).query;
  const [t, { indicator, districts, years, composite }] = await Promise.all([
    getTranslations("indicators"),
    loadForPage(() => getIndicator(actor, indicatorId)),
  ]);
  // The unit as an English sentence needs it (12 items, not 12个); see lib/indicators/units.ts.
  const root = await getTranslations();
  const suffix = unitSuffix(root, indicator.unit);
  const allYears = Array.from({ length: years.last - years.first + 1 }, (_, index) => years.first + index);
  const targetPhrase = (target: { year: number; comparator: string; value: number }) =>
    t("targetPhrase", {
      year: target.year,
      comparator: t.has(`comparators.${target.comparator}`) ? t(`comparators.${target.comparator}`) : t("comparators.GTE"),
      value: target.value,
      unit: suffix,
    });
  // The plan's own figures (the literacy rate's 2020 baseline and 2025 target) are marked as such.
  const planGoal = (year: number) => indicator.goals.find((goal) => goal.year === year);
  const planMark = (matches: boolean, figure: string) =>
    matches ? <Badge tone="blue">{t("fromPlan")}</Badge> : <Badge tone="amber">{t("differsFromPlan", { figure })}</Badge>;
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader
        title={indicator.name}
        description={t("directionLabel", { direction: t(`directions.${indicator.direction}`) })}
        actions={
          mayAttempt(actor.role, INDICATOR_OPERATIONS.updateIndicator) ? (
            <Link href={`/indicators/${indicator.id}/edit`} className={buttonClasses("secondary")}>
              {t("editIndicator")}
            </Link>
          ) : null
        }
      />
      {saved ? <Alert tone="success">{t("definitionSaved")}</Alert> : null}
      {composite ? (
        <p className="flex gap-2">
          <Badge tone="blue">{t("composite.kind")}</Badge>
          {indicator.isDemo ? <Badge tone="amber">{t("demo")}</Badge> : null}
        </p>
      ) : null}
      <ul className="space-y-1 text-sm text-slate-700" data-testid="indicator-definition">
        {indicator.baselineValue !== null ? (
          <li>
            {t("baseline", { year: indicator.baselineYear ?? 0, value: indicator.baselineValue, unit: suffix })}{" "}
            {indicator.planId !== null ? <Badge tone="blue">{t("fromPlan")}</Badge> : null}
          </li>
        ) : null}
        {indicator.targets.map((target) => {
          const goal = planGoal(target.year);
          return (
            <li key={target.id} data-testid="indicator-target">
              {targetPhrase(target)}
              {target.plan ? (
                <>
                  {" "}
                  <Link href={`/plans/${target.plan.code}`} className="text-brand-700 underline">
                    {t("targetSetBy", { plan: target.plan.shortTitle })}
                  </Link>
                </>
              ) : null}{" "}
              {goal
                ? planMark(
                    goal.targetValue === target.value && (goal.comparator ?? "GT") === target.comparator,
                    targetPhrase({ year: goal.year, comparator: goal.comparator ?? "GT", value: goal.targetValue ?? 0 }),
                  )
                : null}
            </li>
          );
        })}
        {indicator.goals
          .filter((goal) => !indicator.targets.some((target) => target.year === goal.year))
          .map((goal) => (
            <li key={`goal-${goal.year}`}>
              <Badge tone="amber">
                {t("differsFromPlan", {
                  figure: targetPhrase({ year: goal.year, comparator: goal.comparator ?? "GT", value: goal.targetValue ?? 0 }),
                })}
              </Badge>
            </li>
          ))}
        {indicator.baselineSource ? <li>{t("baselineSource", { source: indicator.baselineSource })}</li> : null}
      </ul>
      {indicator.description ? (
        <section aria-labelledby="method-heading">
          <h2 id="method-heading" className="mb-1 font-semibold">
            {t("methodHeading")}
          </h2>
          <p className="text-sm whitespace-pre-wrap text-slate-800">{indicator.description}</p>
        </section>
      ) : null}
      {/* A composite's values are computed on read from its components, with the method and a breakdown per value. */}
      {composite ? (
        <CompositeValues unit={indicator.unit} components={composite.components} cells={composite.cells} districts={composite.districts} />
      ) : null}
      {composite ? null : (
        <TableScroll label={t("valuesHeading")}>
          <table className="min-w-full text-sm">
            <caption className="px-3 py-2 text-left font-semibold">{t("valuesHeading")}</caption>
            <TableHead
              labels={[
                t("year"),
                t("district"),
                t("valueWithUnit", { unit: unitName(root, indicator.unit) }),
                `${t("source")} / ${t("method")}`,
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {indicator.values.map((value) => (
                <tr key={value.id} className="align-top">
                  <td className="px-3 py-2">{value.year}</td>
                  <td className="px-3 py-2">{value.district?.name ?? t("citywide")}</td>
                  <td className="px-3 py-2">
                    {value.value} {value.isDemo ? <Badge tone="amber">{t("demo")}</Badge> : null}
                  </td>
                  <td className="px-3 py-2 text-slate-700">
                    {value.source}
                    <span className="block text-xs text-slate-600">{value.method}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {!composite && mayAttempt(actor.role, INDICATOR_OPERATIONS.setValue) ? (
        <Section headingId="value-form" heading={t("enterValue")} headingClassName="mb-3">
          <ValueForm
            indicatorId={indicator.id}
            unit={indicator.unit}
            years={allYears}
            districts={districts}
            existing={Object.fromEntries(
              indicator.values.map((value) => [`${value.year}/${value.districtId ?? ""}`, { version: value.version }]),
            )}
          />
        </Section>
      ) : null}
      <section aria-labelledby="history">
        <h2 id="history" className="mb-2 font-semibold">
          {t("history")}
        </h2>
        <IndicatorRevisions revisions={indicator.revisions} unit={indicator.unit} districts={districts} />
      </section>
    </div>
  );
}
