import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { VersionPicker } from "@/components/plans/authoring/CompareTable";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { readPlanVersions } from "@/lib/plans/server/authoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("planAuthoring"))("versions") };
}

/** Every whole-plan version (each publication and import), with a picker to compare two. */
export default async function PlanVersionsPage({ params }: PageProps<"/plans/[code]/versions">) {
  const actor = await requirePageActor();
  const { code } = await params;
  const [t, { plan, versions }] = await Promise.all([getTranslations("planAuthoring"), loadForPage(() => readPlanVersions(actor, code))]);
  const line = (version: (typeof versions)[number]) =>
    t("versionLine", {
      version: version.version,
      action: t.has(`versionActions.${version.action}`) ? t(`versionActions.${version.action}`) : version.action,
      actor: version.actorName ?? t("system"),
      time: formatShanghaiDateTime(version.createdAt),
    });
  return (
    <div className="max-w-4xl space-y-5">
      <Link href={`/plans/${plan.code}`} className="text-sm text-brand-700 underline">
        {t("backToPlan")}
      </Link>
      <PageHeader title={t("versionsTitle", { title: plan.title })} />
      {versions.length === 0 ? <p className="text-sm text-slate-700">{t("noVersions")}</p> : null}
      {versions.length > 1 ? (
        <Card>
          <VersionPicker
            action={`/plans/${plan.code}/compare`}
            versions={versions.map((version) => ({ version: version.version, label: line(version) }))}
            from={versions[1]!.version}
            to={versions[0]!.version}
          />
        </Card>
      ) : null}
      <ol className="space-y-2" data-testid="plan-versions">
        {versions.map((version) => (
          <Card as="li" key={version.id} className="text-sm">
            {line(version)}
          </Card>
        ))}
      </ol>
    </div>
  );
}
