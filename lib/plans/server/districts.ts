import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AssignmentRole, PlanStatus, ProgressStatus, ReportState } from "@/lib/generated/prisma/enums";
import type { Light, LightReason } from "@/lib/reporting/traffic-light";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { can } from "@/lib/core/permissions";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { reportLight } from "@/lib/reporting/server/rounds";

/** The newest report on a district item: what the measure page shows as its latest progress. */
export interface DistrictItemProgress {
  reportId: number;
  unitName: string;
  role: AssignmentRole;
  state: ReportState;
  status: ProgressStatus | null;
  completion: number | null;
  submittedAt: Date | null;
  round: { id: number; name: string; deadline: Date };
  light: Light;
  reason: LightReason;
  isDemo: boolean;
}

export interface DistrictItem {
  id: number;
  number: string | null;
  title: string;
  plan: { code: string; shortTitle: string; status: PlanStatus; isDemo: boolean };
  /** The city item it serves (the measure itself, or on a section's page one of its measures). */
  serves: { id: number; number: string | null; title: string };
  progress: DistrictItemProgress | null;
}

export interface DistrictGroup {
  district: { id: number; name: string };
  items: DistrictItem[];
}

/**
 * Which plans' district items the actor sees: published and ended ones for every reader; drafts
 * only for their editors (CAST staff, and a district liaison their own district's).
 */
function visibleDistrictPlans(actor: Actor): Prisma.PlanWhereInput {
  const drafts: Prisma.PlanWhereInput[] = can(actor.role, "plan:edit")
    ? [{ status: "DRAFT" }]
    : can(actor.role, "plan:district") && actor.unitId !== null
      ? [{ status: "DRAFT", districtId: actor.unitId }]
      : [];
  return { kind: "DISTRICT", districtId: { not: null }, OR: [{ status: { in: ["PUBLISHED", "ENDED"] } }, ...drafts] };
}

/**
 * 各区落实情况 of a city measure (or section): per district, the items of its district plan that
 * serve the measure (SERVES links into it; on a section, into the section or its measures), each
 * with its latest progress — the report of the newest round it was in (the lead's when several
 * units report). A liaison sees their own unit's reports and others' approved ones only, as they
 * read reports elsewhere. Four bounded queries whatever the number of districts and rounds.
 */
export async function getDistrictProgress(actor: Actor | null, itemId: number, now = new Date()): Promise<DistrictGroup[]> {
  const reader = await authorize(actor, PLAN_OPERATIONS.readItem, itemId);
  const item = await db.planItem.findUnique({
    where: { id: itemId },
    select: { id: true, kind: true, children: { where: { kind: "MEASURE" }, select: { id: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND");
  if (item.kind !== "MEASURE" && item.kind !== "SECTION") return [];
  const targets = [item.id, ...(item.kind === "SECTION" ? item.children.map((child) => child.id) : [])];
  const links = await db.planItemLink.findMany({
    where: {
      type: "SERVES",
      toItemId: { in: targets },
      fromItem: { archivedAt: null, plan: visibleDistrictPlans(reader) },
    },
    orderBy: [{ fromItem: { plan: { district: { sortOrder: "asc" } } } }, { fromItem: { plan: { id: "asc" } } }, { fromItemId: "asc" }],
    select: {
      toItem: { select: { id: true, number: true, title: true } },
      fromItem: {
        select: {
          id: true,
          number: true,
          title: true,
          plan: {
            select: { code: true, shortTitle: true, status: true, isDemo: true, district: { select: { id: true, name: true } } },
          },
        },
      },
    },
  });
  const itemIds = [...new Set(links.map((link) => link.fromItem.id))];
  const progress = await latestProgress(reader, itemIds, now);

  const groups = new Map<number, DistrictGroup>();
  const seen = new Set<number>();
  for (const { fromItem, toItem } of links) {
    const district = fromItem.plan.district;
    if (!district || seen.has(fromItem.id)) continue;
    seen.add(fromItem.id);
    const group = groups.get(district.id) ?? { district, items: [] };
    group.items.push({
      id: fromItem.id,
      number: fromItem.number,
      title: fromItem.title,
      plan: { code: fromItem.plan.code, shortTitle: fromItem.plan.shortTitle, status: fromItem.plan.status, isDemo: fromItem.plan.isDemo },
      serves: toItem,
      progress: progress.get(fromItem.id) ?? null,
    });
    groups.set(district.id, group);
  }
  return [...groups.values()];
}

/** The newest readable report of each item: one grouped query for the newest round, one for its reports. */
async function latestProgress(reader: Actor, itemIds: number[], now: Date): Promise<Map<number, DistrictItemProgress>> {
  const result = new Map<number, DistrictItemProgress>();
  if (itemIds.length === 0) return result;
  const readable: Prisma.ProgressReportWhereInput =
    reader.role === "LIAISON" ? { OR: [{ unitId: reader.unitId ?? -1 }, { state: "APPROVED" }] } : {};
  const newest = await db.progressReport.groupBy({
    by: ["itemId"],
    where: { itemId: { in: itemIds }, ...readable },
    _max: { roundId: true },
  });
  const pairs = newest.filter((row) => row._max.roundId !== null).map((row) => ({ itemId: row.itemId, roundId: row._max.roundId! }));
  if (pairs.length === 0) return result;
  const reports = await db.progressReport.findMany({
    where: { AND: [{ OR: pairs }, readable] },
    orderBy: [{ role: "asc" }, { unit: { sortOrder: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      itemId: true,
      role: true,
      state: true,
      status: true,
      completion: true,
      submittedAt: true,
      isDemo: true,
      unit: { select: { name: true } },
      round: { select: { id: true, name: true, deadline: true } },
    },
  });
  for (const report of reports) {
    if (result.has(report.itemId)) continue;
    const { light, reason } = reportLight(report, report.round.deadline, now);
    result.set(report.itemId, {
      reportId: report.id,
      unitName: report.unit.name,
      role: report.role,
      state: report.state,
      status: report.status,
      completion: report.completion,
      submittedAt: report.submittedAt,
      round: report.round,
      light,
      reason,
      isDemo: report.isDemo,
    });
  }
  return result;
}
