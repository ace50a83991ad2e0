/**
 * Whole-plan versions (PlanVersion rows): pure functions over the caller's transaction, so the
 * data layer (through lib/plans/server/versions.ts) and the seed loaders record them alike.
 */
import type { Actor } from "@/lib/core/actor";
import { shanghaiDate } from "@/lib/core/time";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** One item of a plan version: what a reader compares, units by name, parent and links by key or id. */
export interface PlanVersionItem {
  id: number;
  key: string | null;
  parentId: number | null;
  kind: string;
  number: string | null;
  position: number;
  title: string;
  taskStatement: string | null;
  fullText: string;
  dueDate: string | null;
  reportingCycle: string | null;
  lead: string[];
  support: string[];
  archived: boolean;
  links: { type: string; toItemId: number; reason: string }[];
}

export interface PlanVersionSnapshot {
  plan: {
    code: string;
    kind: string;
    title: string;
    shortTitle: string;
    issuer: string;
    documentNumber: string | null;
    startYear: number;
    endYear: number;
    status: string;
  };
  goals: { year: number; text: string }[];
  items: PlanVersionItem[];
}

/** The whole plan as it stands inside the transaction. */
export async function planSnapshot(tx: Tx, planId: number): Promise<PlanVersionSnapshot> {
  const plan = await tx.plan.findUniqueOrThrow({ where: { id: planId } });
  const [goals, items, assignments, links] = await Promise.all([
    tx.planGoal.findMany({ where: { planId }, orderBy: { year: "asc" }, select: { year: true, text: true } }),
    tx.planItem.findMany({
      where: { planId },
      orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }, { id: "asc" }],
    }),
    // Assignments and links by plan, not by a list of item ids: a plan of thousands of items stays one query each.
    tx.assignment.findMany({
      where: { item: { planId } },
      orderBy: [{ role: "asc" }, { position: "asc" }, { id: "asc" }],
      select: { itemId: true, role: true, unit: { select: { name: true } } },
    }),
    tx.planItemLink.findMany({ where: { fromItem: { planId } }, select: { fromItemId: true, toItemId: true, type: true, reason: true } }),
  ]);
  const unitsOf = new Map<number, { lead: string[]; support: string[] }>();
  for (const assignment of assignments) {
    const entry = unitsOf.get(assignment.itemId) ?? { lead: [], support: [] };
    (assignment.role === "LEAD" ? entry.lead : entry.support).push(assignment.unit.name);
    unitsOf.set(assignment.itemId, entry);
  }
  const linksOf = new Map<number, PlanVersionItem["links"]>();
  for (const link of links) {
    linksOf.set(link.fromItemId, [
      ...(linksOf.get(link.fromItemId) ?? []),
      { type: link.type, toItemId: link.toItemId, reason: link.reason },
    ]);
  }
  return {
    plan: {
      code: plan.code,
      kind: plan.kind,
      title: plan.title,
      shortTitle: plan.shortTitle,
      issuer: plan.issuer,
      documentNumber: plan.documentNumber,
      startYear: plan.startYear,
      endYear: plan.endYear,
      status: plan.status,
    },
    goals,
    items: items.map((item) => ({
      id: item.id,
      key: item.key,
      parentId: item.parentId,
      kind: item.kind,
      number: item.number,
      position: item.position,
      title: item.title,
      taskStatement: item.taskStatement,
      fullText: item.fullText,
      dueDate: item.dueDate ? shanghaiDate(item.dueDate) : null,
      reportingCycle: item.reportingCycle,
      lead: unitsOf.get(item.id)?.lead ?? [],
      support: unitsOf.get(item.id)?.support ?? [],
      archived: item.archivedAt !== null,
      links: linksOf.get(item.id) ?? [],
    })),
  };
}

export type PlanVersionAction = "PUBLISH" | "IMPORT" | "REIMPORT";

/**
 * Records the whole plan as a new version (raising Plan.version) inside the caller's transaction:
 * every publication and every import is one, so any two can be compared side by side.
 */
export async function recordPlanVersion(tx: Tx, planId: number, action: PlanVersionAction, actor: Actor | null, now = new Date()) {
  const latest = await tx.planVersion.findFirst({ where: { planId }, orderBy: { version: "desc" }, select: { version: true } });
  const version = (latest?.version ?? 0) + 1;
  await tx.plan.update({ where: { id: planId }, data: { version } });
  const snapshot = await planSnapshot(tx, planId);
  await tx.planVersion.create({
    data: {
      planId,
      version,
      action,
      actorId: actor?.userId ?? null,
      actorName: actor?.displayName ?? null,
      createdAt: now,
      snapshot: JSON.stringify(snapshot),
    },
  });
  return version;
}
