import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { OpenEvaluationForm } from "@/components/evaluation/OpenEvaluationForm";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { TableHead } from "@/components/ui/TableHead";
import { TableScroll } from "@/components/ui/TableScroll";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { mayAttempt } from "@/lib/core/operations";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { EVALUATION_OPERATIONS } from "@/lib/evaluation/operations";
import { listEvaluations } from "@/lib/evaluation/server/evaluations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("evaluation"))("title") };
}

export default async function EvaluationsPage() {
  const actor = await requirePageActor();
  const [t, { evaluations, plans }] = await Promise.all([getTranslations("evaluation"), loadForPage(() => listEvaluations(actor))]);
  const master = plans.find((plan) => plan.code === "sz-2022-2025") ?? plans[0] ?? null;
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      {mayAttempt(actor.role, EVALUATION_OPERATIONS.openEvaluation) ? (
        <Section headingId="open-evaluation" heading={t("openTitle")} headingClassName="mb-2 text-lg">
          <p className="mb-3 text-sm text-slate-600">{t("openDescription")}</p>
          <OpenEvaluationForm
            plans={plans.map((plan) => ({ id: plan.id, label: `${plan.shortTitle}（${plan.startYear}—${plan.endYear}）` }))}
            defaultPlanId={master?.id ?? null}
          />
        </Section>
      ) : null}
      {evaluations.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <TableScroll label={t("listLabel")}>
          <table className="min-w-full text-sm">
            <TableHead
              labels={[
                t("columns.title"),
                t("columns.plan"),
                t("columns.status"),
                t("columns.version"),
                t("columns.created"),
                t("columns.finalised"),
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {evaluations.map((evaluation) => (
                <tr key={evaluation.id}>
                  <td className="px-3 py-2">
                    <Link href={`/evaluations/${evaluation.id}`} className="text-brand-700 underline">
                      {evaluation.title}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{evaluation.plan.shortTitle}</td>
                  <td className="px-3 py-2">
                    <Badge tone={evaluation.status === "FINAL" ? "green" : "amber"}>{t(`status.${evaluation.status}`)}</Badge>
                  </td>
                  <td className="px-3 py-2">{t("versionNumber", { number: evaluation.version })}</td>
                  <td className="px-3 py-2">
                    {t("byOn", { name: evaluation.createdByName ?? "", date: formatShanghaiDateTime(evaluation.createdAt) })}
                  </td>
                  <td className="px-3 py-2">
                    {evaluation.finalisedAt
                      ? t("byOn", { name: evaluation.finalisedByName ?? "", date: formatShanghaiDateTime(evaluation.finalisedAt) })
                      : t("none")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
