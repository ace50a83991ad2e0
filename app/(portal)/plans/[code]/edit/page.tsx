import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { PlanForm } from "@/components/plans/authoring/PlanForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { shanghaiDate } from "@/lib/core/time";
import { loadPlanForm } from "@/lib/plans/server/authoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("planAuthoring"))("editPlan") };
}

export default async function EditPlanPage({ params }: PageProps<"/plans/[code]/edit">) {
  const actor = await requirePageActor();
  const { code } = await params;
  const [t, plan] = await Promise.all([getTranslations("planAuthoring"), loadForPage(() => loadPlanForm(actor, code))]);
  return (
    <div className="max-w-4xl">
      <Link href={`/plans/${plan.code}`} className="text-sm text-brand-700 underline">
        {t("backToPlan")}
      </Link>
      <PageHeader title={t("editPlanTitle", { title: plan.title })} />
      <PlanForm
        target={{ planId: plan.id, code: plan.code, updatedAt: plan.updatedAt.getTime() }}
        fixed={null}
        masters={[]}
        districts={[]}
        initial={{
          kind: plan.kind,
          code: plan.code,
          title: plan.title,
          shortTitle: plan.shortTitle,
          issuer: plan.issuer,
          documentNumber: plan.documentNumber ?? "",
          signedOn: plan.signedOn ? shanghaiDate(plan.signedOn) : "",
          publishedOn: plan.publishedOn ? shanghaiDate(plan.publishedOn) : "",
          startYear: String(plan.startYear),
          endYear: String(plan.endYear),
          parentPlanId: plan.parentPlanId ? String(plan.parentPlanId) : "",
          districtId: plan.districtId ? String(plan.districtId) : "",
          preamble: plan.preamble ?? "",
        }}
      />
    </div>
  );
}
