import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/server/record";
import { AppError } from "@/lib/core/errors";
import { fieldErrorKeys } from "@/lib/core/form";
import { auditTarget } from "@/lib/core/operations";
import { reportEvent } from "@/lib/reporting/events";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import { reportFormSchema, type ReportFormInput } from "@/lib/reporting/schemas";
import { notifyUnit } from "./notify";

/** The states in which a report may still change (while its round is open). */
export const EDITABLE_STATES = ["OWED", "DRAFT", "RETURNED"] as const;

/**
 * The report form's schema, applied where a report is written: a caller that skipped the form's
 * action (a script, the workbook import) cannot store what the form would refuse.
 */
export function checkReportForm(input: unknown): ReportFormInput {
  const checked = reportFormSchema.safeParse(input);
  if (!checked.success) throw new AppError("VALIDATION", "VALIDATION", {}, fieldErrorKeys(checked.error));
  return checked.data;
}

function snapshotOf(input: ReportFormInput) {
  return {
    status: input.status ?? null,
    completion: input.completion ?? null,
    workDone: input.workDone,
    problems: input.problems,
    nextSteps: input.nextSteps,
    eventsHeld: input.eventsHeld ?? null,
    peopleReached: input.peopleReached ?? null,
  };
}

/** Where a write comes from when it is not the report form: a workbook upload, perhaps entered by CAST on the unit's behalf (代填). */
export interface ImportSource {
  importId: number;
  fileName: string;
  onBehalf: boolean;
  /** For the unit's inbox message when entered on its behalf. */
  itemTitle: string;
  roundName: string;
}

/**
 * One save or submission of a report, in the caller's transaction — the one write the report form
 * and the workbook import share: the version guard (null when the report changed or left the
 * editable states meanwhile: nothing is written), the outputs rewritten, the SUBMITTED or
 * RESUBMITTED event, the audit row (report.save / report.submit). From a workbook CAST entered on
 * the unit's behalf it also records who entered it and from which file, adds the 市科协代填 event
 * and tells the unit's liaisons.
 */
export async function writeReport(
  tx: Prisma.TransactionClient,
  report: { id: number; roundId: number; itemId: number; unitId: number; state: string },
  writer: Actor,
  input: ReportFormInput,
  now: Date,
  source?: ImportSource,
): Promise<{ state: "SUBMITTED" | "RETURNED" | "DRAFT"; version: number } | null> {
  const operation = input.intent === "submit" ? REPORTING_OPERATIONS.submitReport : REPORTING_OPERATIONS.saveReport;
  const data = snapshotOf(input);
  const nextState = input.intent === "submit" ? "SUBMITTED" : report.state === "RETURNED" ? "RETURNED" : "DRAFT";
  const onBehalf = source?.onBehalf === true;
  const { count } = await tx.progressReport.updateMany({
    where: { id: report.id, version: input.version, state: { in: [...EDITABLE_STATES] } },
    data: {
      ...data,
      state: nextState,
      version: { increment: 1 },
      ...(input.intent === "submit" ? { submittedAt: now, submissionKey: input.submissionKey || null } : {}),
      ...(onBehalf
        ? { enteredById: writer.userId, enteredByName: writer.displayName, enteredAt: now, enteredImportId: source.importId }
        : {}),
    },
  });
  if (count === 0) return null;
  await tx.reportOutput.deleteMany({ where: { reportId: report.id } });
  await tx.reportOutput.createMany({
    data: input.outputs.map((output, index) => ({ ...output, reportId: report.id, position: index + 1 })),
  });
  if (onBehalf) await tx.reportEvent.create({ data: reportEvent(report, "ENTERED_ON_BEHALF", writer, now, source.fileName) });
  if (input.intent === "submit") {
    await tx.reportEvent.create({ data: reportEvent(report, report.state === "RETURNED" ? "RESUBMITTED" : "SUBMITTED", writer, now) });
  }
  if (onBehalf) {
    await notifyUnit(
      tx,
      report.unitId,
      {
        kind: "ENTERED_ON_BEHALF",
        params: { item: source.itemTitle, round: source.roundName, file: source.fileName },
        title: `市科协已代为填报：${source.itemTitle}`,
        body: `${source.roundName}。文件：${source.fileName}`,
        link: `/reports/${report.id}`,
      },
      now,
    );
  }
  await appendAudit(
    tx,
    {
      ...auditTarget(operation, report.id),
      result: "SUCCESS",
      actor: writer,
      details: {
        state: nextState,
        after: data,
        outputs: input.outputs,
        ...(source ? { importId: source.importId, fileName: source.fileName, onBehalf: source.onBehalf } : {}),
      },
    },
    now,
  );
  return { state: nextState, version: input.version + 1 };
}
