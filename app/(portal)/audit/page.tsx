import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { VerifyChain } from "@/components/audit/VerifyChain";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { buttonClasses } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pager } from "@/components/ui/Pager";
import { TableScroll } from "@/components/ui/TableScroll";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { listAuditActions, searchAuditEvents } from "@/lib/audit/server/log";
import { actionLabel, detailLines, objectTypeLabel, reasonText } from "@/lib/audit/describe";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { auditFilterSchema } from "@/lib/audit/schemas";
import { readPageQuery } from "@/lib/core/params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const RESULT_TONES = { SUCCESS: "green", FAILURE: "amber", DENIED: "red" } as const;
const INPUT = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

function toQuery(values: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== "") query.set(key, String(value));
  return query.toString();
}

export default async function AuditPage({ searchParams }: PageProps<"/audit">) {
  const actor = await requirePageActor();
  const { query: filter, ignored } = readPageQuery(auditFilterSchema, await searchParams);
  const [t, result, actions] = await Promise.all([
    getTranslations(),
    loadForPage(() => searchAuditEvents(actor, filter)),
    loadForPage(() => listAuditActions(actor)),
  ]);
  const { page: _page, ...filters } = filter;
  const field = (name: keyof typeof filters, label: string, type = "text") => (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={`filter-${name}`} name={name} type={type} defaultValue={filters[name] ?? ""} className={INPUT} />
    </div>
  );
  return (
    <div className="max-w-7xl space-y-6">
      <PageHeader
        title={t("audit.title")}
        description={t("audit.description")}
        actions={
          <Link href="/audit/requests" className={buttonClasses("secondary")}>
            {t("accountRequests.auditorTitle")}
          </Link>
        }
      />
      {ignored.length > 0 ? <Alert tone="error">{t("audit.badFilters")}</Alert> : null}
      <Card as="form" method="get" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {field("from", t("audit.from"), "date")}
        {field("to", t("audit.to"), "date")}
        {field("username", t("audit.username"))}
        <div>
          <label htmlFor="filter-action" className="block text-sm font-medium text-slate-800">
            {t("audit.action")}
          </label>
          <select id="filter-action" name="action" defaultValue={filters.action ?? ""} className={`${INPUT} bg-white`}>
            <option value="">{t("audit.all")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(t, action)}
              </option>
            ))}
          </select>
        </div>
        {field("objectType", t("audit.objectType"))}
        {field("objectId", t("audit.objectId"))}
        <div>
          <label htmlFor="filter-result" className="block text-sm font-medium text-slate-800">
            {t("audit.result")}
          </label>
          <select id="filter-result" name="result" defaultValue={filters.result ?? ""} className={`${INPUT} bg-white`}>
            <option value="">{t("audit.all")}</option>
            {(["SUCCESS", "FAILURE", "DENIED"] as const).map((value) => (
              <option key={value} value={value}>
                {t(`audit.results.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClasses()}>
            {t("audit.search")}
          </button>
          <a href={`/audit/export?${toQuery(filters)}`} className={buttonClasses("secondary")} download>
            {t("audit.export")}
          </a>
        </div>
      </Card>
      <VerifyChain />
      <Pager info={result.info} href={(page) => `/audit?${toQuery({ ...filters, page })}`} />
      <TableScroll label={t("audit.title")}>
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("audit.title")}</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              {(["id", "time", "user", "action", "object", "result", "reason", "ip"] as const).map((column) => (
                <th key={column} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                  {t(`audit.columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.events.map((event) => (
              <tr key={event.id} className="align-top">
                <td className="px-3 py-2 text-slate-600">{event.id}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatShanghaiDateTime(event.occurredAt)}</td>
                <td className="px-3 py-2">
                  {event.actorUsername ?? "—"}
                  {event.actorRole ? (
                    <span className="block text-xs text-slate-600">
                      {t(`roles.${event.actorRole}`)}
                      {event.actorUnitName ? ` · ${event.actorUnitName}` : ""}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2">{actionLabel(t, event.action)}</td>
                <td className="px-3 py-2">
                  {event.objectType ? `${objectTypeLabel(t, event.objectType)}${event.objectId ? ` #${event.objectId}` : ""}` : "—"}
                </td>
                <td className="px-3 py-2">
                  <Badge tone={RESULT_TONES[event.result]}>{t(`audit.results.${event.result}`)}</Badge>
                </td>
                <td className="max-w-xs px-3 py-2 text-xs text-slate-700">
                  {event.reason ? reasonText(t, event.reason) : null}
                  {event.details ? (
                    <ul className="break-words text-slate-600" data-testid="audit-details">
                      {detailLines(t, event.details).map((line, index) => (
                        <li key={index}>{line}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-xs text-slate-600">{event.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
