import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { ImportCommands } from "@/components/plans/import/ImportCommands";
import { PreviewTree } from "@/components/plans/import/PreviewTree";
import { Alert } from "@/components/ui/Alert";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableHead } from "@/components/ui/TableHead";
import { TableScroll } from "@/components/ui/TableScroll";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { readIdParam } from "@/lib/core/params";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { getPlanImport } from "@/lib/plans/server/plan-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("planImport"))("previewTitle") };
}

const cell = "px-3 py-2 align-top";

export default async function PlanImportPreviewPage({ params }: PageProps<"/plans/import/[id]">) {
  const actor = await requirePageActor();
  const id = await readIdParam(params);
  const [t, preview] = await Promise.all([getTranslations("planImport"), loadForPage(() => getPlanImport(actor, id))]);
  const { plan, diff, problems } = preview;
  return (
    <div className="max-w-5xl space-y-5">
      <PageHeader
        title={t("previewTitle")}
        description={t("previewDescription", { file: preview.fileName, time: formatShanghaiDateTime(preview.createdAt) })}
      />
      {preview.status === "APPLIED" ? (
        <Alert tone="success">
          {t("alreadyApplied")}{" "}
          {preview.appliedPlanCode ? (
            <Link href={`/plans/${preview.appliedPlanCode}`} className="underline">
              {t("openPlan")}
            </Link>
          ) : null}
        </Alert>
      ) : preview.status === "DISCARDED" ? (
        <Alert tone="warning">{t("alreadyDiscarded")}</Alert>
      ) : problems.length > 0 ? (
        <Alert tone="error">{t("hasProblems", { count: problems.length })}</Alert>
      ) : (
        <Alert tone="success">{t("noProblems")}</Alert>
      )}

      <Section headingId="import-plan" heading={t("planHeading")}>
        <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm" lang="zh-CN">
          <dt className="text-slate-600">{t("fields.code")}</dt>
          <dd>{plan.code || "—"}</dd>
          <dt className="text-slate-600">{t("fields.title")}</dt>
          <dd>{plan.title || "—"}</dd>
          <dt className="text-slate-600">{t("fields.kind")}</dt>
          <dd>{plan.kind ? t(`planKinds.${plan.kind}`) : "—"}</dd>
          <dt className="text-slate-600">{t("fields.issuer")}</dt>
          <dd>{[plan.issuer, plan.documentNumber].filter(Boolean).join(" · ") || "—"}</dd>
          <dt className="text-slate-600">{t("fields.years")}</dt>
          <dd>{plan.startYear && plan.endYear ? `${plan.startYear}—${plan.endYear}` : "—"}</dd>
          {plan.district ? (
            <>
              <dt className="text-slate-600">{t("fields.district")}</dt>
              <dd>{plan.district}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("fields.target")}</dt>
          <dd>{preview.target ? t("targetVersion", { title: preview.target.title }) : t("targetNew")}</dd>
          <dt className="text-slate-600">{t("fields.counts")}</dt>
          <dd>{t("counts", preview.counts)}</dd>
        </dl>
      </Section>

      {problems.length > 0 ? (
        <Section headingId="import-problems" heading={t("problemsHeading", { count: problems.length })}>
          <TableScroll label={t("problemsHeading", { count: problems.length })}>
            <table className="w-full text-sm" data-testid="import-problems">
              <caption className="sr-only">{t("problemsHeading", { count: problems.length })}</caption>
              <TableHead labels={[t("sheet"), t("row"), t("column"), t("problem")]} />
              <tbody lang="zh-CN">
                {problems.map((problem, index) => (
                  <tr key={index} className="border-t border-slate-100">
                    <td className={cell}>{problem.sheet}</td>
                    <td className={cell}>{problem.row ?? "—"}</td>
                    <td className={cell}>{problem.column ?? "—"}</td>
                    <td className={cell}>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      ) : null}

      {diff ? (
        <Section headingId="import-diff" heading={t("diffHeading")} className="space-y-4">
          <p className="text-sm" data-testid="import-diff-summary">
            {t("diffSummary", {
              added: diff.added.length,
              changed: diff.changed.length,
              archived: diff.archived.length,
              unchanged: diff.unchanged,
            })}
          </p>
          {diff.added.length > 0 ? (
            <div>
              <h3 className="font-medium">{t("addedHeading")}</h3>
              <ul className="list-disc pl-5 text-sm" lang="zh-CN" data-testid="import-added">
                {diff.added.map((item) => (
                  <li key={item.key}>
                    {[item.number, item.title].filter(Boolean).join(" ")} <span className="text-slate-600">（{item.key}）</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {diff.changed.length > 0 ? (
            <div>
              <h3 className="font-medium">{t("changedHeading")}</h3>
              <TableScroll label={t("changedHeading")}>
                <table className="w-full text-sm" data-testid="import-changed">
                  <caption className="sr-only">{t("changedHeading")}</caption>
                  <TableHead labels={[t("item"), t("field"), t("before"), t("after")]} />
                  <tbody lang="zh-CN">
                    {diff.changed.flatMap((item) =>
                      item.changes.map((change, index) => (
                        <tr key={`${item.key}-${change.field}`} className="border-t border-slate-100">
                          <td className={cell}>{index === 0 ? [item.number, item.title].filter(Boolean).join(" ") : ""}</td>
                          <td className={cell}>{change.label}</td>
                          <td className={`${cell} whitespace-pre-wrap`}>{change.before || "—"}</td>
                          <td className={`${cell} whitespace-pre-wrap`}>{change.after || "—"}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </TableScroll>
            </div>
          ) : null}
          {diff.archived.length > 0 ? (
            <div>
              <h3 className="font-medium">{t("archivedHeading")}</h3>
              <p className="text-xs text-slate-600">{t("archivedHint")}</p>
              <ul className="list-disc pl-5 text-sm" lang="zh-CN" data-testid="import-archived">
                {diff.archived.map((item) => (
                  <li key={item.key}>{[item.number, item.title].filter(Boolean).join(" ")}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </Section>
      ) : null}

      <Section headingId="import-tree" heading={t("treeHeading")}>
        {preview.tree.length > 0 ? <PreviewTree roots={preview.tree} /> : <p className="text-sm text-slate-600">{t("noItems")}</p>}
      </Section>

      {preview.status === "PENDING" ? (
        <Section headingId="import-commands" heading={t("commandsHeading")} className="space-y-3">
          <p className="text-sm text-slate-700">{preview.canApply ? t("applyHint") : t("fixAndUpload")}</p>
          <ImportCommands importId={preview.id} canApply={preview.canApply} />
          <p className="text-sm">
            <Link href="/plans/import" className="text-brand-700 underline">
              {t("uploadAgain")}
            </Link>
          </p>
        </Section>
      ) : null}
    </div>
  );
}
