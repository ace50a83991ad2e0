import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { IndicatorForm } from "@/components/indicators/IndicatorForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { loadIndicatorForm } from "@/lib/indicators/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators"))("newIndicator") };
}

export default async function NewIndicatorPage() {
  const actor = await requirePageActor();
  const [t] = await Promise.all([getTranslations("indicators"), loadForPage(() => loadIndicatorForm(actor))]);
  return (
    <div className="max-w-3xl">
      <Link href="/indicators" className="text-sm text-brand-700 underline">
        {t("title")}
      </Link>
      <PageHeader title={t("newIndicator")} description={t("newDescription")} />
      <IndicatorForm
        target={{ create: true }}
        planFigures={null}
        initial={{
          code: "",
          name: "",
          unit: "",
          direction: "HIGHER_IS_BETTER",
          baselineYear: "",
          baselineValue: "",
          baselineSource: "",
          description: "",
          targets: [],
        }}
      />
    </div>
  );
}
