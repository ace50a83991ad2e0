import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { CompositeForm } from "@/components/indicators/CompositeForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { loadCompositeForm } from "@/lib/indicators/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators.composite"))("newComposite") };
}

export default async function NewCompositePage() {
  const actor = await requirePageActor();
  const [t, ti, form] = await Promise.all([
    getTranslations("indicators.composite"),
    getTranslations("indicators"),
    loadForPage(() => loadCompositeForm(actor)),
  ]);
  return (
    <div className="max-w-3xl">
      <Link href="/indicators" className="text-sm text-brand-700 underline">
        {ti("title")}
      </Link>
      <PageHeader title={t("newComposite")} description={t("newDescription")} />
      <CompositeForm
        target={{ create: true }}
        candidates={form.candidates}
        initial={{ code: "", name: "", unit: "分", description: "", components: [] }}
      />
    </div>
  );
}
