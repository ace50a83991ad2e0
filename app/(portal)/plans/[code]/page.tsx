import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { PlanTree } from "@/components/plans/PlanTree";
import { PublishPlan } from "@/components/plans/authoring/PublishPlan";
import { Badge } from "@/components/ui/Badge";
import { mayEditPlan } from "@/lib/plans/server/plan-access";
import { PlanPeriodBadges } from "@/components/plans/periods/PlanPeriodBadges";
import { Alert } from "@/components/ui/Alert";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { getPlanTree } from "@/lib/plans/server/plans";
import { readPageQuery } from "@/lib/core/params";
import { planTreeQuerySchema } from "@/lib/plans/schemas/pages";
import { mayAttempt } from "@/lib/core/operations";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";

export async function generateMetadata({ params }: PageProps<"/plans/[code]">): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("treeTitle", { code: (await params).code }) };
}

export default async function PlanTreePage({ params, searchParams }: PageProps<"/plans/[code]">) {
  const actor = await requirePageActor();
  const [{ code }, search] = await Promise.all([params, searchParams]);
  const { q: query, archived } = readPageQuery(planTreeQuerySchema, search).query;
  const showArchived = archived === "1" && mayAttempt(actor.role, PLAN_OPERATIONS.updateItem);
  const [t, tree] = await Promise.all([
    getTranslations("plans"),
    loadForPage(() => getPlanTree(actor, code, { query, includeArchived: showArchived })),
  ]);
  // An ENDED plan is read-only; work is carried over into the current master plan or one of its annual plans.
  const ended = tree.plan.status === "ENDED";
  // Authoring: CAST on any plan, a district liaison on their own district's plan; nobody on an ended one.
  const editable = mayAttempt(actor.role, PLAN_OPERATIONS.updatePlan) && mayEditPlan(actor, PLAN_OPERATIONS.updatePlan, tree.plan);
  const draft = tree.plan.status === "DRAFT";
  const authoring = await getTranslations("planAuthoring");
  const mayCarryOver =
    mayAttempt(actor.role, PLAN_OPERATIONS.carryOver) &&
    tree.plan.status === "PUBLISHED" &&
    (tree.plan.isCurrent || (tree.plan.kind === "ANNUAL" && tree.plan.parentPlan?.isCurrent === true));
  return (
    <div className="max-w-5xl space-y-5">
      <PageHeader
        title={tree.plan.title}
        description={[tree.plan.issuer, tree.plan.documentNumber].filter(Boolean).join(" · ")}
        actions={
          <>
            {mayCarryOver ? (
              <Link href={`/plans/${tree.plan.code}/carry-over`} className={buttonClasses("secondary")}>
                {t("periods.carryOver")}
              </Link>
            ) : null}
            {editable ? (
              <>
                <Link href={`/plans/${tree.plan.code}/edit`} className={buttonClasses("secondary")}>
                  {authoring("editPlan")}
                </Link>
                <Link href={`/plans/${tree.plan.code}/items/new`} className={buttonClasses("secondary")}>
                  {authoring("newTopItem")}
                </Link>
              </>
            ) : null}
            <Link href={`/plans/${tree.plan.code}/versions`} className={buttonClasses("secondary")}>
              {authoring("versions")}
            </Link>
            <Link href={`/division?plan=${tree.plan.code}`} className={buttonClasses("secondary")}>
              {t("divisionOfPlan")}
            </Link>
          </>
        }
      />
      <p className="flex flex-wrap gap-2" data-testid="plan-period">
        <PlanPeriodBadges plan={tree.plan} />
        {draft ? <Badge tone="amber">{authoring("status.DRAFT")}</Badge> : null}
      </p>
      {draft ? <Alert tone="info">{authoring("draftNotice")}</Alert> : null}
      {editable ? <PublishPlan planId={tree.plan.id} draft={draft} /> : null}
      {ended ? <Alert tone="info">{t("periods.endedNotice")}</Alert> : null}
      {tree.plan.parentPlan ? (
        <p className="text-sm text-slate-700">
          {t("underPlan")}
          <Link href={`/plans/${tree.plan.parentPlan.code}`} className="text-brand-700 underline">
            {tree.plan.parentPlan.title}
          </Link>
        </p>
      ) : null}
      {tree.plan.preamble ? <p className="text-sm leading-relaxed text-slate-700">{tree.plan.preamble}</p> : null}
      <form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="plan-search" className="block text-sm font-medium text-slate-800">
            {t("searchLabel")}
          </label>
          <input
            id="plan-search"
            name="q"
            type="search"
            defaultValue={query}
            placeholder={t("searchPlaceholder")}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        <button type="submit" className={buttonClasses()}>
          {t("search")}
        </button>
        {query ? (
          <Link href={`/plans/${code}`} className={buttonClasses("secondary")}>
            {t("clearSearch")}
          </Link>
        ) : null}
      </form>
      {query ? (
        <p className="text-sm text-slate-700" aria-live="polite">
          {tree.matchCount > 0 ? t("matches", { count: tree.matchCount, query }) : t("noMatches", { query })}
        </p>
      ) : null}
      <Card>
        <PlanTree roots={tree.roots} query={query || undefined} />
      </Card>
      {editable ? (
        <p className="text-sm">
          <Link href={showArchived ? `/plans/${code}` : `/plans/${code}?archived=1`} className="text-brand-700 underline">
            {showArchived ? t("hideArchived") : t("showArchived")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
