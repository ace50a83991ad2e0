import { Link } from "@/components/ui/Link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FocusCard } from "@/components/plans/FocusCard";
import { PhaseTimeline } from "@/components/plans/PhaseTimeline";
import { Alert } from "@/components/ui/Alert";
import { Card, Section } from "@/components/ui/Card";
import { can } from "@/lib/core/permissions";
import { shanghaiDate } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { getPlanOverview } from "@/lib/plans/server/plans";
import { PlanPeriodBadges } from "@/components/plans/periods/PlanPeriodBadges";
import { headlineTarget } from "@/lib/indicators/series";
import { mayAttempt } from "@/lib/core/operations";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { readPageQuery } from "@/lib/core/params";
import { overviewQuerySchema } from "@/lib/plans/schemas/pages";

export default async function OverviewPage({ searchParams }: PageProps<"/">) {
  const actor = await requirePageActor();
  // Roles without plan work land on their own page.
  if (!can(actor.role, "plan:read")) redirect(can(actor.role, "audit:read") ? "/audit" : "/admin/users");
  const [t, tIndicators, overview, search] = await Promise.all([
    getTranslations("overview"),
    getTranslations("indicators"),
    loadForPage(() => getPlanOverview(actor)),
    searchParams,
  ]);
  const { notice } = readPageQuery(overviewQuerySchema, search).query;
  if (!overview) return <Alert tone="warning">{t("noPlan")}</Alert>;
  const { master, populations, projects, plans, literacy } = overview;
  // The current plan's own figures, not fixed years: its target for the literacy rate (the series
  // spans periods), the latest value, and its goals by year.
  const target = literacy ? headlineTarget(literacy.targets, master) : null;
  const latest = literacy?.values[0] ?? null;
  const comparator = (code: string) => (tIndicators.has(`comparators.${code}`) ? tIndicators(`comparators.${code}`) : code);
  const today = shanghaiDate(new Date());
  const periodOver = master.endYear < Number(today.slice(0, 4));
  return (
    <div className="max-w-6xl space-y-8">
      {notice === "passwordChanged" ? <Alert tone="success">{t("passwordChanged")}</Alert> : null}
      {notice === "planMadeCurrent" ? <Alert tone="success">{t("planMadeCurrent", { title: master.title })}</Alert> : null}
      {periodOver ? (
        <Alert tone="warning">
          <span data-testid="period-over">{t("periodOver", { endYear: master.endYear })}</span>
          {mayAttempt(actor.role, PLAN_OPERATIONS.makeCurrent) ? (
            <>
              {" "}
              <Link href="/plans" className="font-medium underline">
                {t("makeNextCurrent")}
              </Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        {/* The plan's title, number and issuer: Chinese data, with its own punctuation. */}
        <p lang="zh-CN" className="mt-1 text-sm text-slate-600">
          {master.title}
          {master.documentNumber ? `（${master.documentNumber}）` : ""} · {master.issuer}
        </p>
        {actor.role === "LIAISON" && actor.unitId ? (
          <p className="mt-3">
            <Link href={`/units/${actor.unitId}`} className="font-medium text-brand-700 underline">
              {t("myUnitWork", { unit: actor.unitName ?? "" })}
            </Link>
          </p>
        ) : null}
      </header>

      <section aria-labelledby="goals-heading" className="grid gap-4 md:grid-cols-3">
        <h2 id="goals-heading" className="sr-only">
          {t("goalsHeading")}
        </h2>
        {literacy && target ? (
          <Card className="md:col-span-1">
            <p className="text-sm text-slate-600">{literacy.name}</p>
            <p className="mt-2 text-3xl font-semibold text-brand-700" data-testid="target">
              {t("targetValue", { value: target.value, year: target.year, comparator: comparator(target.comparator) })}
            </p>
            {latest ? (
              <p className="mt-2 text-sm text-slate-700" data-testid="latest">
                {t("latestValue", { year: latest.year, value: latest.value })}
                {latest.isDemo ? <span className="ml-1">{t("demoValue")}</span> : null}
              </p>
            ) : null}
            <p className="mt-1 text-sm text-slate-700" data-testid="baseline">
              {t("baseline", { year: literacy.baselineYear ?? 0, value: literacy.baselineValue ?? 0 })}
            </p>
            <p className="mt-1 text-xs text-slate-600">{t("baselineSource")}</p>
            {literacy.targets.length > 1 ? (
              <>
                <p className="mt-3 text-xs font-medium text-slate-700">{t("seriesTargets")}</p>
                <ul className="text-xs text-slate-700" data-testid="series-targets">
                  {literacy.targets.map((row) => (
                    <li key={row.id}>
                      {t("seriesTarget", { year: row.year, comparator: comparator(row.comparator), value: row.value })}
                      {row.plan ? <span lang="zh-CN">{t("setBy", { plan: row.plan.shortTitle })}</span> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Card>
        ) : null}
        <Card className="text-sm md:col-span-2" data-testid="goals">
          {master.goals.map((goal, index) => (
            <div key={goal.id}>
              <h3 className={index === 0 ? "font-semibold" : "mt-3 font-semibold"}>
                {goal.year > master.endYear ? t("visionGoal", { year: goal.year }) : t("goalYear", { year: goal.year })}
              </h3>
              <p className="mt-1 text-slate-700">{goal.text}</p>
            </div>
          ))}
        </Card>
      </section>

      <Section headingId="phases-heading" heading={t("phasesHeading")} headingClassName="mb-3 text-lg">
        <PhaseTimeline phases={master.phases} startYear={master.startYear} endYear={master.endYear} today={today} />
      </Section>

      {populations.length > 0 ? (
        <section aria-labelledby="populations-heading">
          <h2 id="populations-heading" className="mb-3 text-lg font-semibold">
            {t("populationsHeading")}
          </h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {populations.map((population) => (
              <FocusCard key={population.id} name={population.name} section={population.section} />
            ))}
          </div>
        </section>
      ) : null}

      {projects.length > 0 ? (
        <section aria-labelledby="projects-heading">
          <h2 id="projects-heading" className="mb-3 text-lg font-semibold">
            {t("projectsHeading")}
          </h2>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {projects.map((project) => (
              <FocusCard key={project.id} name={project.name} section={project.section} />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading" className="mb-3 text-lg font-semibold">
          {t("plansHeading")}
        </h2>
        <ul className="grid gap-3 md:grid-cols-2">
          {plans.map((plan) => (
            <Card as="li" key={plan.code}>
              <Link href={`/plans/${plan.code}`} className="font-medium text-brand-700 underline">
                {plan.title}
              </Link>{" "}
              <PlanPeriodBadges plan={plan} />
              <p className="mt-1 text-sm text-slate-600">
                {plan.issuer} · {plan.startYear === plan.endYear ? plan.startYear : `${plan.startYear}—${plan.endYear}`}
              </p>
            </Card>
          ))}
        </ul>
      </section>
    </div>
  );
}
