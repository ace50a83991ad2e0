import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { ApplyImportForm } from "@/components/reporting/ledger/ApplyImportForm";
import { Alert } from "@/components/ui/Alert";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableHead } from "@/components/ui/TableHead";
import { TableScroll } from "@/components/ui/TableScroll";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readIdParam } from "@/lib/core/params";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { getReportImport, type RowResult } from "@/lib/reporting/server/ledger-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ledgerImport"))("previewTitle") };
}

const cell = "px-3 py-2 align-top";
const RESULT_TONE = { SAVE: "blue", UNCHANGED: "neutral", CONFLICT: "amber", PROBLEM: "red" } as const satisfies Record<RowResult, string>;

/** A long text shortened for the table (the 冲突 section shows it whole). */
function shorten(text: string, max = 24): string {
  const chars = Array.from(text.replace(/\s+/g, " "));
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text.replace(/\s+/g, " ");
}

const taskOf = (item: { number: string | null; title: string }) => [item.number, item.title].filter(Boolean).join(" ");

export default async function LedgerImportPreviewPage({ params }: PageProps<"/reports/import/[id]">) {
  const actor = await requirePageActor();
  const id = await readIdParam(params);
  const [t, preview] = await Promise.all([getTranslations("ledgerImport"), loadForPage(() => getReportImport(actor, id))]);
  const { rows, counts, fileProblems, rowProblems, result } = preview;
  const conflicts = rows.filter((row) => row.result === "CONFLICT");
  const problems = [...fileProblems, ...rowProblems];
  const empty = (text: string) => text || t("empty");
  return (
    <div className="max-w-5xl space-y-5">
      <PageHeader
        title={t("previewTitle")}
        description={t("previewDescription", { file: preview.fileName, time: formatShanghaiDateTime(preview.createdAt) })}
      />

      {result && preview.status === "APPLIED" ? (
        <div role="alert" className="space-y-2">
          <Alert tone="success" announce={false}>
            <p>{t("done", { ...result.counts })}</p>
            {result.skipped.length > 0 ? (
              <div className="mt-2">
                <p className="font-medium">{t("skippedHeading")}</p>
                <ul className="list-disc pl-5" lang="zh-CN" data-testid="ledger-skipped">
                  {result.skipped.map((row) => (
                    <li key={row.row}>{t("skippedRow", { row: row.row, task: taskOf(row.item), reason: row.reason })}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {result.incomplete.length > 0 ? (
              <div className="mt-2">
                <p className="font-medium">{t("incompleteHeading")}</p>
                <ul className="list-disc pl-5" lang="zh-CN" data-testid="ledger-incomplete">
                  {result.incomplete.map((row) => (
                    <li key={row.row}>{t("incompleteRow", { row: row.row, task: taskOf(row.item) })}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </Alert>
        </div>
      ) : preview.status === "APPLIED" ? (
        <Alert tone="success">{t("statusApplied")}</Alert>
      ) : preview.status === "DISCARDED" ? (
        <Alert tone="warning">{t("statusDiscarded")}</Alert>
      ) : fileProblems.length > 0 ? (
        <Alert tone="error">{t("fileProblems", { count: fileProblems.length })}</Alert>
      ) : preview.round.status !== "OPEN" ? (
        <Alert tone="error">{t("roundClosed")}</Alert>
      ) : preview.status === "APPLYING" ? (
        <Alert tone="warning">{t("statusApplying", preview.progress)}</Alert>
      ) : null}
      {preview.alreadyApplied?.appliedAt ? (
        <Alert tone="info">{t("alreadyApplied", { time: formatShanghaiDateTime(preview.alreadyApplied.appliedAt) })}</Alert>
      ) : null}

      <Section headingId="ledger-summary" heading={t("summaryHeading")}>
        <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("round")}</dt>
          <dd lang="zh-CN">
            {preview.round.name}（{preview.round.period}）
          </dd>
          <dt className="text-slate-600">{t("unit")}</dt>
          <dd lang="zh-CN">{preview.unit.name}</dd>
          <dt className="text-slate-600">{t("way")}</dt>
          <dd>{preview.onBehalf ? t("wayOnBehalf") : t("wayOwn")}</dd>
          <dt className="text-slate-600">{t("rowCounts")}</dt>
          <dd data-testid="ledger-counts">{t("counts", counts)}</dd>
        </dl>
      </Section>

      <Section headingId="ledger-rows" heading={t("rowsHeading")}>
        <TableScroll label={t("rowsHeading")}>
          <table className="w-full text-sm" data-testid="ledger-rows">
            <caption className="sr-only">{t("rowsCaption")}</caption>
            <TableHead labels={[t("colRow"), t("colNumber"), t("colTask"), t("colChanges"), t("colResult")]} />
            <tbody>
              {rows.map((row) => (
                <tr key={row.row} className="border-t border-slate-100">
                  <td className={cell}>{row.row}</td>
                  <td className={`${cell} whitespace-nowrap`} lang="zh-CN">
                    {row.item.number ?? "—"}
                  </td>
                  <td className={`${cell} min-w-40`} lang="zh-CN">
                    {row.item.title}
                  </td>
                  <td className={`${cell} min-w-56`}>
                    {row.changes.length > 0 ? (
                      <ul className="space-y-0.5">
                        {row.changes.map((change) => (
                          <li key={change.field}>
                            {t("change", {
                              field: t(`fields.${change.field}`),
                              before: shorten(empty(change.portal)),
                              after: shorten(empty(change.workbook)),
                            })}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      t("noChanges")
                    )}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    <Badge tone={RESULT_TONE[row.result]}>{t(`results.${row.result}`)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>

      {conflicts.length > 0 ? (
        <Section headingId="ledger-conflicts" heading={t("conflictsHeading")} className="space-y-3">
          <p className="text-sm text-slate-700">{t("conflictsHint")}</p>
          {conflicts.map((row) => (
            <article key={row.row} className="space-y-2 rounded-md border border-amber-200 p-3" data-testid="ledger-conflict">
              <h3 className="font-medium" lang="zh-CN">
                {t("conflictRow", { row: row.row, task: taskOf(row.item) })}
              </h3>
              {row.changes.map((change) => (
                <div key={change.field} className="space-y-1 text-sm">
                  <h4 className="font-medium text-slate-700">{t(`fields.${change.field}`)}</h4>
                  <div className="grid gap-2 sm:grid-cols-2">
                    <div>
                      <p className="text-xs text-slate-600">{t("portalText")}</p>
                      <p className="whitespace-pre-wrap rounded bg-slate-50 p-2" lang="zh-CN">
                        {empty(change.portal)}
                      </p>
                    </div>
                    <div>
                      <p className="text-xs text-slate-600">{t("workbookText")}</p>
                      <p className="whitespace-pre-wrap rounded bg-amber-50 p-2" lang="zh-CN">
                        {empty(change.workbook)}
                      </p>
                    </div>
                  </div>
                </div>
              ))}
            </article>
          ))}
        </Section>
      ) : null}

      {problems.length > 0 ? (
        <Section headingId="ledger-problems" heading={t("problemsHeading")} className="space-y-2">
          <p className="text-sm text-slate-700">{t("problemsHint")}</p>
          <ul className="list-disc space-y-1 pl-5 text-sm" lang="zh-CN" data-testid="ledger-problems">
            {problems.map((problem, index) => (
              <li key={index}>
                {problem.row !== undefined && problem.column
                  ? t("problemAt", { row: problem.row, column: problem.column, message: problem.message })
                  : problem.row !== undefined
                    ? t("problemAtRow", { row: problem.row, message: problem.message })
                    : problem.message}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {preview.status === "PENDING" || preview.status === "APPLYING" ? (
        <Section headingId="ledger-apply" heading={t("applyHeading")} className="space-y-3">
          <ApplyImportForm
            importId={preview.id}
            total={preview.progress.total}
            next={preview.progress.next}
            startedMode={preview.status === "APPLYING" ? preview.mode : null}
            canApply={preview.canApply}
          />
        </Section>
      ) : null}

      <p className="flex flex-wrap gap-4 text-sm">
        <Link href="/reports/import" className="text-brand-700 underline">
          {t("uploadAnother")}
        </Link>
        {preview.onBehalf ? (
          <Link href={`/rounds/${preview.round.id}`} className="text-brand-700 underline">
            {t("openRound", { round: preview.round.name })}
          </Link>
        ) : (
          <Link href="/my-tasks" className="text-brand-700 underline">
            {t("openMyTasks")}
          </Link>
        )}
      </p>
    </div>
  );
}
