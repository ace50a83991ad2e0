import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { ZhText } from "@/components/ui/ZhText";
import { LightBadge } from "@/components/reporting/LightBadge";
import { Badge } from "@/components/ui/Badge";
import { Card, Section } from "@/components/ui/Card";
import { buttonClasses } from "@/components/ui/Button";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pager } from "@/components/ui/Pager";
import { readPageQuery } from "@/lib/core/params";
import { listPageSchema } from "@/lib/reporting/schemas";
import { shanghaiDate } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { myTasks } from "@/lib/reporting/server/reports";
import { reportLight } from "@/lib/reporting/server/rounds";
import { mayAttempt } from "@/lib/core/operations";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("myTasks"))("title") };
}

type Tasks = Awaited<ReturnType<typeof myTasks>>;
type Task = Tasks["open"][number];

const inStates = (states: string[]) => (report: Task) => states.includes(report.state);

/**
 * Open rounds by what the liaison has to do; closed rounds last, newest first, as the unit's history,
 * a page at a time (`?page=N`).
 */
const GROUPS: { key: string; select: (tasks: Tasks) => Task[]; count?: (tasks: Tasks) => number }[] = [
  { key: "returned", select: ({ open }) => open.filter(inStates(["RETURNED"])) },
  { key: "due", select: ({ open }) => open.filter(inStates(["OWED"])) },
  { key: "drafts", select: ({ open }) => open.filter(inStates(["DRAFT"])) },
  { key: "done", select: ({ open }) => open.filter(inStates(["SUBMITTED", "APPROVED"])) },
  { key: "history", select: ({ history }) => history, count: ({ historyInfo }) => historyInfo.total },
];

export default async function MyTasksPage({ searchParams }: PageProps<"/my-tasks">) {
  const actor = await requirePageActor();
  const { query } = readPageQuery(listPageSchema, await searchParams);
  const [t, tasks] = await Promise.all([getTranslations(), loadForPage(() => myTasks(actor, query))]);
  const reports = tasks.open;
  const now = new Date();
  // The round workbook: one per open round the unit reports in, to fill offline and upload back.
  const openRounds = mayAttempt(actor.role, REPORTING_OPERATIONS.downloadWorkbook)
    ? [...new Map(reports.map((report) => [report.round.id, report.round])).values()]
    : [];
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader
        title={t("myTasks.title")}
        description={t.rich("myTasks.description", { unit: actor.unitName ?? "", data: (chunks) => <ZhText>{chunks}</ZhText> })}
      />
      {reports.length === 0 && tasks.historyInfo.total === 0 ? <p className="text-sm text-slate-600">{t("myTasks.empty")}</p> : null}
      {openRounds.length > 0 ? (
        <Section headingId="workbook-heading" heading={t("myTasks.workbook.heading")} headingClassName="mb-1 text-lg">
          <p className="mb-3 text-sm text-slate-600">{t("myTasks.workbook.description")}</p>
          <ul className="space-y-2" data-testid="round-workbooks">
            {openRounds.map((round) => {
              const owed = reports.filter(
                (report) => report.round.id === round.id && ["OWED", "DRAFT", "RETURNED"].includes(report.state),
              ).length;
              return (
                <li key={round.id} className="flex flex-wrap items-center gap-3">
                  <span className="font-medium">
                    <ZhText>{round.name}</ZhText>
                  </span>
                  <span className="text-sm text-slate-600">
                    {t("reports.deadline", { date: shanghaiDate(round.deadline) })} · {t("myTasks.workbook.owed", { count: owed })}
                  </span>
                  <a href={`/rounds/${round.id}/workbook`} className={buttonClasses("secondary")} download>
                    {t("myTasks.workbook.download")}
                  </a>
                  <Link href="/reports/import" className="text-brand-700 underline">
                    {t("myTasks.workbook.upload")}
                  </Link>
                </li>
              );
            })}
          </ul>
        </Section>
      ) : null}
      {GROUPS.map((group) => {
        const rows = group.select(tasks);
        if (rows.length === 0) return null;
        return (
          <section key={group.key} aria-labelledby={`group-${group.key}`}>
            <h2 id={`group-${group.key}`} className="mb-2 text-lg font-semibold">
              {t("format.withCount", { label: t(`myTasks.groups.${group.key}`), count: group.count?.(tasks) ?? rows.length })}
            </h2>
            {(["LEAD", "SUPPORT"] as const).map((role) => {
              const byRole = rows.filter((report) => report.role === role);
              if (byRole.length === 0) return null;
              return (
                <div key={role} className="mb-3">
                  <h3 className="mb-1 text-sm font-medium text-slate-700">{t(`myTasks.as.${role}`)}</h3>
                  <ul className="space-y-2">
                    {byRole.map((report) => {
                      const { light, reason } = reportLight(report, report.round.deadline, now);
                      return (
                        <Card as="li" key={report.id} padding="sm" className="flex flex-wrap items-center gap-3">
                          <Link href={`/reports/${report.id}`} className="font-medium text-brand-700 underline">
                            <ZhText>
                              {report.item.number}
                              {report.item.title}
                            </ZhText>
                          </Link>
                          <span className="text-sm text-slate-600">
                            <ZhText>{report.round.name}</ZhText> · {t("reports.deadline", { date: shanghaiDate(report.round.deadline) })}
                          </span>
                          <Badge>{t(`reports.states.${report.state}`)}</Badge>
                          <LightBadge light={light} reason={reason} />
                        </Card>
                      );
                    })}
                  </ul>
                </div>
              );
            })}
            {group.key === "history" ? <Pager info={tasks.historyInfo} href={(page) => `/my-tasks?page=${page}#group-history`} /> : null}
          </section>
        );
      })}
    </div>
  );
}
