import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit, audit } from "@/lib/audit/server/record";
import { authorize, deny } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { fieldErrorKeys } from "@/lib/core/form";
import { auditTarget } from "@/lib/core/operations";
import { reportEvent } from "@/lib/reporting/events";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import { approveReportsSchema, type ApproveReportsInput } from "@/lib/reporting/schemas";
import { notifyUnit } from "./notify";

/**
 * The reason a refusal records (and the audit page words, REASON_SENTENCES) when a reviewer tries
 * to approve a report they entered on the unit's behalf (代填): four eyes on what CAST typed in.
 */
export const OWN_ENTRY_REASON = "entered on the unit's behalf by the reviewer";

/** What a review reads of a report: its place, state and version, who entered it, for the message its title and round. */
export const reviewedReportInclude = {
  unit: { select: { name: true } },
  item: { select: { number: true, title: true } },
  round: { select: { name: true, status: true } },
} as const satisfies Prisma.ProgressReportInclude;

type ReviewedReport = Prisma.ProgressReportGetPayload<{ include: typeof reviewedReportInclude }>;

/**
 * The approval or return of one submitted report, in the caller's transaction: the state change
 * guarded by the version the reviewer saw (false when the report changed or left SUBMITTED
 * meanwhile: nothing is written), the timeline event, the unit's inbox message and the audit row.
 */
export async function writeReview(
  tx: Prisma.TransactionClient,
  report: ReviewedReport,
  reviewer: Actor,
  decision: { state: "APPROVED" | "RETURNED"; version: number; comment: string },
  now: Date,
): Promise<boolean> {
  const { state, version, comment } = decision;
  const { count } = await tx.progressReport.updateMany({
    where: { id: report.id, version, state: "SUBMITTED" },
    data: { state, reviewedAt: now, version: { increment: 1 } },
  });
  if (count === 0) return false;
  await tx.reportEvent.create({ data: reportEvent(report, state, reviewer, now, comment || null) });
  await notifyUnit(
    tx,
    report.unitId,
    {
      kind: state,
      params: { item: report.item.title, round: report.round.name, comment: comment || null },
      title: state === "RETURNED" ? `报告被退回修改：${report.item.title}` : `报告已审核通过：${report.item.title}`,
      body: state === "RETURNED" ? `${report.round.name}。退回意见：${comment}` : `${report.round.name}。`,
      link: `/reports/${report.id}`,
    },
    now,
  );
  const operation = state === "APPROVED" ? REPORTING_OPERATIONS.approveReport : REPORTING_OPERATIONS.returnReport;
  await appendAudit(
    tx,
    { ...auditTarget(operation, report.id), result: "SUCCESS", actor: reviewer, details: { comment: comment || null } },
    now,
  );
  return true;
}

/**
 * Why a selected report was not approved: it changed since the queue showed it (`changed`: another
 * version, withdrawn or returned), was approved meanwhile, was entered on the unit's behalf by the
 * reviewer (`ownEntry`), or no longer exists.
 */
export type BulkSkipReason = "changed" | "alreadyApproved" | "ownEntry" | "notFound";

export interface BulkApprovalRow {
  reportId: number;
  unitName: string;
  itemNumber: string | null;
  itemTitle: string;
}

export interface BulkApprovalResult {
  approved: BulkApprovalRow[];
  skipped: (BulkApprovalRow & { reason: BulkSkipReason })[];
}

/**
 * 批量通过: approves each selected report exactly as a single approval would, each in its own
 * transaction (state guarded by the version the reviewer saw, timeline event, inbox message,
 * `report.approve` audit row). A report that changed, left SUBMITTED or was entered on the unit's
 * behalf by the reviewer is skipped and named; the others are approved. A summary of the whole
 * batch is audited as `report.approve_many`.
 */
export async function approveReports(actor: Actor | null, input: ApproveReportsInput, now = new Date()): Promise<BulkApprovalResult> {
  const operation = REPORTING_OPERATIONS.approveReports;
  const reviewer = await authorize(actor, operation);
  const checked = approveReportsSchema.safeParse(input);
  if (!checked.success) {
    const key = fieldErrorKeys(checked.error).reports ?? "VALIDATION";
    throw new AppError("VALIDATION", key, {}, { reports: key });
  }
  // The version first selected counts, if a report is listed twice.
  const selected = new Map<number, number>();
  for (const ref of checked.data.reports) if (!selected.has(ref.reportId)) selected.set(ref.reportId, ref.version);
  const reports = new Map(
    (await db.progressReport.findMany({ where: { id: { in: [...selected.keys()] } }, include: reviewedReportInclude })).map((report) => [
      report.id,
      report,
    ]),
  );
  const result: BulkApprovalResult = { approved: [], skipped: [] };
  for (const [reportId, version] of selected) {
    const report = reports.get(reportId);
    if (!report) {
      result.skipped.push({ reportId, unitName: "", itemNumber: null, itemTitle: "", reason: "notFound" });
      continue;
    }
    const row: BulkApprovalRow = { reportId, unitName: report.unit.name, itemNumber: report.item.number, itemTitle: report.item.title };
    if (report.enteredById === reviewer.userId) {
      // Audited as the refusal a single approval gets; the batch goes on with the others.
      await deny(reviewer, REPORTING_OPERATIONS.approveReport, reportId, OWN_ENTRY_REASON).catch(() => undefined);
      result.skipped.push({ ...row, reason: "ownEntry" });
      continue;
    }
    const approved =
      report.state === "SUBMITTED" &&
      report.version === version &&
      (await db.$transaction((tx) => writeReview(tx, report, reviewer, { state: "APPROVED", version, comment: "" }, now)));
    if (approved) result.approved.push(row);
    else result.skipped.push({ ...row, reason: report.state === "APPROVED" ? "alreadyApproved" : "changed" });
  }
  await audit(
    {
      ...auditTarget(operation, null),
      actor: reviewer,
      result: "SUCCESS",
      details: {
        approvedReports: result.approved.map((row) => row.reportId),
        skippedReports: result.skipped.map((row) => row.reportId),
      },
    },
    now,
  );
  return result;
}
