import "server-only";
import type { Actor } from "@/lib/core/actor";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateWorkItemInput, UpdateWorkItemInput, WorkItemCommandInput } from "@/lib/plans/schemas/work-items";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { auditTarget, type OperationSpec } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";

type Tx = Prisma.TransactionClient;

/** What a revision records: the item as a reader sees it, units by name. */
async function snapshot(tx: Tx, itemId: number) {
  const item = await tx.planItem.findUniqueOrThrow({
    where: { id: itemId },
    include: {
      phase: { select: { name: true } },
      assignments: { include: { unit: { select: { name: true } } }, orderBy: [{ role: "asc" }, { position: "asc" }] },
    },
  });
  return {
    title: item.title,
    fullText: item.fullText,
    startDate: item.startDate ? shanghaiDate(item.startDate) : null,
    dueDate: item.dueDate ? shanghaiDate(item.dueDate) : null,
    reportingCycle: item.reportingCycle,
    phase: item.phase?.name ?? null,
    lead: item.assignments.filter((a) => a.role === "LEAD").map((a) => a.unit.name),
    support: item.assignments.filter((a) => a.role === "SUPPORT").map((a) => a.unit.name),
    archived: item.archivedAt !== null,
  };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

type RevisionAction = "CREATE" | "UPDATE" | "ARCHIVE" | "RESTORE";

/** The operation each kind of revision is: the revision history and the audit trail name it alike. */
const REVISION_OPERATION: Record<RevisionAction, OperationSpec> = {
  CREATE: PLAN_OPERATIONS.createItem,
  UPDATE: PLAN_OPERATIONS.updateItem,
  ARCHIVE: PLAN_OPERATIONS.archiveItem,
  RESTORE: PLAN_OPERATIONS.restoreItem,
};

async function recordChange(
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

/** Dates must fall within the plan's years, phases and units must exist. */
async function checkReferences(
  tx: Tx,
  planId: number,
  input: Pick<CreateWorkItemInput, "startDate" | "dueDate" | "phaseId" | "assignments">,
) {
  const plan = await tx.plan.findUniqueOrThrow({ where: { id: planId }, select: { startYear: true, endYear: true } });
  const inPlan = (day: string) => {
    const year = Number(day.slice(0, 4));
    return year >= plan.startYear && year <= plan.endYear;
  };
  const fieldErrors: Record<string, string> = {};
  if (!inPlan(input.dueDate)) fieldErrors.dueDate = "dateOutsidePlan";
  if (input.startDate && !inPlan(input.startDate)) fieldErrors.startDate = "dateOutsidePlan";
  if (input.phaseId && !(await tx.planPhase.findFirst({ where: { id: input.phaseId, planId } }))) fieldErrors.phaseId = "invalid";
  const unitIds = input.assignments.map((assignment) => assignment.unitId);
  if ((await tx.unit.count({ where: { id: { in: unitIds } } })) !== unitIds.length) fieldErrors.assignments = "unknownUnit";
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

async function replaceAssignments(tx: Tx, itemId: number, assignments: CreateWorkItemInput["assignments"]) {
  await tx.assignment.deleteMany({ where: { itemId } });
  let leadPosition = 0;
  let supportPosition = 0;
  await tx.assignment.createMany({
    data: assignments.map((assignment) => ({
      itemId,
      unitId: assignment.unitId,
      role: assignment.role,
      position: assignment.role === "LEAD" ? ++leadPosition : ++supportPosition,
    })),
  });
}

/** CAST breaks a measure into a work item with a due date, a reporting cycle and its units. */
export async function createWorkItem(actor: Actor | null, input: CreateWorkItemInput, now = new Date()) {
  const admin = await authorize(actor, PLAN_OPERATIONS.createItem);
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

/** Claims the version the editor started from; a concurrent edit makes this fail, keeping the other. */
async function claimVersion(tx: Tx, itemId: number, version: number, data: Prisma.PlanItemUpdateManyMutationInput) {
  const item = await tx.planItem.findUnique({ where: { id: itemId }, select: { kind: true } });
  if (!item) throw new AppError("NOT_FOUND");
  if (item.kind !== "WORK_ITEM") throw new AppError("VALIDATION", "onlyWorkItemsEditable");
  const { count } = await tx.planItem.updateMany({ where: { id: itemId, version }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw new AppError("CONFLICT", "stalePlanItem");
  return version + 1;
}

export async function updateWorkItem(actor: Actor | null, input: UpdateWorkItemInput, now = new Date()) {
  const admin = await authorize(actor, PLAN_OPERATIONS.updateItem, input.itemId);
  return db.$transaction(async (tx) => {
    const current = await tx.planItem.findUnique({ where: { id: input.itemId }, select: { planId: true } });
    if (!current) throw new AppError("NOT_FOUND");
    await checkReferences(tx, current.planId, input);
    const before = await snapshot(tx, input.itemId);
    const version = await claimVersion(tx, input.itemId, input.version, itemData(input));
    await replaceAssignments(tx, input.itemId, input.assignments);
    await recordChange(tx, admin, input.itemId, version, "UPDATE", before, await snapshot(tx, input.itemId), now);
    return { version };
  });
}

export async function setWorkItemArchived(actor: Actor | null, input: WorkItemCommandInput, archived: boolean, now = new Date()) {
  const action = archived ? "ARCHIVE" : "RESTORE";
  const admin = await authorize(actor, REVISION_OPERATION[action], input.itemId);
  return db.$transaction(async (tx) => {
    const before = await snapshot(tx, input.itemId).catch(() => {
      throw new AppError("NOT_FOUND");
    });
    const version = await claimVersion(tx, input.itemId, input.version, { archivedAt: archived ? now : null });
    await recordChange(tx, admin, input.itemId, version, action, before, await snapshot(tx, input.itemId), now);
    return { version };
  });
}

/** Units and phases for the work-item form. */
export async function workItemFormOptions(actor: Actor | null, planId: number) {
  await authorize(actor, PLAN_OPERATIONS.openItemForm);
  const master = await db.plan.findUnique({ where: { id: planId }, select: { parentPlanId: true } });
  const [units, phases] = await Promise.all([
    db.unit.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, type: true } }),
    db.planPhase.findMany({ where: { planId: master?.parentPlanId ?? planId }, orderBy: { position: "asc" } }),
  ]);
  return { units, phases };
}
