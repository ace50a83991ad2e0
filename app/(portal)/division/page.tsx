import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pager } from "@/components/ui/Pager";
import { TableScroll } from "@/components/ui/TableScroll";
import { shanghaiDate } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { getDivisionPage, listPlans, listSections, listUnitsWithWork } from "@/lib/plans/server/plans";
import { divisionFilterSchema } from "@/lib/plans/schemas/division";
import { readPageQuery } from "@/lib/core/params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("division"))("title") };
}

const SELECT = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export default async function DivisionPage({ searchParams }: PageProps<"/division">) {
  const actor = await requirePageActor();
  const { query: parsed, ignored } = readPageQuery(divisionFilterSchema, await searchParams);
  const { format: _format, page, ...filter } = parsed;
  const [t, { rows, info, offset }, plans, sections, units] = await Promise.all([
    getTranslations(),
    loadForPage(() => getDivisionPage(actor, filter, page)),
    loadForPage(() => listPlans(actor)),
    loadForPage(() => listSections(actor, filter.plan)),
    loadForPage(() => listUnitsWithWork(actor)),
  ]);
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v === true ? "1" : String(v)]),
  );
  const exportHref = (format: string) => `/division/export?${new URLSearchParams([...query.entries(), ["format", format]])}`;
  const unitName = filter.unit ? units.find((unit) => unit.id === filter.unit)?.name : undefined;
  return (
    <div className="max-w-7xl space-y-5">
      <PageHeader
        title={unitName ? t("division.titleForUnit", { unit: unitName }) : t("division.title")}
        description={t("division.description")}
        actions={
          <>
            <a href={exportHref("xlsx")} className={buttonClasses()} download>
              {t("division.exportXlsx")}
            </a>
            <a href={exportHref("csv")} className={buttonClasses("secondary")} download>
              {t("division.exportCsv")}
            </a>
          </>
        }
      />
      {ignored.length > 0 ? <Alert tone="error">{t("division.badFilters")}</Alert> : null}
      <Card as="form" method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        <div>
          <label htmlFor="filter-plan" className="block text-sm font-medium text-slate-800">
            {t("division.plan")}
          </label>
          <select id="filter-plan" name="plan" defaultValue={filter.plan ?? ""} className={SELECT}>
            <option value="">{t("division.all")}</option>
            {plans.map((plan) => (
              <option key={plan.code} value={plan.code}>
                {plan.shortTitle}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-section" className="block text-sm font-medium text-slate-800">
            {t("division.section")}
          </label>
          <select id="filter-section" name="section" defaultValue={filter.section ?? ""} className={SELECT}>
            <option value="">{t("division.all")}</option>
            {sections.map((section) => (
              <option key={section.id} value={section.id}>
                {filter.plan ? "" : `${section.plan.shortTitle} `}
                {section.number}
                {section.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-unit" className="block text-sm font-medium text-slate-800">
            {t("division.unit")}
          </label>
          <select id="filter-unit" name="unit" defaultValue={filter.unit ?? ""} className={SELECT}>
            <option value="">{t("division.all")}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-role" className="block text-sm font-medium text-slate-800">
            {t("division.role")}
          </label>
          <select id="filter-role" name="role" defaultValue={filter.role ?? ""} className={SELECT}>
            <option value="">{t("division.all")}</option>
            <option value="LEAD">{t("plans.roles.LEAD")}</option>
            <option value="SUPPORT">{t("plans.roles.SUPPORT")}</option>
          </select>
        </div>
        <div className="flex items-end">
          <label className="flex items-center gap-2 py-2 text-sm text-slate-800">
            <input type="checkbox" name="districts" value="1" defaultChecked={filter.districts === true} />
            {t("division.includeDistricts")}
          </label>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClasses()}>
            {t("division.filter")}
          </button>
          <Link href="/division" className={buttonClasses("secondary")}>
            {t("division.reset")}
          </Link>
        </div>
      </Card>
      <Pager info={info} href={(target) => `/division?${new URLSearchParams([...query.entries(), ["page", String(target)]])}`} />
      <TableScroll label={t("division.title")}>
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="division-table">
          <caption className="sr-only">{t("division.title")}</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              {(["index", "plan", "section", "item", "lead", "support", "due"] as const).map((column) => (
                <th key={column} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                  {t(`division.columns.${column}`)}
                </th>
              ))}
              {filter.unit ? (
                <th scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                  {t("division.columns.unitRole")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, index) => (
              <tr key={row.itemId} className="align-top">
                <td className="px-3 py-2 text-slate-600">{offset + index + 1}</td>
                <td className="px-3 py-2">{row.plan}</td>
                <td className="px-3 py-2">{row.section}</td>
                <td className="min-w-56 px-3 py-2">
                  <Link href={`/items/${row.itemId}`} className="text-brand-700 underline">
                    {row.number}
                    {row.title}
                  </Link>
                  {row.notes.map((note) => (
                    <span key={note} className="mt-1 block text-xs text-amber-800">
                      {note}
                    </span>
                  ))}
                </td>
                <td className="px-3 py-2">{row.lead.join("、")}</td>
                <td className="px-3 py-2">{row.support.join("、") || "—"}</td>
                <td className="whitespace-nowrap px-3 py-2">{row.dueDate ? shanghaiDate(row.dueDate) : "—"}</td>
                {filter.unit ? (
                  <td className="px-3 py-2">
                    {row.unitRole ? (
                      <Badge tone={row.unitRole === "LEAD" ? "blue" : "neutral"}>{t(`plans.roles.${row.unitRole}`)}</Badge>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
