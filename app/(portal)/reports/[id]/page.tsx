import type { Metadata } from "next";
import { Link } from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { AttachmentPanel } from "@/components/reporting/AttachmentPanel";
import { ConsolidationPanel } from "@/components/reporting/ConsolidationPanel";
import { LightBadge } from "@/components/reporting/LightBadge";
import { ReportForm } from "@/components/reporting/ReportForm";
import { ReviewForm } from "@/components/reporting/ReviewForm";
import { Timeline } from "@/components/reporting/Timeline";
import { Badge } from "@/components/ui/Badge";
import { Section } from "@/components/ui/Card";
import { PageHeader } from "@/components/ui/PageHeader";
import { ZhText } from "@/components/ui/ZhText";
import { formatShanghaiDateTime, shanghaiDate } from "@/lib/core/time";
import { loadForPage, requirePageActor } from "@/lib/core/page";
import { getReport, type ReportDetail } from "@/lib/reporting/server/reports";
import { reportLight } from "@/lib/reporting/server/rounds";
import { readIdParam } from "@/lib/core/params";
import { mayAttempt } from "@/lib/core/operations";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

async function ReportBody({ report }: { report: ReportDetail }) {
  const t = await getTranslations("reports");
  const format = await getTranslations("format");
  // `data`: what the unit wrote, in Chinese, marked so screen readers switch voice on the English UI.
  const field = (label: string, value: string | number | null, wide = false, data = false) => (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="whitespace-pre-wrap text-sm text-slate-900">
        {value === null || value === "" ? "—" : data ? <ZhText>{value}</ZhText> : value}
      </dd>
    </div>
  );
  return (
    <dl className="grid gap-3 sm:grid-cols-2">
      {field(t("status"), report.status ? t(`statuses.${report.status}`) : null)}
      {field(t("completion"), report.completion === null ? null : `${report.completion}%`)}
      {field(t("workDone"), report.workDone, true, true)}
      {field(t("problems"), report.problems, true, true)}
      {field(t("nextSteps"), report.nextSteps, true, true)}
      {field(t("eventsHeld"), report.eventsHeld)}
      {field(t("peopleReached"), report.peopleReached)}
      {report.outputs.length > 0
        ? field(t("outputs"), report.outputs.map((o) => `${o.name} ${o.value}${o.unit}`).join(format("semicolonSeparator")), true, true)
        : null}
    </dl>
  );
}

export default async function ReportPage({ params }: PageProps<"/reports/[id]">) {
  const actor = await requirePageActor();
  const reportId = await readIdParam(params);
  const [t, { report, supporters, totals, editable }] = await Promise.all([getTranslations(), loadForPage(() => getReport(actor, reportId))]);
  const { light, reason } = reportLight(report, report.round.deadline, new Date());
  const mayReview = mayAttempt(actor.role, REPORTING_OPERATIONS.approveReport);
  const reviewable = mayReview && report.state === "SUBMITTED";
  const initial = {
    status: report.status ?? "",
    completion: report.completion === null ? "" : String(report.completion),
    workDone: report.workDone,
    problems: report.problems,
    nextSteps: report.nextSteps,
    eventsHeld: report.eventsHeld === null ? "" : String(report.eventsHeld),
    peopleReached: report.peopleReached === null ? "" : String(report.peopleReached),
    outputs: report.outputs.map((o) => ({ name: o.name, value: String(o.value), unit: o.unit })),
  };
  const returned = [...report.events].reverse().find((event) => event.type === "RETURNED");
  return (
    <article className="max-w-5xl space-y-6">
      <PageHeader
        title={<ZhText>{`${report.unit.name} · ${report.item.number ?? ""}${report.item.title}`}</ZhText>}
        description={
          <>
            <ZhText>{report.round.name}</ZhText> · {t("reports.deadline", { date: shanghaiDate(report.round.deadline) })}
          </>
        }
      />
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={report.state === "APPROVED" ? "green" : report.state === "RETURNED" ? "red" : report.state === "SUBMITTED" ? "blue" : "neutral"}>
          {t(`reports.states.${report.state}`)}
        </Badge>
        <Badge>{t(`plans.roles.${report.role}`)}</Badge>
        <LightBadge light={light} reason={reason} />
        <Link href={`/items/${report.item.id}`} className="text-sm text-brand-700 underline">
          {t("reports.openItem")}
        </Link>
      </div>
      {report.round.status === "CLOSED" ? (
        <div role="status" className="rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-sm text-slate-800">
          {t("rounds.closedNotice")}
        </div>
      ) : null}
      {report.state === "RETURNED" && returned?.comment ? (
        <div role="status" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {t.rich("reports.returnedWith", { comment: returned.comment, data: (chunks) => <ZhText>{chunks}</ZhText> })}
        </div>
      ) : null}
      {report.enteredById !== null ? (
        // 代填: CAST entered this report from the workbook the unit sent.
        <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="entered-on-behalf">
          <p className="font-medium">
            {t.rich("reports.enteredOnBehalf", { name: report.enteredByName ?? "—", data: (chunks) => <ZhText>{chunks}</ZhText> })}
            {report.enteredAt ? <> · {t("reports.enteredOnBehalfAt", { time: formatShanghaiDateTime(report.enteredAt) })}</> : null}
          </p>
          {report.enteredImport ? (
            <p>{t.rich("reports.enteredOnBehalfFile", { file: report.enteredImport.fileName, data: (chunks) => <ZhText>{chunks}</ZhText> })}</p>
          ) : null}
          <p className="mt-1 text-amber-800">{t("reports.enteredOnBehalfHint")}</p>
        </div>
      ) : null}

      {totals && supporters.length > 0 ? (
        <ConsolidationPanel
          reportId={report.id}
          supporters={supporters}
          totals={totals}
          editable={editable}
          mayChase={mayAttempt(actor.role, REPORTING_OPERATIONS.chaseSupporters) && report.round.status === "OPEN"}
          body={(supporter) => <ReportBody report={supporter} />}
        />
      ) : null}

      <Section headingId="report-heading" heading={report.role === "LEAD" ? t("reports.consolidatedHeading") : t("reports.reportHeading")} headingClassName="mb-3">
        {/* Rendered in either case, so the outcome of submitting stays announced when the form turns read-only. */}
        <ReportForm
          reportId={report.id}
          version={report.version}
          initial={initial}
          editable={editable}
          readOnly={editable ? null : <ReportBody report={report} />}
        />
      </Section>

      <Section headingId="attachments-heading" heading={t("reports.attachments")} headingClassName="mb-3">
        <AttachmentPanel reportId={report.id} attachments={report.attachments} editable={editable} />
      </Section>

      {mayReview ? (
        // Rendered while the report awaits review and after: the outcome of a review stays announced.
        <ReviewForm
          reportId={report.id}
          version={report.version}
          canReturn={report.round.status === "OPEN"}
          reviewable={reviewable}
          heading={t("reports.reviewHeading")}
        />
      ) : null}

      <Section headingId="timeline-heading" heading={t("reports.timeline")} headingClassName="mb-3">
        <Timeline events={[...report.events].reverse()} label={t("reports.timeline")} />
      </Section>
    </article>
  );
}
