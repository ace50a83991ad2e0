import Link from "next/link";
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
import { readPageQuery } from "@/lib/core/params";
import { overviewQuerySchema } from "@/lib/plans/schemas/pages";

export default async function OverviewPage({ searchParams }: PageProps<"/">) {
  const actor = await requirePageActor();
  // Roles without plan work land on their own page.
  if (!can(actor.role, "plan:read")) redirect(can(actor.role, "audit:read") ? "/audit" : "/admin/users");
  const [t, overview, search] = await Promise.all([getTranslations("overview"), loadForPage(() => getPlanOverview(actor)), searchParams]);
  const { notice } = readPageQuery(overviewQuerySchema, search).query;
  if (!overview) return <Alert tone="warning">{t("noPlan")}</Alert>;
  const { master, populations, projects, plans } = overview;
  const goal2025 = master.goals.find((goal) => goal.year === 2025);
  const goal2035 = master.goals.find((goal) => goal.year === 2035);
  const indicator = master.indicators[0];
  return (
    <div className="max-w-6xl space-y-8">
      {notice === "passwordChanged" ? <Alert tone="success">{t("passwordChanged")}</Alert> : null}
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        {/* The plan's title, number and issuer: Chinese data, with its own punctuation. */}
        <p lang="zh-CN" className="mt-1 text-sm text-slate-600">
          {master.title}（{master.documentNumber}）· {master.issuer}
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
        {indicator && goal2025 ? (
          <Card className="md:col-span-1">
            <p className="text-sm text-slate-600">{indicator.name}</p>
            <p className="mt-2 text-3xl font-semibold text-brand-700" data-testid="target">
              {t("targetValue", { value: goal2025.targetValue ?? 0, year: goal2025.year })}
            </p>
            <p className="mt-2 text-sm text-slate-700" data-testid="baseline">
              {t("baseline", { year: indicator.baselineYear ?? 0, value: indicator.baselineValue ?? 0 })}
            </p>
            <p className="mt-1 text-xs text-slate-600">{t("baselineSource")}</p>
          </Card>
        ) : null}
        <Card className="text-sm md:col-span-2">
          <h3 className="font-semibold">{t("goal2025")}</h3>
          <p className="mt-1 text-slate-700">{goal2025?.text}</p>
          <h3 className="mt-3 font-semibold">{t("goal2035")}</h3>
          <p className="mt-1 text-slate-700">{goal2035?.text}</p>
        </Card>
      </section>

      <Section headingId="phases-heading" heading={t("phasesHeading")} headingClassName="mb-3 text-lg">
        <PhaseTimeline phases={master.phases} startYear={master.startYear} endYear={master.endYear} today={shanghaiDate(new Date())} />
      </Section>

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

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading" className="mb-3 text-lg font-semibold">
          {t("plansHeading")}
        </h2>
        <ul className="grid gap-3 md:grid-cols-2">
          {plans.map((plan) => (
            <Card as="li" key={plan.code}>
              <Link href={`/plans/${plan.code}`} className="font-medium text-brand-700 underline">
                {plan.title}
              </Link>
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
