import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { CarryOverForm } from "@/components/plans/periods/CarryOverForm";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { loadCarryOverForm } from "@/lib/plans/server/periods";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans.periods"))("carryOverTitle") };
}

export default async function CarryOverPage({ params }: PageProps<"/plans/[code]/carry-over">) {
  const actor = await requirePageActor();
  const { code } = await params;
  const [t, tk, form] = await Promise.all([
    getTranslations("plans.periods"),
    getTranslations("plans.kinds"),
    loadForPage(() => loadCarryOverForm(actor, code)),
  ]);
  const parents = form.parents.map((parent) => ({
    value: String(parent.id),
    label: `${tk(parent.kind)} · ${parent.number ?? ""}${parent.title}`,
  }));
  const origins = form.origins.map((origin) => ({
    id: origin.id,
    label: `${origin.number ?? ""}${origin.title}`,
    plan: origin.plan.shortTitle,
    context: origin.parent ? `${origin.parent.number ?? ""}${origin.parent.title}` : null,
  }));
  return (
    <div className="max-w-4xl space-y-5">
      <PageHeader title={t("carryOverTitle")} description={t("carryOverDescription", { plan: form.plan.title })} />
      <p className="text-sm">
        <Link href={`/plans/${form.plan.code}`} className="text-brand-700 underline">
          {t("backToPlan", { plan: form.plan.shortTitle })}
        </Link>
      </p>
      <Card>
        <CarryOverForm parents={parents} origins={origins} />
      </Card>
    </div>
  );
}
