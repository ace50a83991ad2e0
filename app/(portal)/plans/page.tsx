import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listPlans } from "@/lib/plans/server/plans";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("title") };
}

export default async function PlansPage() {
  const actor = await requirePageActor();
  const [t, plans] = await Promise.all([getTranslations("plans"), loadForPage(() => listPlans(actor))]);
  return (
    <div className="max-w-4xl">
      <PageHeader title={t("title")} description={t("description")} />
      <ul className="space-y-3">
        {plans.map((plan) => (
          <Card as="li" key={plan.id}>
            <Link href={`/plans/${plan.code}`} className="text-lg font-medium text-brand-700 underline">
              {plan.title}
            </Link>
            <p className="mt-1 text-sm text-slate-600">
              {t(`planKinds.${plan.kind}`)} · {plan.issuer}
              {plan.documentNumber ? ` · ${plan.documentNumber}` : ""} ·{" "}
              {plan.startYear === plan.endYear ? plan.startYear : `${plan.startYear}—${plan.endYear}`}
            </p>
          </Card>
        ))}
      </ul>
    </div>
  );
}
