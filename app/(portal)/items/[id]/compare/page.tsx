import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { CompareTable, VersionPicker } from "@/components/plans/authoring/CompareTable";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readIdParam, readPageQuery } from "@/lib/core/params";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { compareQuerySchema } from "@/lib/plans/schemas/authoring";
import { compareItemVersions } from "@/lib/plans/server/authoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("planAuthoring"))("compareVersions") };
}

/** Two versions of an item side by side, from its revision history. */
export default async function CompareItemPage({ params, searchParams }: PageProps<"/items/[id]/compare">) {
  const actor = await requirePageActor();
  const itemId = await readIdParam(params);
  const { from, to } = readPageQuery(compareQuerySchema, await searchParams).query;
  const [t, history, result] = await Promise.all([
    getTranslations("planAuthoring"),
    getTranslations("plans.history"),
    loadForPage(() => compareItemVersions(actor, itemId, from, to)),
  ]);
  const { item, revisions, picked, fields } = result;
  const label = (revision: (typeof revisions)[number]) =>
    `${history("version", { version: revision.version })} · ${history.has(`actions.${revision.action}`) ? history(`actions.${revision.action}`) : revision.action} · ${revision.actorName ?? t("system")} · ${formatShanghaiDateTime(revision.changedAt)}`;
  return (
    <div className="max-w-5xl space-y-5">
      <Link href={`/items/${item.id}?tab=history`} className="text-sm text-brand-700 underline">
        {history("changes")}
      </Link>
      <PageHeader title={t("compareItemTitle", { title: `${item.number ?? ""}${item.title}` })} />
      {!picked || picked.from === picked.to ? (
        <p className="text-sm text-slate-700">{t("compareNeedsTwo")}</p>
      ) : (
        <>
          <Card>
            <VersionPicker
              action={`/items/${item.id}/compare`}
              versions={revisions.map((revision) => ({ version: revision.version, label: label(revision) }))}
              from={picked.from}
              to={picked.to}
            />
          </Card>
          <h2 className="text-lg font-semibold">{t("compareHeading", picked)}</h2>
          <Card>
            <CompareTable
              caption={t("compareHeading", picked)}
              fromLabel={t("versionColumn", { version: picked.from })}
              toLabel={t("versionColumn", { version: picked.to })}
              rows={fields}
            />
          </Card>
        </>
      )}
    </div>
  );
}
