import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ValueForm } from "@/components/indicators/ValueForm";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableScroll } from "@/components/ui/TableScroll";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { getIndicator } from "@/lib/indicators/server";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readIdParam } from "@/lib/core/params";
import { mayAttempt } from "@/lib/core/operations";
import { INDICATOR_OPERATIONS } from "@/lib/indicators/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators"))("title") };
}

export default async function IndicatorPage({ params }: PageProps<"/indicators/[id]">) {
  const actor = await requirePageActor();
  const indicatorId = await readIdParam(params);
  const [t, { indicator, districts, years }] = await Promise.all([
    getTranslations("indicators"),
    loadForPage(() => getIndicator(actor, indicatorId)),
  ]);
  const allYears = Array.from({ length: years.last - years.first + 1 }, (_, index) => years.first + index);
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader title={indicator.name} description={indicator.description ?? undefined} />
      <p className="text-sm text-slate-700">
        {indicator.baselineValue !== null
          ? t("baseline", { year: indicator.baselineYear ?? 0, value: indicator.baselineValue, unit: indicator.unit })
          : null}
        {indicator.targets.map((target) => ` · ${t("target", { year: target.year, value: target.value, unit: indicator.unit })}`)}
        {indicator.baselineSource ? ` · ${t("baselineSource", { source: indicator.baselineSource })}` : ""}
      </p>
      <TableScroll label={t("valuesHeading")}>
        <table className="min-w-full text-sm">
          <caption className="px-3 py-2 text-left font-semibold">{t("valuesHeading")}</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("year")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("district")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("valueWithUnit", { unit: indicator.unit })}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("source")} / {t("method")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {indicator.values.map((value) => (
              <tr key={value.id} className="align-top">
                <td className="px-3 py-2">{value.year}</td>
                <td className="px-3 py-2">{value.district?.name ?? t("citywide")}</td>
                <td className="px-3 py-2">
                  {value.value} {value.isDemo ? <Badge tone="amber">{t("demo")}</Badge> : null}
                </td>
                <td className="px-3 py-2 text-slate-700">
                  {value.source}
                  <span className="block text-xs text-slate-600">{value.method}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {mayAttempt(actor.role, INDICATOR_OPERATIONS.setValue) ? (
        <Section headingId="value-form" heading={t("enterValue")} headingClassName="mb-3">
          <ValueForm
            indicatorId={indicator.id}
            unit={indicator.unit}
            years={allYears}
            districts={districts}
            existing={Object.fromEntries(
              indicator.values.map((value) => [`${value.year}/${value.districtId ?? ""}`, { version: value.version }]),
            )}
          />
        </Section>
      ) : null}
      <section aria-labelledby="history">
        <h2 id="history" className="mb-2 font-semibold">
          {t("history")}
        </h2>
        <ol className="space-y-2 text-sm">
          {indicator.revisions.map((revision) => (
            <li key={revision.id} className="rounded border border-slate-200 bg-white p-2">
              {t(`actions.${revision.action}`)} · {revision.actorName ?? "—"} · {formatShanghaiDateTime(revision.changedAt)}
              <span className="block break-all text-xs text-slate-600">
                {revision.before ? `${revision.before} → ` : ""}
                {revision.after}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
