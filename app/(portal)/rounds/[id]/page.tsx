import type { Metadata } from "next";
import Link from "next/link";
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
import { readIdParam } from "@/lib/core/params";
import { mayAttempt, mayAttemptOnAny } from "@/lib/core/operations";
import { buttonClasses } from "@/components/ui/Button";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rounds"))("board") };
}

export default async function RoundBoardPage({ params }: PageProps<"/rounds/[id]">) {
  const actor = await requirePageActor();
  const roundId = await readIdParam(params);
  const [t, board] = await Promise.all([getTranslations(), loadForPage(() => getRoundBoard(actor, roundId))]);
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
      <TableScroll label={t("rounds.board")}>
        <table className="min-w-full text-sm" data-testid="round-board">
          <caption className="sr-only">{t("rounds.board")}</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("rounds.unit")}
              </th>
              {board.items.map((item) => (
                <th key={item.id} scope="col" className="min-w-40 px-3 py-2 font-medium">
                  <Link href={`/items/${item.id}`} className="underline">
                    {item.number}
                    {item.title}
                  </Link>
                  <span className="block font-normal">
                    <LightSummaryText summary={board.itemSummaries.get(item.id)!} />
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {board.units.map((unit) => (
              <tr key={unit.id} className="align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {unit.name}
                  <span className="block font-normal">
                    <LightSummaryText summary={unit.summary} />
                  </span>
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
                  {canChase && unit.summary.light !== "GREEN" ? (
                    <ChaseForm roundId={board.round.id} unitId={unit.id} unitName={unit.name} />
                  ) : null}
                </th>
                {board.items.map((item) => {
                  const cell = board.cells.find((candidate) => candidate.unitId === unit.id && candidate.itemId === item.id);
                  return (
                    <td key={item.id} className="px-3 py-2">
                      {cell ? (
                        <Link href={`/reports/${cell.reportId}`} className="block hover:underline">
                          <span className="block text-xs text-slate-600">
                            {t(`plans.roles.${cell.role}`)} · {t(`reports.states.${cell.state}`)}
                          </span>
                          <LightBadge light={cell.light} reason={cell.reason} />
                        </Link>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
