import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { WorkItemForm } from "@/components/plans/WorkItemForm";
import { Alert } from "@/components/ui/Alert";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { loadWorkItemForm } from "@/lib/plans/server/work-item-form";
import { readPageQuery } from "@/lib/core/params";
import { newWorkItemQuerySchema } from "@/lib/plans/schemas/pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("newWorkItem") };
}

export default async function NewWorkItemPage({ searchParams }: PageProps<"/items/new">) {
  const actor = await requirePageActor();
  const { parent: parentId } = readPageQuery(newWorkItemQuerySchema, await searchParams).query;
  const [t, form] = await Promise.all([getTranslations("plans"), loadForPage(() => loadWorkItemForm(actor, parentId, "create"))]);
  return (
    <div className="max-w-5xl">
      <Link href={`/items/${parentId}`} className="text-sm text-brand-700 underline">
        {t("backToItem")}
      </Link>
      <PageHeader title={t("newWorkItem")} description={t("newWorkItemUnder", { title: form.item.title })} />
      {form.item.kind !== "MEASURE" ? (
        <Alert tone="error">{t("onlyUnderMeasures")}</Alert>
      ) : (
        <WorkItemForm target={{ parentId }} initial={form.initial} units={form.units} phases={form.phases} />
      )}
    </div>
  );
}
