import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/Card";
import type { Actor } from "@/lib/core/actor";
import { can } from "@/lib/core/permissions";
import { feedbackOverview } from "@/lib/feedback/server/moderation";

/**
 * 公众评价 on the leadership dashboard: per section of the current master plan, how many ratings,
 * their average and the published comments (grouped queries, bounded by the sections). Citywide:
 * visitors rate the master plan's sections, so the dashboard's round and district filters do not apply.
 */
export async function FeedbackDashboardCard({ actor }: { actor: Actor }) {
  const [t, overview] = await Promise.all([getTranslations("feedback"), feedbackOverview(actor)]);
  if (overview.sections.length === 0) return null;
  return (
    <Section
      headingId="public-feedback-heading"
      heading={t("dashboardTitle")}
      headingClassName="mb-2"
      className="print:break-inside-avoid"
      data-testid="dashboard-feedback"
    >
      <p className="text-sm text-slate-700">{t("dashboardSummary")}</p>
      <table className="mt-2 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 pr-2">
              {t("columns.section")}
            </th>
            <th scope="col" className="py-1 pr-2 text-right">
              {t("columns.count")}
            </th>
            <th scope="col" className="py-1 pr-2 text-right">
              {t("columns.average")}
            </th>
            <th scope="col" className="py-1 text-right">
              {t("columns.comments")}
            </th>
          </tr>
        </thead>
        <tbody>
          {overview.sections.map((section) => (
            <tr key={section.id} className="border-b border-slate-100">
              <th scope="row" lang="zh-CN" className="py-1 pr-2 font-normal">
                {section.number}
                {section.title}
              </th>
              <td className="py-1 pr-2 text-right">{section.count}</td>
              <td className="py-1 pr-2 text-right">{section.average === null ? t("noAverage") : section.average.toFixed(1)}</td>
              <td className="py-1 text-right">{section.comments}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {overview.pending > 0 && can(actor.role, "feedback:moderate") ? (
        <p className="mt-2 text-sm">
          <Link href="/feedback" className="text-brand-700 underline">
            {t("pendingCount", { count: overview.pending })} · {t("toQueue")}
          </Link>
        </p>
      ) : null}
    </Section>
  );
}
