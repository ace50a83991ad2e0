import "server-only";
import type { Actor } from "@/lib/core/actor";
import { audit } from "@/lib/audit/server/record";
import { authorize, deny } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { auditTarget, mayAttemptOnAny } from "@/lib/core/operations";
import type { LedgerSourceRow } from "@/lib/reporting/ledger/format";
import { buildLedgerWorkbook } from "@/lib/reporting/ledger/workbook";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

// The round workbook out (the ledger round-trip, see lib/reporting/ledger/format.ts): a unit's
// reports of an open round that are still owed, one row each, to fill offline and upload back.

const OPERATION = REPORTING_OPERATIONS.downloadWorkbook;
/** The reports a workbook lists: those the unit can still change. */
const OWED_STATES = ["OWED", "DRAFT", "RETURNED"] as const;
/** How many ancestors an item's print position is read through (part → section → measure → work item → column). */
const ANCESTOR_DEPTH = 5;

/** The name a unit-less (all units) workbook goes by, in its file name and guide. */
export const ALL_UNITS_LABEL = "全部单位";

type Positioned = { position: number; parent?: Positioned | null };

/** `parent: { select: { position, parent: { … } } }`, ANCESTOR_DEPTH levels deep. */
function ancestorSelect(depth: number): object {
  return depth === 0 ? { select: { position: true } } : { select: { position: true, parent: ancestorSelect(depth - 1) } };
}

/** An item's place in its plan's printed order: the positions from the top of the tree down to it. */
function printPath(item: Positioned): number[] {
  const path: number[] = [];
  for (let node: Positioned | null | undefined = item; node; node = node.parent) path.unshift(node.position);
  return path;
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Characters a file name cannot carry on Windows (where most workbooks are opened), and control characters. */
function fileNamePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_").trim();
}

/**
 * The round workbook (填报表) of an open round as an .xlsx. A liaison gets their own unit's (`unit`
 * absent or their unit); CAST (report:on_behalf) any unit's, or every unit's in one (`"all"`, or
 * absent), with the 填报单位 column filled and the rows ordered by unit. Only reports still owed
 * (not yet submitted, or returned) are listed, in the order the plan prints their items; a returned
 * report carries its last return comment. The download is audited.
 */
export async function roundWorkbook(
  actor: Actor | null,
  roundId: number,
  unit: number | "all" | undefined,
  now = new Date(),
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const checked = await authorize(actor, OPERATION, roundId);
  let unitId: number | null;
  if (mayAttemptOnAny(checked.role, OPERATION)) {
    unitId = unit === undefined || unit === "all" ? null : unit;
  } else {
    // A liaison: their own unit's workbook only.
    if (checked.unitId === null) return deny(checked, OPERATION, roundId, "no_unit");
    if (unit === "all") return deny(checked, OPERATION, roundId, "all_units_not_own");
    if (unit !== undefined && unit !== checked.unitId) return deny(checked, OPERATION, roundId, "not_own_unit");
    unitId = checked.unitId;
  }

  const round = await db.reportingRound.findUnique({
    where: { id: roundId },
    select: { id: true, name: true, period: true, deadline: true, status: true },
  });
  if (!round) throw new AppError("NOT_FOUND");
  if (round.status !== "OPEN") throw new AppError("CONFLICT", "workbookRoundClosed");
  const unitRow = unitId === null ? null : await db.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true } });
  if (unitId !== null && !unitRow) throw new AppError("NOT_FOUND");

  const reports = await db.progressReport.findMany({
    where: { roundId, state: { in: [...OWED_STATES] }, ...(unitId === null ? {} : { unitId }) },
    select: {
      id: true,
      version: true,
      role: true,
      state: true,
      status: true,
      completion: true,
      workDone: true,
      problems: true,
      nextSteps: true,
      eventsHeld: true,
      peopleReached: true,
      unit: { select: { id: true, name: true, sortOrder: true } },
      item: {
        select: {
          id: true,
          number: true,
          title: true,
          position: true,
          planId: true,
          plan: { select: { sortOrder: true } },
          parent: ancestorSelect(ANCESTOR_DEPTH - 1) as { select: { position: true } },
        },
      },
      outputs: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { name: true, value: true, unit: true } },
    },
  });
  // The last return's comment of each returned report: one query, newest first.
  const returned = reports.filter((report) => report.state === "RETURNED").map((report) => report.id);
  const returns =
    returned.length === 0
      ? []
      : await db.reportEvent.findMany({
          where: { reportId: { in: returned }, type: "RETURNED" },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { reportId: true, comment: true },
        });
  const lastComment = new Map<number, string | null>();
  for (const event of returns)
    if (event.reportId !== null && !lastComment.has(event.reportId)) lastComment.set(event.reportId, event.comment);

  const sorted = reports
    .map((report) => ({ report, path: printPath(report.item as Positioned) }))
    .sort(
      (a, b) =>
        a.report.unit.sortOrder - b.report.unit.sortOrder ||
        a.report.unit.id - b.report.unit.id ||
        a.report.item.plan.sortOrder - b.report.item.plan.sortOrder ||
        a.report.item.planId - b.report.item.planId ||
        compareNumbers(a.path, b.path) ||
        a.report.item.id - b.report.item.id,
    )
    .map(({ report }) => report);

  const rows: LedgerSourceRow[] = sorted.map((report) => ({
    reportId: report.id,
    version: report.version,
    unitName: report.unit.name,
    itemNumber: report.item.number,
    itemTitle: report.item.title,
    role: report.role,
    state: report.state,
    returnComment: report.state === "RETURNED" ? (lastComment.get(report.id) ?? null) : null,
    values: {
      status: report.status,
      completion: report.completion,
      workDone: report.workDone,
      problems: report.problems,
      nextSteps: report.nextSteps,
      eventsHeld: report.eventsHeld,
      peopleReached: report.peopleReached,
      outputs: report.outputs.map((output) => ({ name: output.name, value: output.value, unit: output.unit })),
    },
  }));
  const bytes = await buildLedgerWorkbook(
    { round: { id: round.id, name: round.name, period: round.period, deadline: round.deadline }, unit: unitRow, generatedAt: now },
    rows,
  );
  await audit({
    ...auditTarget(OPERATION, roundId),
    result: "SUCCESS",
    actor: checked,
    details: { unit: unitRow?.name ?? ALL_UNITS_LABEL, rows: rows.length },
  });
  return {
    fileName: `${fileNamePart(round.name)}-${fileNamePart(unitRow?.name ?? ALL_UNITS_LABEL)}-填报表.xlsx`,
    bytes,
    rows: rows.length,
  };
}
