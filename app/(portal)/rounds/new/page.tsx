import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OpenRoundForm } from "@/components/reporting/OpenRoundForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listRoundCandidates } from "@/lib/reporting/server/rounds";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rounds"))("new") };
}

export default async function NewRoundPage() {
  const actor = await requirePageActor();
  const [t, candidates] = await Promise.all([getTranslations("rounds"), loadForPage(() => listRoundCandidates(actor))]);
  return (
    <div>
      <PageHeader title={t("new")} description={t("newDescription")} />
      <OpenRoundForm
        candidates={candidates.map((item) => ({
          id: item.id,
          label: `${item.number ?? ""}${item.title}`,
          group: `${item.plan.shortTitle} · ${item.kind === "SECTION" ? t("sections") : t("workItems")}`,
        }))}
      />
    </div>
  );
}
