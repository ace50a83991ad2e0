import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { LightBadge } from "@/components/reporting/LightBadge";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableScroll } from "@/components/ui/TableScroll";
import { ZhText } from "@/components/ui/ZhText";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readPageQuery } from "@/lib/core/params";
import { shanghaiDate } from "@/lib/core/time";
import { LIGHTS, REPORT_STATES, reportSearchSchema } from "@/lib/reporting/schemas";
import { searchReports } from "@/lib/reporting/server/search";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reportSearch"))("title") };
}

const INPUT = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

function toQuery(values: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== "") query.set(key, String(value));
  return query.toString();
}

/** 报告检索: CAST and leaders find reports across units and rounds; filtered and paged in the database. */
export default async function ReportSearchPage({ searchParams }: PageProps<"/reports">) {
  const actor = await requirePageActor();
  const { query: filter, ignored } = readPageQuery(reportSearchSchema, await searchParams);
  const [t, result] = await Promise.all([getTranslations(), loadForPage(() => searchReports(actor, filter))]);
  const { page: _page, ...filters } = filter;
  const select = (name: "round" | "unit" | "state" | "light", label: string, options: { value: string | number; label: string }[]) => (
    <div>
      <label htmlFor={`search-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={`search-${name}`} name={name} defaultValue={filters[name] ?? ""} className={`${INPUT} bg-white`}>
        <option value="">{t("reportSearch.all")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader title={t("reportSearch.title")} description={t("reportSearch.description")} />
      {ignored.length > 0 ? <Alert tone="error">{t("reportSearch.badFilters")}</Alert> : null}
      <Card as="form" method="get" role="search" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div className="sm:col-span-2 lg:col-span-3">
          <label htmlFor="search-q" className="block text-sm font-medium text-slate-800">
            {t("reportSearch.text")}
          </label>
          <input id="search-q" name="q" type="search" maxLength={100} defaultValue={filters.q ?? ""} aria-describedby="search-q-hint" className={INPUT} />
          <p id="search-q-hint" className="mt-1 text-xs text-slate-600">
            {t("reportSearch.textHint")}
          </p>
        </div>
        {select(
          "round",
          t("reportSearch.round"),
          result.options.rounds.map((round) => ({ value: round.id, label: round.name })),
        )}
        {select(
          "unit",
          t("reportSearch.unit"),
          result.options.units.map((unit) => ({ value: unit.id, label: unit.name })),
        )}
        {select(
          "state",
          t("reportSearch.state"),
          REPORT_STATES.map((state) => ({ value: state, label: t(`reports.states.${state}`) })),
        )}
        {select(
          "light",
          t("reportSearch.light"),
          LIGHTS.map((light) => ({ value: light, label: t(`lights.${light}`) })),
        )}
        <div className="flex items-end">
          <button type="submit" className={buttonClasses()}>
            {t("reportSearch.search")}
          </button>
        </div>
      </Card>
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="search-count">
        {t("reportSearch.count", { total: result.total, page: result.page, pageCount: result.pageCount })}
      </p>
      {result.reports.length === 0 ? (
        <p className="text-sm text-slate-600">{t("reportSearch.empty")}</p>
      ) : (
        <TableScroll label={t("reportSearch.title")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="search-results">
            <caption className="sr-only">{t("reportSearch.title")}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                {(["report", "round", "state", "light"] as const).map((column) => (
                  <th key={column} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                    {t(`reportSearch.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.reports.map((report) => (
                <tr key={report.id} className="align-top">
                  <td className="px-3 py-2">
                    <Link href={`/reports/${report.id}`} className="font-medium text-brand-700 underline">
                      <ZhText>
                        {report.unit.name} · {report.item.number ?? ""}
                        {report.item.title}
                      </ZhText>
                    </Link>
                    {report.isDemo ? (
                      <span className="ml-2">
                        <Badge>{t("reportSearch.demo")}</Badge>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <ZhText>{report.round.name}</ZhText>
                    <span className="block text-xs text-slate-600">{shanghaiDate(report.round.deadline)}</span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{t(`reports.states.${report.state}`)}</td>
                  <td className="px-3 py-2">
                    <LightBadge light={report.light} reason={report.reason} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t("reportSearch.pagination")} className="flex gap-2">
        {result.page > 1 ? (
          <Link href={`/reports?${toQuery({ ...filters, page: result.page - 1 })}`} className={buttonClasses("secondary")}>
            {t("reportSearch.previous")}
          </Link>
        ) : null}
        {result.page < result.pageCount ? (
          <Link href={`/reports?${toQuery({ ...filters, page: result.page + 1 })}`} className={buttonClasses("secondary")}>
            {t("reportSearch.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
