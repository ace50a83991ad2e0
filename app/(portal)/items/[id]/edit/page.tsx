import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { ItemForm } from "@/components/plans/authoring/ItemForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readIdParam } from "@/lib/core/params";
import { loadItemForm } from "@/lib/plans/server/authoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("edit") };
}

/** Edit an item of any kind (a work item, a measure, a section…): every change is a recorded revision. */
export default async function EditItemPage({ params }: PageProps<"/items/[id]/edit">) {
  const actor = await requirePageActor();
  const itemId = await readIdParam(params);
  const [t, format, form] = await Promise.all([
    getTranslations("plans"),
    getTranslations("format"),
    loadForPage(() => loadItemForm(actor, { itemId })),
  ]);
  const item = form.item!;
  return (
    <div className="max-w-5xl">
      <Link href={`/items/${itemId}`} className="text-sm text-brand-700 underline">
        {t("backToItem")}
      </Link>
      <PageHeader title={format("labelValue", { label: t("edit"), value: item.title })} />
      <ItemForm
        target={{ itemId, version: item.version, kind: item.kind }}
        initial={form.initial}
        units={form.units}
        phases={form.phases}
        linkTargets={form.linkTargets}
        links={form.links}
      />
    </div>
  );
}
