import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listPlans } from "@/lib/plans/server/plans";
import { mayCreatePlan } from "@/lib/plans/server/authoring";
import { Badge } from "@/components/ui/Badge";
import { mayImportPlans } from "@/lib/plans/server/plan-import";
import { buttonClasses } from "@/components/ui/Button";
import { MakeCurrentButton } from "@/components/plans/periods/MakeCurrentButton";
import { PlanPeriodBadges } from "@/components/plans/periods/PlanPeriodBadges";
import { mayAttempt } from "@/lib/core/operations";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("title") };
}

export default async function PlansPage() {
  const actor = await requirePageActor();
  const [t, plans] = await Promise.all([getTranslations("plans"), loadForPage(() => listPlans(actor))]);
  const authoring = await getTranslations("planAuthoring");
  const mayMakeCurrent = mayAttempt(actor.role, PLAN_OPERATIONS.makeCurrent);
  const currentTitle = plans.find((plan) => plan.kind === "MASTER" && plan.isCurrent)?.title ?? null;
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            {(await mayCreatePlan(actor)) ? (
              <Link href="/plans/new" className={buttonClasses()}>
                {authoring("newPlan")}
              </Link>
            ) : null}
            {(await mayImportPlans(actor)) ? (
              <Link href="/plans/import" className={buttonClasses("secondary")}>
                {(await getTranslations("planImport"))("linkFromPlans")}
              </Link>
            ) : null}
          </>
        }
      />
      <ul className="space-y-3">
        {plans.map((plan) => (
          <Card as="li" key={plan.id}>
            <Link href={`/plans/${plan.code}`} className="text-lg font-medium text-brand-700 underline">
              {plan.title}
            </Link>{" "}
            <PlanPeriodBadges plan={plan} />
            {plan.status === "DRAFT" ? <Badge tone="amber">{authoring("status.DRAFT")}</Badge> : null}
            <p className="mt-1 text-sm text-slate-600">
              {t(`planKinds.${plan.kind}`)} · {plan.issuer}
              {plan.documentNumber ? ` · ${plan.documentNumber}` : ""} ·{" "}
              {plan.startYear === plan.endYear ? plan.startYear : `${plan.startYear}—${plan.endYear}`}
            </p>
            {mayMakeCurrent && plan.kind === "MASTER" && plan.status === "PUBLISHED" && !plan.isCurrent ? (
              <MakeCurrentButton planId={plan.id} title={plan.title} currentTitle={currentTitle} />
            ) : null}
          </Card>
        ))}
      </ul>
    </div>
  );
}
