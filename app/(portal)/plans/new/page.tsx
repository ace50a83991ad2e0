import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { PlanForm } from "@/components/plans/authoring/PlanForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { planFormOptions } from "@/lib/plans/server/authoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("planAuthoring"))("newPlanTitle") };
}

export default async function NewPlanPage() {
  const actor = await requirePageActor();
  const [t, options] = await Promise.all([getTranslations("planAuthoring"), loadForPage(() => planFormOptions(actor))]);
  const { fixed } = options;
  const year = new Date().getFullYear();
  return (
    <div className="max-w-4xl">
      <Link href="/plans" className="text-sm text-brand-700 underline">
        {t("backToPlan")}
      </Link>
      <PageHeader
        title={t("newPlanTitle")}
        description={
          fixed ? t("districtPlanDescription", { district: fixed.district.name, master: fixed.master.title }) : t("newPlanDescription")
        }
      />
      <PlanForm
        target={{ create: true }}
        fixed={fixed}
        masters={options.masters}
        districts={options.districts}
        initial={{
          kind: fixed ? "DISTRICT" : "",
          code: "",
          title: "",
          shortTitle: "",
          issuer: fixed ? `${fixed.district.name}人民政府` : "",
          documentNumber: "",
          signedOn: "",
          publishedOn: "",
          startYear: String(year),
          endYear: String(year),
          parentPlanId: fixed ? String(fixed.master.id) : String(options.masters[0]?.id ?? ""),
          districtId: fixed ? String(fixed.district.id) : "",
          preamble: "",
        }}
      />
    </div>
  );
}
