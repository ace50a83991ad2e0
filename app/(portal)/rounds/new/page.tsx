import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OpenRoundForm, type CandidateGroup } from "@/components/reporting/OpenRoundForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { listRoundCandidates } from "@/lib/reporting/server/rounds";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rounds"))("new") };
}

export default async function NewRoundPage() {
  const actor = await requirePageActor();
  const [t, candidates] = await Promise.all([getTranslations("rounds"), loadForPage(() => listRoundCandidates(actor))]);
  const groups = new Map<string, CandidateGroup>();
  for (const item of candidates) {
    const label = `${item.plan.shortTitle} · ${item.kind === "SECTION" ? t("sections") : t("workItems")}`;
    if (!groups.has(label)) groups.set(label, { label, items: [] });
    groups.get(label)!.items.push([item.id, `${item.number ?? ""}${item.title}`]);
  }
  return (
    <div>
      <PageHeader title={t("new")} description={t("newDescription")} />
      <OpenRoundForm groups={[...groups.values()]} />
    </div>
  );
}
