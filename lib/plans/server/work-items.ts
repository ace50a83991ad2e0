import "server-only";
import type { Actor } from "@/lib/core/actor";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateWorkItemInput, UpdateWorkItemInput } from "@/lib/plans/schemas/work-items";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { auditTarget, type OperationSpec } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { assertMayEditPlan, type PlanEditFacts } from "./plan-access";

type Tx = Prisma.TransactionClient;

/** What a revision records: the item as a reader sees it, units by name, links by the other item's number and title. */
export async function itemSnapshot(tx: Tx, itemId: number) {
  const item = await tx.planItem.findUniqueOrThrow({
    where: { id: itemId },
    include: {
      phase: { select: { name: true } },
      parent: { select: { number: true, title: true } },
      assignments: { include: { unit: { select: { name: true } } }, orderBy: [{ role: "asc" }, { position: "asc" }] },
      linksFrom: {
        where: { type: "SERVES" },
        orderBy: { toItemId: "asc" },
        include: { toItem: { select: { number: true, title: true, plan: { select: { shortTitle: true } } } } },
      },
    },
  });
  return {
    number: item.number,
    title: item.title,
    taskStatement: item.taskStatement,
    fullText: item.fullText,
    startDate: item.startDate ? shanghaiDate(item.startDate) : null,
    dueDate: item.dueDate ? shanghaiDate(item.dueDate) : null,
    reportingCycle: item.reportingCycle,
    phase: item.phase?.name ?? null,
    parent: item.parent ? `${item.parent.number ?? ""}${item.parent.title}` : null,
    position: item.position,
    lead: item.assignments.filter((a) => a.role === "LEAD").map((a) => a.unit.name),
    support: item.assignments.filter((a) => a.role === "SUPPORT").map((a) => a.unit.name),
    links: item.linksFrom.map((link) => `${link.toItem.plan.shortTitle} ${link.toItem.number ?? ""}${link.toItem.title}：${link.reason}`),
    archived: item.archivedAt !== null,
  };
}

const snapshot = itemSnapshot;

export type ItemSnapshot = Awaited<ReturnType<typeof itemSnapshot>>;
type Snapshot = ItemSnapshot;

export type RevisionAction = "CREATE" | "UPDATE" | "MOVE" | "ARCHIVE" | "RESTORE";

/** The operation each kind of revision is: the revision history and the audit trail name it alike. */
const REVISION_OPERATION: Record<RevisionAction, OperationSpec> = {
  CREATE: PLAN_OPERATIONS.createItem,
  UPDATE: PLAN_OPERATIONS.updateItem,
  MOVE: PLAN_OPERATIONS.moveItem,
  ARCHIVE: PLAN_OPERATIONS.archiveItem,
  RESTORE: PLAN_OPERATIONS.restoreItem,
};

/** One revision (who, when, before, after) and its audit record, inside the change's transaction. */
export async function recordChange(
  tx: Tx,
  actor: Actor,
  itemId: number,
  version: number,
  action: RevisionAction,
  before: Snapshot | null,
  after: Snapshot,
  now: Date,
) {
  await tx.planItemRevision.create({
    data: {
      itemId,
      version,
      action,
      actorId: actor.userId,
      actorUsername: actor.username,
      actorName: actor.displayName,
      changedAt: now,
      before: before ? JSON.stringify(before) : null,
      after: JSON.stringify(after),
    },
  });
  await appendAudit(
    tx,
    { ...auditTarget(REVISION_OPERATION[action], itemId), result: "SUCCESS", actor, details: { version, before, after } },
    now,
  );
}

/**
 * Dates must fall within the plan's years; the phase must be the plan's (or its parent plan's);
 * units must exist and be active — a deactivated unit takes no new assignment, though an item
 * it already holds keeps it.
 */
export async function checkReferences(
  tx: Tx,
  planId: number,
  input: { startDate?: string; dueDate?: string; phaseId?: number; assignments: { unitId: number }[] },
  itemId?: number,
) {
  const plan = await tx.plan.findUniqueOrThrow({ where: { id: planId }, select: { startYear: true, endYear: true, parentPlanId: true } });
  const inPlan = (day: string) => {
    const year = Number(day.slice(0, 4));
    return year >= plan.startYear && year <= plan.endYear;
  };
  const fieldErrors: Record<string, string> = {};
  if (input.dueDate && !inPlan(input.dueDate)) fieldErrors.dueDate = "dateOutsidePlan";
  if (input.startDate && !inPlan(input.startDate)) fieldErrors.startDate = "dateOutsidePlan";
  const phasePlans = [planId, ...(plan.parentPlanId ? [plan.parentPlanId] : [])];
  if (input.phaseId && !(await tx.planPhase.findFirst({ where: { id: input.phaseId, planId: { in: phasePlans } } })))
    fieldErrors.phaseId = "invalid";
  const unitIds = input.assignments.map((assignment) => assignment.unitId);
  const held = itemId ? (await tx.assignment.findMany({ where: { itemId }, select: { unitId: true } })).map((a) => a.unitId) : [];
  const usable = await tx.unit.count({ where: { id: { in: unitIds }, OR: [{ deactivatedAt: null }, { id: { in: held } }] } });
  if (usable !== unitIds.length) fieldErrors.assignments = "unknownUnit";
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION", "VALIDATION", {}, fieldErrors);
}

function itemData(input: Omit<CreateWorkItemInput, "parentId" | "assignments">) {
  return {
    title: input.title,
    fullText: input.fullText,
    startDate: input.startDate ? shanghaiDayStart(input.startDate) : null,
    dueDate: shanghaiDayStart(input.dueDate),
    reportingCycle: input.reportingCycle,
    phaseId: input.phaseId ?? null,
  };
}

