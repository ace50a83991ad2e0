import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { ItemForm } from "@/components/plans/authoring/ItemForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readPageQuery } from "@/lib/core/params";
import { ITEM_KINDS, mayHoldKind, newItemQuerySchema } from "@/lib/plans/schemas/authoring";
import { loadItemForm } from "@/lib/plans/server/authoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("planAuthoring"))("newItemTitle") };
}

export default async function NewPlanItemPage({ params, searchParams }: PageProps<"/plans/[code]/items/new">) {
  const actor = await requirePageActor();
  const [{ code }, search] = await Promise.all([params, searchParams]);
  const { parent: parentId, kind } = readPageQuery(newItemQuerySchema, search).query;
  const [t, form] = await Promise.all([
    getTranslations("planAuthoring"),
    loadForPage(() => loadItemForm(actor, { planCode: code, parentId })),
  ]);
  const kinds = ITEM_KINDS.filter((option) => mayHoldKind(form.parent?.kind ?? "top", option));
  return (
    <div className="max-w-5xl">
      <Link href={form.parent ? `/items/${form.parent.id}` : `/plans/${form.plan.code}`} className="text-sm text-brand-700 underline">
        {t("backToPlan")}
      </Link>
      <PageHeader
        title={t("newItemTitle")}
        description={`${form.plan.title} · ${form.parent ? t("newItemUnder", { title: `${form.parent.number ?? ""}${form.parent.title}` }) : t("newItemTop")}`}
      />
      <ItemForm
        target={{ planId: form.plan.id, parentId: form.parent?.id ?? null, kinds, kind: kind && kinds.includes(kind) ? kind : undefined }}
        initial={form.initial}
        units={form.units}
        phases={form.phases}
        linkTargets={form.linkTargets}
        links={form.links}
      />
    </div>
  );
}
