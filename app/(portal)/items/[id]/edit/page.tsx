import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { WorkItemForm } from "@/components/plans/WorkItemForm";
import { Alert } from "@/components/ui/Alert";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { loadWorkItemForm } from "@/lib/plans/server/work-item-form";
import { readIdParam } from "@/lib/core/params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("edit") };
}

export default async function EditWorkItemPage({ params }: PageProps<"/items/[id]/edit">) {
  const actor = await requirePageActor();
  const itemId = await readIdParam(params);
  const [t, format, form] = await Promise.all([
    getTranslations("plans"),
    getTranslations("format"),
    loadForPage(() => loadWorkItemForm(actor, itemId, "edit")),
  ]);
  return (
    <div className="max-w-5xl">
      <Link href={`/items/${itemId}`} className="text-sm text-brand-700 underline">
        {t("backToItem")}
      </Link>
      <PageHeader title={format("labelValue", { label: t("edit"), value: form.item.title })} />
      {form.item.kind !== "WORK_ITEM" ? (
        <Alert tone="error">{t("onlyWorkItemsEditable")}</Alert>
      ) : (
        <WorkItemForm target={{ itemId, version: form.item.version }} initial={form.initial} units={form.units} phases={form.phases} />
      )}
    </div>
  );
}