/**
 * Sets the item's units. A unit that stays keeps the name the plan printed for it and its note;
 * a new assignment records the unit's current name as its printed name.
 */
export async function replaceAssignments(tx: Tx, itemId: number, assignments: { unitId: number; role: "LEAD" | "SUPPORT" }[]) {
  const previous = await tx.assignment.findMany({ where: { itemId }, select: { unitId: true, printedName: true, note: true } });
  const kept = new Map(previous.map((assignment) => [assignment.unitId, assignment]));
  const names = new Map(
    (await tx.unit.findMany({ where: { id: { in: assignments.map((a) => a.unitId) } }, select: { id: true, name: true } })).map((unit) => [
      unit.id,
      unit.name,
    ]),
  );
  await tx.assignment.deleteMany({ where: { itemId } });
  let leadPosition = 0;
  let supportPosition = 0;
  await tx.assignment.createMany({
    data: assignments.map((assignment) => ({
      itemId,
      unitId: assignment.unitId,
      role: assignment.role,
      position: assignment.role === "LEAD" ? ++leadPosition : ++supportPosition,
      printedName: kept.get(assignment.unitId)?.printedName ?? names.get(assignment.unitId) ?? null,
      note: kept.get(assignment.unitId)?.note ?? null,
    })),
  });
}

/** The plan an item belongs to, as the edit rule needs it; NOT_FOUND when there is no such item. */
export async function planOfItem(tx: Tx, itemId: number): Promise<PlanEditFacts> {
  const item = await tx.planItem.findUnique({
    where: { id: itemId },
    select: { plan: { select: { id: true, kind: true, status: true, districtId: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND");
  return item.plan;
}

/** CAST breaks a measure into a work item with a due date, a reporting cycle and its units. */
export async function createWorkItem(actor: Actor | null, input: CreateWorkItemInput, now = new Date()) {
  const admin = await authorize(actor, PLAN_OPERATIONS.createItem);
  const target = await db.planItem.findUnique({ where: { id: input.parentId }, select: { id: true } });
  if (target) await assertMayEditPlan(admin, PLAN_OPERATIONS.createItem, await planOfItem(db, target.id), target.id);
  return db.$transaction(async (tx) => {
    const parent = await tx.planItem.findUnique({
      where: { id: input.parentId },
      select: { id: true, kind: true, planId: true, archivedAt: true },
    });
    if (!parent) throw new AppError("NOT_FOUND");
    if (parent.kind !== "MEASURE" || parent.archivedAt) throw new AppError("VALIDATION", "workItemNeedsMeasure");
    await checkReferences(tx, parent.planId, input);
    const position = (await tx.planItem.count({ where: { parentId: parent.id } })) + 1;
    const item = await tx.planItem.create({
      data: { ...itemData(input), planId: parent.planId, parentId: parent.id, kind: "WORK_ITEM", position },
    });
    await replaceAssignments(tx, item.id, input.assignments);
    await recordChange(tx, admin, item.id, 1, "CREATE", null, await snapshot(tx, item.id), now);
    return item;
  });
}

/** The work-item screens change work items only (the general item screens change every kind). */
async function claimVersion(tx: Tx, itemId: number, version: number, data: Prisma.PlanItemUpdateManyMutationInput) {
  const item = await tx.planItem.findUnique({ where: { id: itemId }, select: { kind: true } });
  if (!item) throw new AppError("NOT_FOUND");
  if (item.kind !== "WORK_ITEM") throw new AppError("VALIDATION", "onlyWorkItemsEditable");
  return claimItemVersion(tx, itemId, version, data);
}

/** Claims the version the editor started from; a concurrent edit makes this fail, keeping the other. */
export async function claimItemVersion(tx: Tx, itemId: number, version: number, data: Prisma.PlanItemUpdateManyMutationInput) {
  const { count } = await tx.planItem.updateMany({ where: { id: itemId, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new AppError("CONFLICT", "stalePlanItem");
  return version + 1;
}

export async function updateWorkItem(actor: Actor | null, input: UpdateWorkItemInput, now = new Date()) {
  const admin = await authorize(actor, PLAN_OPERATIONS.updateItem, input.itemId);
  await assertMayEditPlan(admin, PLAN_OPERATIONS.updateItem, await planOfItem(db, input.itemId), input.itemId);
  return db.$transaction(async (tx) => {
    const current = await tx.planItem.findUnique({ where: { id: input.itemId }, select: { planId: true } });
    if (!current) throw new AppError("NOT_FOUND");
    await checkReferences(tx, current.planId, input, input.itemId);
    const before = await snapshot(tx, input.itemId);
    const version = await claimVersion(tx, input.itemId, input.version, itemData(input));
    await replaceAssignments(tx, input.itemId, input.assignments);
    await recordChange(tx, admin, input.itemId, version, "UPDATE", before, await snapshot(tx, input.itemId), now);
    return { version };
  });
}

/** Units and phases for the work-item form. */
export async function workItemFormOptions(actor: Actor | null, planId: number) {
  const editor = await authorize(actor, PLAN_OPERATIONS.openItemForm);
  const master = await db.plan.findUnique({
    where: { id: planId },
    select: { id: true, kind: true, status: true, districtId: true, parentPlanId: true },
  });
  if (!master) throw new AppError("NOT_FOUND");
  await assertMayEditPlan(editor, PLAN_OPERATIONS.openItemForm, master);
  const [units, phases] = await Promise.all([
    // Only active units take new work.
    db.unit.findMany({
      where: { deactivatedAt: null },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true, type: true },
    }),
    db.planPhase.findMany({ where: { planId: master.parentPlanId ?? planId }, orderBy: { position: "asc" } }),
  ]);
  return { units, phases };
}
