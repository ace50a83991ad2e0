import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ChaseSupportersButton } from "@/components/reporting/ChaseSupportersButton";
import { CopyToDraftButton } from "@/components/reporting/CopyToDraftButton";
import { LightBadge } from "@/components/reporting/LightBadge";
import { Section } from "@/components/ui/Card";
import { TableScroll } from "@/components/ui/TableScroll";
import { formatShanghaiDateTime } from "@/lib/core/time";
import type { Consolidation, OutputFigures } from "@/lib/reporting/consolidation";
import type { ReportDetail, SupporterStatus } from "@/lib/reporting/server/reports";
import { TableHead } from "@/components/ui/TableHead";

interface ConsolidationPanelProps {
  reportId: number;
  supporters: SupporterStatus[];
  totals: Consolidation;
  /** The lead's own report is open in the form on this page: offer to copy supporters' text into it. */
  editable: boolean;
  /** CAST, in an open round: offer to chase the supporters that have not submitted. */
  mayChase: boolean;
  body: (report: ReportDetail) => ReactNode;
}

const CELL = "px-3 py-2";

/**
 * The lead unit's consolidation: every supporting unit with its state and light (a unit that
 * has not submitted shows nothing more), the numeric outputs of those that have added up beside
 * the lead's own, and their text, which the lead copies into its draft with one click.
 */
export function ConsolidationPanel({ reportId, supporters, totals, editable, mayChase, body }: ConsolidationPanelProps) {
  const t = useTranslations("reports");
  const tr = useTranslations("rounds");
  const counted = supporters.filter((supporter) => supporter.report !== null);
  const missing = supporters.filter(
    (supporter) => supporter.state === "OWED" || supporter.state === "DRAFT" || supporter.state === "RETURNED",
  );
  const other = (figures: OutputFigures) =>
    figures.outputs.length === 0 ? "—" : figures.outputs.map((output) => `${output.name} ${output.value}${output.unit}`).join("；");
  const figure = (value: number | null) => (value === null ? "—" : value);
  return (
    <Section headingId="supporters-heading" heading={t("supportersHeading")}>
      <p className="text-xs text-slate-600">{t("supportersHint")}</p>
      <div className="mt-3">
        <TableScroll label={t("consolidation.statusCaption")}>
          <table className="min-w-full text-sm" data-testid="supporters-status">
            <caption className="sr-only">{t("consolidation.statusCaption")}</caption>
            <TableHead
              labels={[t("consolidation.unit"), t("consolidation.state"), t("consolidation.light"), t("consolidation.chasedColumn")]}
            />
            <tbody className="divide-y divide-slate-100">
              {supporters.map((supporter) => (
                <tr key={supporter.reportId} className="align-top">
                  <th scope="row" className={`${CELL} text-left font-normal`}>
                    {supporter.report ? (
                      <a href={`#supporter-${supporter.reportId}`} className="text-brand-700 underline">
                        {supporter.unit.name}
                      </a>
                    ) : (
                      supporter.unit.name
                    )}
                  </th>
                  <td className={CELL}>
                    {t(`states.${supporter.state}`)}
                    {supporter.submittedAt && supporter.report ? (
                      <span className="block text-xs text-slate-600">{formatShanghaiDateTime(supporter.submittedAt)}</span>
                    ) : null}
                  </td>
                  <td className={CELL}>
                    <LightBadge light={supporter.light} reason={supporter.reason} />
                  </td>
                  <td className={CELL}>{supporter.chased ? tr(`levels.${supporter.chased}`) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
      {mayChase && missing.length > 0 ? (
        <div className="mt-3">
          <ChaseSupportersButton reportId={reportId} missing={missing.length} />
        </div>
      ) : null}

      <h3 id="consolidated-outputs-heading" className="mt-6 font-semibold">
        {t("consolidation.outputsHeading")}
      </h3>
      <div className="mt-2">
        <TableScroll label={t("consolidation.outputsHeading")}>
          <table className="min-w-full text-sm" data-testid="consolidated-outputs" aria-labelledby="consolidated-outputs-heading">
            <TableHead labels={[t("consolidation.unit"), t("eventsHeld"), t("peopleReached"), t("outputs")]} />
            <tbody className="divide-y divide-slate-100">
              {totals.rows.map((row) => (
                <tr key={`${row.own ? "own" : "supporter"}-${row.unitName}`}>
                  <th scope="row" className={`${CELL} text-left font-normal`}>
                    {row.own ? t("consolidation.ownRow", { unit: row.unitName }) : row.unitName}
                  </th>
                  <td className={CELL}>{figure(row.eventsHeld)}</td>
                  <td className={CELL}>{figure(row.peopleReached)}</td>
                  <td className={CELL}>{other(row)}</td>
                </tr>
              ))}
              <tr className="bg-slate-50 font-medium" data-testid="consolidated-total">
                <th scope="row" className={`${CELL} text-left`}>
                  {t("consolidation.total")}
                </th>
                <td className={CELL}>{figure(totals.total.eventsHeld)}</td>
                <td className={CELL}>{figure(totals.total.peopleReached)}</td>
                <td className={CELL}>{other(totals.total)}</td>
              </tr>
            </tbody>
          </table>
        </TableScroll>
      </div>
      <p className="mt-2 text-xs text-slate-600">
        {t("consolidation.countedNote", {
          counted: counted.length > 0 ? counted.map((supporter) => supporter.unit.name).join("、") : t("consolidation.none"),
        })}
        {missing.length > 0
          ? ` ${t("consolidation.notCountedNote", { units: missing.map((supporter) => supporter.unit.name).join("、") })}`
          : ""}
      </p>

      {counted.length > 0 ? (
        <>
          <h3 className="mt-6 font-semibold">{t("consolidation.textsHeading")}</h3>
          {editable ? <p className="text-xs text-slate-600">{t("consolidation.copyHint")}</p> : null}
          <ul className="mt-3 space-y-4">
            {counted.map((supporter) => (
              <li key={supporter.reportId} id={`supporter-${supporter.reportId}`} className="border-t border-slate-100 pt-3">
                <p className="text-sm font-medium">
                  {supporter.unit.name} · {t(`states.${supporter.state}`)}
                  {supporter.submittedAt ? ` · ${formatShanghaiDateTime(supporter.submittedAt)}` : ""}
                </p>
                {editable && supporter.report ? (
                  <div className="my-2">
                    <CopyToDraftButton
                      unitName={supporter.unit.name}
                      texts={{
                        workDone: supporter.report.workDone,
                        problems: supporter.report.problems,
                        nextSteps: supporter.report.nextSteps,
                      }}
                    />
                  </div>
                ) : null}
                {supporter.report ? body(supporter.report) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
