import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Card, Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { shanghaiDate } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { getUnitWork } from "@/lib/plans/server/plans";
import { unitTimeline } from "@/lib/reporting/server/reports";
import { Timeline } from "@/components/reporting/Timeline";
import { canReadUnitTimeline } from "@/lib/reporting/access";
import { readIdParam } from "@/lib/core/params";
import { formerPrintedName } from "@/lib/units/names";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("units"))("unitTitle") };
}

export default async function UnitPage({ params }: PageProps<"/units/[id]">) {
  const actor = await requirePageActor();
  const unitId = await readIdParam(params);
  const [t, { unit, assignments }] = await Promise.all([getTranslations(), loadForPage(() => getUnitWork(actor, unitId))]);
  const plans = [...new Map(assignments.map((a) => [a.item.plan.code, a.item.plan])).values()];
  const timeline = canReadUnitTimeline(actor, unit.id) ? await loadForPage(() => unitTimeline(actor, unit.id)) : null;
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader
        title={unit.name}
        description={`${unit.fullName} · ${t(`unitType.${unit.type}`)}`}
        actions={
          <Link href={`/division?unit=${unit.id}`} className={buttonClasses("secondary")}>
            {t("units.divisionOfUnit")}
          </Link>
        }
      />
      {unit.formerNames.length > 0 ? (
        <p className="text-sm text-slate-700">{t("units.formerNames", { names: unit.formerNames.join("、") })}</p>
      ) : null}
      {unit.mergedInto && unit.deactivatedAt ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t.rich("units.mergedNotice", {
            date: shanghaiDate(unit.deactivatedAt),
            unit: unit.mergedInto.name,
            link: (chunks) => (
              <Link href={`/units/${unit.mergedInto!.id}`} className="underline">
                {chunks}
              </Link>
            ),
          })}
        </div>
      ) : unit.deactivatedAt ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {t("units.deactivatedNotice", { date: shanghaiDate(unit.deactivatedAt) })}
        </div>
      ) : null}
      <p className="text-sm text-slate-700">
        {t("units.summary", {
          leads: assignments.filter((a) => a.role === "LEAD").length,
          supports: assignments.filter((a) => a.role === "SUPPORT").length,
        })}
      </p>
      {plans.length === 0 ? <p className="text-sm text-slate-600">{t("units.noWork")}</p> : null}
      {timeline ? (
        <Section headingId="unit-timeline" heading={t("units.timeline")} headingClassName="mb-3 text-lg">
          <Timeline events={timeline} label={t("units.timeline")} />
        </Section>
      ) : null}
      {plans.map((plan) => (
        <section key={plan.code} aria-labelledby={`plan-${plan.code}`} className="space-y-3">
          <h2 id={`plan-${plan.code}`} className="text-lg font-semibold">
            <Link href={`/plans/${plan.code}`} className="hover:underline">
              {plan.title}
            </Link>
          </h2>
          <ul className="space-y-3">
            {assignments
              .filter((assignment) => assignment.item.plan.code === plan.code)
              .map((assignment) => (
                <Card as="li" key={assignment.id}>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={assignment.role === "LEAD" ? "blue" : "neutral"}>{t(`plans.roles.${assignment.role}`)}</Badge>
                    <Link href={`/items/${assignment.item.id}`} className="font-medium text-brand-700 underline">
                      {assignment.item.number}
                      {assignment.item.title}
                    </Link>
                    {assignment.item.dueDate ? (
                      <span className="text-sm text-slate-600">{t("plans.dueOn", { date: shanghaiDate(assignment.item.dueDate) })}</span>
                    ) : null}
                  </div>
                  {assignment.item.parent ? (
                    <p className="mt-1 text-xs text-slate-600">
                      {t("units.under")}
                      {assignment.item.parent.number}
                      {assignment.item.parent.title}
                    </p>
                  ) : null}
                  {formerPrintedName(unit.name, assignment.printedName) ? (
                    <p className="mt-1 text-xs text-slate-700">{t("units.printedAs", { name: assignment.printedName! })}</p>
                  ) : null}
                  {assignment.note ? <p className="mt-1 text-xs text-amber-800">{assignment.note}</p> : null}
                  {assignment.item.kind === "SECTION" && assignment.item.children.length > 0 ? (
                    <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-700">
                      {assignment.item.children.map((child) => (
                        <li key={child.id}>
                          <Link href={`/items/${child.id}`} className="hover:underline">
                            {child.title}
                          </Link>
                        </li>
                      ))}
                    </ol>
                  ) : null}
                </Card>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
