import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { LightBadge, LightSummaryText } from "@/components/reporting/LightBadge";
import { ChaseForm } from "@/components/reporting/ChaseForm";
import { RoundCommand } from "@/components/reporting/RoundCommand";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableScroll } from "@/components/ui/TableScroll";
import { formatShanghaiDateTime, shanghaiDate } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { getRoundBoard } from "@/lib/reporting/server/rounds";
import { readIdParam, readPageQuery } from "@/lib/core/params";
import { Alert } from "@/components/ui/Alert";
import { Pager } from "@/components/ui/Pager";
import { REPORT_STATES, roundBoardQuerySchema, type RoundBoardQuery } from "@/lib/reporting/schemas";
import { mayAttempt, mayAttemptOnAny } from "@/lib/core/operations";
import { buttonClasses } from "@/components/ui/Button";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rounds"))("board") };
}

const INPUT = "block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

export default async function RoundBoardPage({ params, searchParams }: PageProps<"/rounds/[id]">) {
  const actor = await requirePageActor();
  const roundId = await readIdParam(params);
  const { query, ignored } = readPageQuery(roundBoardQuerySchema, await searchParams);
  const [t, board] = await Promise.all([getTranslations(), loadForPage(() => getRoundBoard(actor, roundId, new Date(), query))]);
  const chosenUnit = board.units.find((unit) => unit.id === query.unit);
  const boardHref = (values: RoundBoardQuery) => {
    const search = new URLSearchParams();
    if (values.unit) search.set("unit", String(values.unit));
    if (values.state) search.set("state", values.state);
    if (values.page > 1) search.set("page", String(values.page));
    const text = search.toString();
    return `/rounds/${roundId}${text ? `?${text}` : ""}`;
  };
  const closed = board.round.status === "CLOSED";
  const canChase = mayAttempt(actor.role, REPORTING_OPERATIONS.remind) && !closed;
  // CAST (report:on_behalf): every unit's round workbook while the round is open, and the 代填 import.
  const canWorkbook = mayAttemptOnAny(actor.role, REPORTING_OPERATIONS.downloadWorkbook) && !closed;
  return (
    <div className="space-y-5">
      <PageHeader
        title={board.round.name}
        description={`${board.round.period} · ${t("rounds.deadlineOn", { date: shanghaiDate(board.round.deadline) })}`}
      />
      <p className="text-sm" data-testid="round-status">
        {t("format.labelValue", { label: t("rounds.status"), value: t(`rounds.statuses.${board.round.status}`) })}
        {board.round.closedAt
          ? t("format.note", { note: t("rounds.closedOn", { time: formatShanghaiDateTime(board.round.closedAt) }) })
          : null}
      </p>
      <p className="text-sm">
        {t("format.labelled", { label: t("rounds.roundLight") })}
        <LightSummaryText summary={board.summary} />
      </p>
      {mayAttempt(actor.role, REPORTING_OPERATIONS.closeRound) ? (
        <Section headingId="manage-heading" heading={t("rounds.manageHeading")} headingClassName="mb-2">
          <RoundCommand roundId={board.round.id} name={board.round.name} closed={closed} />
        </Section>
      ) : null}
      {canWorkbook ? (
        <Section headingId="workbook-heading" heading={t("rounds.workbook.heading")} headingClassName="mb-1">
          <p className="mb-3 text-sm text-slate-600">{t("rounds.workbook.description")}</p>
          <div className="mb-3 flex flex-wrap gap-3">
            <a href={`/rounds/${board.round.id}/workbook?unit=all`} className={buttonClasses("secondary")} download>
              {t("rounds.workbook.downloadAll")}
            </a>
            <Link href={`/reports/import?round=${board.round.id}`} className={buttonClasses("secondary")}>
              {t("rounds.workbook.import")}
            </Link>
          </div>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="unit-workbooks">
            {board.units.map((unit) => (
              <li key={unit.id}>
                <a href={`/rounds/${board.round.id}/workbook?unit=${unit.id}`} className="text-brand-700 underline" download>
                  {t("rounds.workbook.downloadUnit", { unit: unit.name })}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {canChase ? (
        <Section headingId="chase-heading" heading={t("rounds.chaseHeading")} headingClassName="mb-2">
          <ChaseForm roundId={board.round.id} />
        </Section>
      ) : null}
      <div className="space-y-5" data-testid="round-board">
        <Section headingId="units-heading" heading={t("rounds.unitsHeading")} headingClassName="mb-2">
          <TableScroll label={t("rounds.unitsHeading")}>
            <table className="min-w-full text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2">
              <caption className="sr-only">{t("rounds.unitsHeading")}</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="font-medium">
                    {t("rounds.unit")}
                  </th>
                  <th scope="col" className="text-right font-medium">
                    {t("rounds.reportCount")}
                  </th>
                  {REPORT_STATES.map((state) => (
                    <th key={state} scope="col" className="text-right font-medium">
                      {t(`reports.states.${state}`)}
                    </th>
                  ))}
                  <th scope="col" className="font-medium">
                    {t("rounds.light")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 [&_td]:text-right [&_td]:tabular-nums [&_td:last-child]:text-left">
                {board.units.map((unit) => (
                  <tr key={unit.id} className="align-top">
                    <th scope="row" className="text-left font-medium">
                      <Link href={`${boardHref({ unit: unit.id, page: 1 })}#reports-heading`} className="text-brand-700 underline">
                        {unit.name}
                      </Link>
                      {unit.highestChase && unit.lastChase ? (
                        <span className="block text-xs font-normal text-slate-600" data-testid="chase-standing">
                          <span className="block">
                            {t("rounds.highestChase", {
                              level: t(`rounds.levels.${unit.highestChase.level}`),
                              time: formatShanghaiDateTime(unit.highestChase.createdAt),
                            })}
                          </span>
                          <span className="block">
                            {t("rounds.lastChase", {
                              level: t(`rounds.levels.${unit.lastChase.level}`),
                              time: formatShanghaiDateTime(unit.lastChase.createdAt),
                            })}
                          </span>
                        </span>
                      ) : null}
                    </th>
                    <td>{unit.reportCount}</td>
                    {REPORT_STATES.map((state) => (
                      <td key={state}>{unit.states[state]}</td>
                    ))}
                    <td>
                      <LightSummaryText summary={unit.summary} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>

        <Section headingId="reports-heading" heading={t("rounds.reportsHeading")} headingClassName="mb-2">
          {ignored.length > 0 ? <Alert tone="error">{t("rounds.badFilters")}</Alert> : null}
          {canChase && chosenUnit && chosenUnit.summary.light !== "GREEN" ? (
            // One unit's chase, where its reports are listed: a form per unit on the summary would
            // weigh more than the rest of the page in a round with every unit.
            <div className="mb-3" data-testid="unit-chase">
              <ChaseForm roundId={board.round.id} unitId={chosenUnit.id} unitName={chosenUnit.name} />
            </div>
          ) : null}
          <form method="get" aria-label={t("rounds.reportFilters")} className="mb-3 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="board-unit" className="block text-sm font-medium text-slate-800">
                {t("rounds.unit")}
              </label>
              <select id="board-unit" name="unit" defaultValue={query.unit ?? ""} className={INPUT}>
                <option value="">{t("rounds.allUnits")}</option>
                {board.units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="board-state" className="block text-sm font-medium text-slate-800">
                {t("rounds.reportState")}
              </label>
              <select id="board-state" name="state" defaultValue={query.state ?? ""} className={INPUT}>
                <option value="">{t("rounds.allStates")}</option>
                {REPORT_STATES.map((state) => (
                  <option key={state} value={state}>
                    {t(`reports.states.${state}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={buttonClasses("secondary")}>
              {t("rounds.applyFilters")}
            </button>
          </form>
          {board.reports.length === 0 ? (
            <p className="text-sm text-slate-600">{t("rounds.noReports")}</p>
          ) : (
            <TableScroll label={t("rounds.reportsHeading")}>
              <table className="min-w-full text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2" data-testid="round-reports">
                <caption className="sr-only">{t("rounds.reportsHeading")}</caption>
                <thead className="bg-slate-50 text-left text-slate-700">
                  <tr>
                    <th scope="col" className="font-medium">
                      {t("rounds.unit")}
                    </th>
                    <th scope="col" className="font-medium">
                      {t("rounds.item")}
                    </th>
                    <th scope="col" className="font-medium">
                      {t("rounds.reportState")}
                    </th>
                    <th scope="col" className="font-medium">
                      {t("rounds.light")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {board.reports.map((report) => (
                    <tr key={report.id} className="align-top">
                      <td>{report.unit.name}</td>
                      <td>
                        <Link href={`/reports/${report.id}`} className="text-brand-700 underline">
                          {report.item.number}
                          {report.item.title}
                        </Link>
                      </td>
                      <td className="text-xs text-slate-700">
                        {t(`plans.roles.${report.role}`)} · {t(`reports.states.${report.state}`)}
                      </td>
                      <td>
                        <LightBadge light={report.light} reason={report.reason} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <Pager info={board.info} href={(page) => `${boardHref({ ...query, page })}#reports-heading`} className="mt-3" />
        </Section>
      </div>
    </div>
  );
}
