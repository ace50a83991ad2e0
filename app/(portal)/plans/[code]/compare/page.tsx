import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { CompareTable, VersionPicker } from "@/components/plans/authoring/CompareTable";
import { Card, Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readPageQuery } from "@/lib/core/params";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { compareQuerySchema } from "@/lib/plans/schemas/authoring";
import { comparePlanVersions } from "@/lib/plans/server/authoring";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("planAuthoring"))("compare") };
}

/** Two whole-plan versions side by side: particulars, items added, removed and changed field by field. */
export default async function ComparePlanPage({ params, searchParams }: PageProps<"/plans/[code]/compare">) {
  const actor = await requirePageActor();
  const [{ code }, search] = await Promise.all([params, searchParams]);
  const { from, to } = readPageQuery(compareQuerySchema, search).query;
  const [t, plans, result] = await Promise.all([
    getTranslations("planAuthoring"),
    getTranslations("plans"),
    loadForPage(() => comparePlanVersions(actor, code, from, to)),
  ]);
  const { plan, versions, picked, comparison } = result;
  const itemLabel = (item: { number: string | null; title: string; kind: string }) =>
    `${plans.has(`kinds.${item.kind}`) ? plans(`kinds.${item.kind}`) : item.kind} · ${item.number ?? ""}${item.title}`;
  return (
    <div className="max-w-5xl space-y-5">
      <Link href={`/plans/${plan.code}/versions`} className="text-sm text-brand-700 underline">
        {t("versions")}
      </Link>
      <PageHeader title={t("comparePlanTitle", { title: plan.title })} />
      {!picked || !comparison || picked.from === picked.to ? (
        <p className="text-sm text-slate-700">{t("compareNeedsTwo")}</p>
      ) : (
        <>
          <Card>
            <VersionPicker
              action={`/plans/${plan.code}/compare`}
              versions={versions.map((version) => ({
                version: version.version,
                label: `${t("versionColumn", { version: version.version })} · ${formatShanghaiDateTime(version.createdAt)}`,
              }))}
              from={picked.from}
              to={picked.to}
            />
          </Card>
          <h2 className="text-lg font-semibold">{t("compareHeading", picked)}</h2>
          <Section headingId="plan-changes" heading={t("planChanges")}>
            {comparison.plan.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">{t("noPlanChanges")}</p>
            ) : (
              <CompareTable
                caption={t("planChanges")}
                fromLabel={t("versionColumn", { version: picked.from })}
                toLabel={t("versionColumn", { version: picked.to })}
                rows={comparison.plan}
              />
            )}
          </Section>
          <Section headingId="items-added" heading={t("added", { count: comparison.added.length })}>
            <ul className="mt-2 space-y-1 text-sm" data-testid="items-added">
              {comparison.added.length === 0 ? <li>{t("none")}</li> : null}
              {comparison.added.map((item) => (
                <li key={item.id}>
                  <Link href={`/items/${item.id}`} className="text-brand-700 underline">
                    {itemLabel(item)}
                  </Link>
                </li>
              ))}
            </ul>
          </Section>
          <Section headingId="items-removed" heading={t("removed", { count: comparison.removed.length })}>
            <ul className="mt-2 space-y-1 text-sm" data-testid="items-removed">
              {comparison.removed.length === 0 ? <li>{t("none")}</li> : null}
              {comparison.removed.map((item) => (
                <li key={item.id}>{itemLabel(item)}</li>
              ))}
            </ul>
          </Section>
          <Section headingId="items-changed" heading={t("changed", { count: comparison.changed.length })}>
            <div className="mt-2 space-y-4" data-testid="items-changed">
              {comparison.changed.length === 0 ? <p className="text-sm">{t("none")}</p> : null}
              {comparison.changed.map(({ item, fields }) => (
                <div key={item.id} className="space-y-1">
                  <h3 className="text-sm font-medium">
                    <Link href={`/items/${item.id}`} className="text-brand-700 underline">
                      {itemLabel(item)}
                    </Link>
                  </h3>
                  <CompareTable
                    caption={itemLabel(item)}
                    fromLabel={t("versionColumn", { version: picked.from })}
                    toLabel={t("versionColumn", { version: picked.to })}
                    rows={fields}
                  />
                </div>
              ))}
            </div>
          </Section>
          {comparison.unchanged > 0 ? <p className="text-sm text-slate-700">{t("unchanged", { count: comparison.unchanged })}</p> : null}
        </>
      )}
    </div>
  );
}
