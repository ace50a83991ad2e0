import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PlanItemKind } from "@/lib/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize, deny } from "@/lib/core/authz";
import { auditTarget, mayAttemptOnAny, type OperationSpec } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { onUniqueViolation, UNIQUE_KEYS } from "@/lib/core/unique-violation";
import { can } from "@/lib/core/permissions";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import { comparePlanSnapshots, compareFields, pickVersions } from "@/lib/plans/compare";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import {
  mayHoldKind,
  type CreateItemInput,
  type CreatePlanInput,
  type ItemCommandInput,
  type ItemContentInput,
  type MoveItemInput,
  type PlanCommandInput,
  type UpdateItemInput,
  type UpdatePlanInput,
} from "@/lib/plans/schemas/authoring";
import type { PlanVersionSnapshot } from "@/lib/plans/versions";
import { assertMayEditPlan, mayReadPlan } from "./plan-access";
import { currentMasterPlanId } from "./periods";
import { recordPlanVersion } from "./versions";
import { checkReferences, claimItemVersion, itemSnapshot, planOfItem, recordChange, replaceAssignments } from "./work-items";

type Tx = Prisma.TransactionClient;

const planFacts = { id: true, kind: true, status: true, districtId: true } as const;

/* ------------------------------------------------------------------ plans */

/** The particulars as the audit trail records them before and after a change. */
async function particulars(tx: Tx, planId: number) {
  const plan = await tx.plan.findUniqueOrThrow({
    where: { id: planId },
    include: { parentPlan: { select: { code: true } }, district: { select: { name: true } } },
  });
  return {
    code: plan.code,
    kind: plan.kind,
    status: plan.status,
    title: plan.title,
    shortTitle: plan.shortTitle,
    issuer: plan.issuer,
    documentNumber: plan.documentNumber,
    signedOn: plan.signedOn ? shanghaiDate(plan.signedOn) : null,
    publishedOn: plan.publishedOn ? shanghaiDate(plan.publishedOn) : null,
    startYear: plan.startYear,
    endYear: plan.endYear,
    parentPlan: plan.parentPlan?.code ?? null,
    district: plan.district?.name ?? null,
    preamble: plan.preamble,
  };
}

/** The master plan the overview follows (see periods.ts): a district liaison's plan is written under it. */
async function currentMaster() {
  const id = await currentMasterPlanId();
  return id === null ? null : db.plan.findUnique({ where: { id }, select: { id: true, code: true, title: true } });
}

/** The district government a liaison speaks for, or null (a department's liaison has none). */
async function ownDistrict(actor: Actor) {
  if (actor.unitId === null) return null;
  return db.unit.findFirst({
    where: { id: actor.unitId, type: "DISTRICT_GOVERNMENT", deactivatedAt: null },
    select: { id: true, name: true },
  });
}

/**
 * What the new-plan form offers: CAST any kind under any published master plan, for any active
 * district; a district liaison only their own district's plan under the current master plan.
 */
export async function planFormOptions(actor: Actor | null) {
  const editor = await authorize(actor, PLAN_OPERATIONS.openPlanForm);
  if (!mayAttemptOnAny(editor.role, PLAN_OPERATIONS.openPlanForm)) {
    const [district, master] = await Promise.all([ownDistrict(editor), currentMaster()]);
    if (!district || !master) return deny(editor, PLAN_OPERATIONS.openPlanForm, null, "not_a_district");
    return { fixed: { district, master }, masters: [master], districts: [district] };
  }
  const [masters, districts] = await Promise.all([
    db.plan.findMany({
      where: { kind: "MASTER" },
      orderBy: [{ isCurrent: "desc" }, { sortOrder: "asc" }],
      select: { id: true, code: true, title: true },
    }),
    db.unit.findMany({
      where: { type: "DISTRICT_GOVERNMENT", deactivatedAt: null },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  return { fixed: null, masters, districts };
}

/** A new plan, as a DRAFT only its editors see until it is published. */
export async function createPlan(actor: Actor | null, input: CreatePlanInput, now = new Date()) {
  const editor = await authorize(actor, PLAN_OPERATIONS.createPlan);
  let { kind, parentPlanId, districtId } = input;
  if (!mayAttemptOnAny(editor.role, PLAN_OPERATIONS.createPlan)) {
    // A district liaison writes their own district's plan, under the current master plan.
    const [district, master] = await Promise.all([ownDistrict(editor), currentMaster()]);
    if (!district || !master || kind !== "DISTRICT" || districtId !== district.id)
      return deny(editor, PLAN_OPERATIONS.createPlan, null, "not_own_district_plan");
    parentPlanId = master.id;
  }
  if (kind === "MASTER") parentPlanId = undefined;
  if (kind !== "DISTRICT") districtId = undefined;
  kind = input.kind;
  const fieldErrors: Record<string, string> = {};
  if (await db.plan.findUnique({ where: { code: input.code }, select: { id: true } })) fieldErrors.code = "planCodeTaken";
  if (parentPlanId && !(await db.plan.findFirst({ where: { id: parentPlanId, kind: "MASTER" }, select: { id: true } })))
    fieldErrors.parentPlanId = "invalid";
  if (districtId && !(await db.unit.findFirst({ where: { id: districtId, type: "DISTRICT_GOVERNMENT", deactivatedAt: null } })))
    fieldErrors.districtId = "invalid";
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION", "VALIDATION", {}, fieldErrors);
  // A concurrent create of the same code passes the check above; the unique index refuses it with the same message.
  const codeTaken = () => new AppError("VALIDATION", "VALIDATION", {}, { code: "planCodeTaken" });
  return onUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        const last = await tx.plan.findFirst({ orderBy: { sortOrder: "desc" }, select: { sortOrder: true } });
        const plan = await tx.plan.create({
          data: {
            code: input.code,
            kind,
            title: input.title,
            shortTitle: input.shortTitle,
            issuer: input.issuer,
            documentNumber: input.documentNumber ?? null,
            signedOn: input.signedOn ? shanghaiDayStart(input.signedOn) : null,
            publishedOn: input.publishedOn ? shanghaiDayStart(input.publishedOn) : null,
            startYear: input.startYear,
            endYear: input.endYear,
            preamble: input.preamble || null,
            parentPlanId: parentPlanId ?? null,
            districtId: districtId ?? null,
            status: "DRAFT",
            isCurrent: false,
            version: 0,
            createdById: editor.userId,
            sortOrder: (last?.sortOrder ?? 0) + 1,
          },
        });
        await appendAudit(
          tx,
          {
            ...auditTarget(PLAN_OPERATIONS.createPlan, plan.id),
            result: "SUCCESS",
            actor: editor,
            details: { after: await particulars(tx, plan.id) },
          },
          now,
        );
        return plan;
      }),
    [[UNIQUE_KEYS.planCode, codeTaken]],
  );
}

async function editablePlan(editor: Actor, operation: OperationSpec, planId: number) {
  const plan = await db.plan.findUnique({ where: { id: planId }, select: planFacts });
  if (!plan) throw new AppError("NOT_FOUND");
  await assertMayEditPlan(editor, operation, plan);
  return plan;
}

/** The plan's particulars (not its kind, code, parent or district), from the state the form was opened at. */
export async function updatePlan(actor: Actor | null, input: UpdatePlanInput, now = new Date()) {
  const editor = await authorize(actor, PLAN_OPERATIONS.updatePlan, input.planId);
  await editablePlan(editor, PLAN_OPERATIONS.updatePlan, input.planId);
  return db.$transaction(async (tx) => {
    const before = await particulars(tx, input.planId);
    const { count } = await tx.plan.updateMany({
      where: { id: input.planId, updatedAt: new Date(input.updatedAt) },
      data: {
        title: input.title,
        shortTitle: input.shortTitle,
        issuer: input.issuer,
        documentNumber: input.documentNumber ?? null,
        signedOn: input.signedOn ? shanghaiDayStart(input.signedOn) : null,
        publishedOn: input.publishedOn ? shanghaiDayStart(input.publishedOn) : null,
        startYear: input.startYear,
        endYear: input.endYear,
        preamble: input.preamble || null,
        updatedAt: now,
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "stalePlan");
    const after = await particulars(tx, input.planId);
    await appendAudit(
      tx,
      { ...auditTarget(PLAN_OPERATIONS.updatePlan, input.planId), result: "SUCCESS", actor: editor, details: { before, after } },
      now,
    );
    return { updatedAt: now.getTime() };
  });
}

/**
 * Publishes a draft (everyone with plan:read then sees it), or records a published plan's
 * current state as its next version: either way a whole-plan snapshot in PlanVersion.
 */
export async function publishPlan(actor: Actor | null, input: PlanCommandInput, now = new Date()) {
  const editor = await authorize(actor, PLAN_OPERATIONS.publishPlan, input.planId);
  const plan = await editablePlan(editor, PLAN_OPERATIONS.publishPlan, input.planId);
  return db.$transaction(async (tx) => {
    if (plan.status === "DRAFT") await tx.plan.update({ where: { id: plan.id }, data: { status: "PUBLISHED" } });
    const version = await recordPlanVersion(tx, plan.id, "PUBLISH", editor, now);
    await appendAudit(
      tx,
      {
        ...auditTarget(PLAN_OPERATIONS.publishPlan, plan.id),
        result: "SUCCESS",
        actor: editor,
        details: { version, before: { status: plan.status }, after: { status: "PUBLISHED" } },
      },
      now,
    );
    return { version };
  });
}

/** The edit form of a plan's particulars. */
export async function loadPlanForm(actor: Actor | null, code: string) {
  const editor = await authorize(actor, PLAN_OPERATIONS.openPlanForm, code);
  const plan = await db.plan.findUnique({
    where: { code },
    include: { parentPlan: { select: { code: true, title: true } }, district: { select: { name: true } } },
  });
  if (!plan) throw new AppError("NOT_FOUND");
  await assertMayEditPlan(editor, PLAN_OPERATIONS.openPlanForm, plan, code);
  return plan;
}

/* ------------------------------------------------------------------ items */

function contentData(input: ItemContentInput) {
  return {
    number: input.number ?? null,
    title: input.title,
    taskStatement: input.taskStatement ?? null,
    fullText: input.fullText,
    startDate: input.startDate ? shanghaiDayStart(input.startDate) : null,
    dueDate: input.dueDate ? shanghaiDayStart(input.dueDate) : null,
    reportingCycle: input.reportingCycle ?? null,
    phaseId: input.phaseId ?? null,
  };
}

/** A link serves an item of another plan that everyone can read (not a draft), not archived. */
async function checkLinks(tx: Tx, planId: number, links: ItemContentInput["links"], itemId?: number) {
  if (links.length === 0) return;
  const kept = itemId
    ? (await tx.planItemLink.findMany({ where: { fromItemId: itemId, type: "SERVES" }, select: { toItemId: true } })).map((l) => l.toItemId)
    : [];
  const targets = await tx.planItem.findMany({
    where: { id: { in: links.map((link) => link.toItemId) } },
    select: { id: true, planId: true, archivedAt: true, plan: { select: { status: true } } },
  });
  const usable = (id: number) => {
    const target = targets.find((candidate) => candidate.id === id);
    if (!target) return "unknownItem";
    if (target.planId === planId) return "linkSamePlan";
    if (!kept.includes(id) && (target.archivedAt || target.plan.status === "DRAFT")) return "unknownItem";
    return null;
  };
  const problem = links.map((link) => usable(link.toItemId)).find(Boolean);
  if (problem) throw new AppError("VALIDATION", "VALIDATION", {}, { links: problem });
}

async function replaceLinks(tx: Tx, itemId: number, links: ItemContentInput["links"]) {
  await tx.planItemLink.deleteMany({ where: { fromItemId: itemId, type: "SERVES" } });
  if (links.length > 0)
    await tx.planItemLink.createMany({
      data: links.map((link) => ({ fromItemId: itemId, toItemId: link.toItemId, type: "SERVES" as const, reason: link.reason })),
    });
}

/** An item of any kind, at the plan's first level or under another item of the same plan. */
export async function createItem(actor: Actor | null, input: CreateItemInput, now = new Date()) {
  const editor = await authorize(actor, PLAN_OPERATIONS.createItem);
  await editablePlan(editor, PLAN_OPERATIONS.createItem, input.planId);
  return db.$transaction(async (tx) => {
    const parent = input.parentId
      ? await tx.planItem.findUnique({ where: { id: input.parentId }, select: { id: true, kind: true, planId: true, archivedAt: true } })
      : null;
    if (input.parentId && (!parent || parent.planId !== input.planId || parent.archivedAt)) throw new AppError("NOT_FOUND");
    if (!mayHoldKind(parent?.kind ?? "top", input.kind)) throw new AppError("VALIDATION", "itemKindNotHere");
    await checkReferences(tx, input.planId, input);
    await checkLinks(tx, input.planId, input.links);
    const position = (await tx.planItem.count({ where: { planId: input.planId, parentId: parent?.id ?? null } })) + 1;
    const item = await tx.planItem.create({
      data: { ...contentData(input), planId: input.planId, parentId: parent?.id ?? null, kind: input.kind, position },
    });
    await replaceAssignments(tx, item.id, input.assignments);
    await replaceLinks(tx, item.id, input.links);
    await recordChange(tx, editor, item.id, 1, "CREATE", null, await itemSnapshot(tx, item.id), now);
    return item;
  });
}

/** Any item's text, dates, cycle, phase, units and links, from the version the form was opened at. */
export async function updateItem(actor: Actor | null, input: UpdateItemInput, now = new Date()) {
  const editor = await authorize(actor, PLAN_OPERATIONS.updateItem, input.itemId);
  const plan = await planOfItem(db, input.itemId);
  await assertMayEditPlan(editor, PLAN_OPERATIONS.updateItem, plan, input.itemId);
  return db.$transaction(async (tx) => {
    const current = await tx.planItem.findUniqueOrThrow({ where: { id: input.itemId }, select: { kind: true } });
    if (current.kind !== input.kind) throw new AppError("VALIDATION", "VALIDATION", {}, { kind: "invalid" });
    await checkReferences(tx, plan.id, input, input.itemId);
    await checkLinks(tx, plan.id, input.links, input.itemId);
    const before = await itemSnapshot(tx, input.itemId);
    const version = await claimItemVersion(tx, input.itemId, input.version, contentData(input));
    await replaceAssignments(tx, input.itemId, input.assignments);
    await replaceLinks(tx, input.itemId, input.links);
    await recordChange(tx, editor, input.itemId, version, "UPDATE", before, await itemSnapshot(tx, input.itemId), now);
    return { version };
  });
}

/** Numbers siblings 1, 2, 3… in the given order, writing only positions that change. */
async function renumber(tx: Tx, ids: number[], positions: Map<number, number>) {
  for (const [index, id] of ids.entries())
    if (positions.get(id) !== index + 1) await tx.planItem.update({ where: { id }, data: { position: index + 1 } });
}

async function siblingsOf(tx: Tx, planId: number, parentId: number | null) {
  return tx.planItem.findMany({
    where: { planId, parentId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, position: true },
  });
}

/**
 * Up or down among its siblings, or under another item of the same plan (or to its first level).
 * Refused under itself or one of its own descendants, and where its kind may not sit.
 */
export async function moveItem(actor: Actor | null, input: MoveItemInput, now = new Date()) {
  const editor = await authorize(actor, PLAN_OPERATIONS.moveItem, input.itemId);
  const plan = await planOfItem(db, input.itemId);
  await assertMayEditPlan(editor, PLAN_OPERATIONS.moveItem, plan, input.itemId);
  return db.$transaction(async (tx) => {
    const item = await tx.planItem.findUniqueOrThrow({ where: { id: input.itemId }, select: { id: true, kind: true, parentId: true } });
    const before = await itemSnapshot(tx, item.id);
    const siblings = await siblingsOf(tx, plan.id, item.parentId);
    const positions = new Map(siblings.map((sibling) => [sibling.id, sibling.position]));
    let data: Prisma.PlanItemUncheckedUpdateManyInput;
    if (input.direction === "into") {
      const parentId = input.parentId ?? null;
      const parent = parentId
        ? await tx.planItem.findUnique({ where: { id: parentId }, select: { id: true, kind: true, planId: true, archivedAt: true } })
        : null;
      if (parentId && (!parent || parent.planId !== plan.id || parent.archivedAt))
        throw new AppError("VALIDATION", "VALIDATION", {}, { parentId: "invalid" });
      // Walk up from the new parent: meeting the item itself means a cycle.
      for (let cursor = parentId; cursor !== null;) {
        if (cursor === item.id) throw new AppError("VALIDATION", "moveIntoOwnDescendant");
        cursor = (await tx.planItem.findUniqueOrThrow({ where: { id: cursor }, select: { parentId: true } })).parentId;
      }
      if (!mayHoldKind(parent?.kind ?? "top", item.kind)) throw new AppError("VALIDATION", "itemKindNotHere");
      if (parentId === item.parentId) throw new AppError("VALIDATION", "moveNowhere");
      await renumber(
        tx,
        siblings.filter((sibling) => sibling.id !== item.id).map((sibling) => sibling.id),
        positions,
      );
      data = { parentId, position: (await tx.planItem.count({ where: { planId: plan.id, parentId } })) + 1 };
    } else {
      const ids = siblings.map((sibling) => sibling.id);
      const index = ids.indexOf(item.id);
      const other = input.direction === "up" ? index - 1 : index + 1;
      if (other < 0 || other >= ids.length) throw new AppError("VALIDATION", "moveNowhere");
      [ids[index], ids[other]] = [ids[other]!, ids[index]!];
      // Renumber every sibling but the moved one (its position changes with its version below).
      for (const [position, id] of ids.entries())
        if (id !== item.id && positions.get(id) !== position + 1)
          await tx.planItem.update({ where: { id }, data: { position: position + 1 } });
      data = { position: ids.indexOf(item.id) + 1 };
    }
    const version = await claimItemVersion(tx, item.id, input.version, data);
    await recordChange(tx, editor, item.id, version, "MOVE", before, await itemSnapshot(tx, item.id), now);
    return { version };
  });
}

/** Archive (hidden from the tree and the division table, kept with its history) or restore any item. */
export async function setItemArchived(actor: Actor | null, input: ItemCommandInput, archived: boolean, now = new Date()) {
  const operation = archived ? PLAN_OPERATIONS.archiveItem : PLAN_OPERATIONS.restoreItem;
  const editor = await authorize(actor, operation, input.itemId);
  const plan = await planOfItem(db, input.itemId);
  await assertMayEditPlan(editor, operation, plan, input.itemId);
  return db.$transaction(async (tx) => {
    const item = await tx.planItem.findUniqueOrThrow({ where: { id: input.itemId }, select: { parent: { select: { archivedAt: true } } } });
    if (archived && (await tx.planItem.count({ where: { parentId: input.itemId, archivedAt: null } })) > 0)
      throw new AppError("VALIDATION", "archiveChildrenFirst");
    if (!archived && item.parent?.archivedAt) throw new AppError("VALIDATION", "restoreParentFirst");
    const before = await itemSnapshot(tx, input.itemId);
    const version = await claimItemVersion(tx, input.itemId, input.version, { archivedAt: archived ? now : null });
    await recordChange(
      tx,
      editor,
      input.itemId,
      version,
      archived ? "ARCHIVE" : "RESTORE",
      before,
      await itemSnapshot(tx, input.itemId),
      now,
    );
    return { version };
  });
}

/** Items of other plans an item may serve: the measures, sections and safeguards of published master and annual plans. */
async function linkTargets(planId: number) {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId }, select: { parentPlanId: true } });
  const items = await db.planItem.findMany({
    where: {
      planId: { in: plan.parentPlanId ? [plan.parentPlanId] : [] },
      archivedAt: null,
      kind: { in: ["SECTION", "MEASURE", "SAFEGUARD", "WORK_ITEM"] },
      plan: { status: { not: "DRAFT" } },
    },
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, number: true, title: true, parentId: true, plan: { select: { shortTitle: true } } },
  });
  // In document order: each parent followed by its children.
  const byParent = new Map<number | null, typeof items>();
  for (const item of items) byParent.set(item.parentId, [...(byParent.get(item.parentId) ?? []), item]);
  const ids = new Set(items.map((item) => item.id));
  const ordered: typeof items = [];
  const visit = (parentId: number | null) => {
    for (const item of byParent.get(parentId) ?? []) {
      ordered.push(item);
      visit(item.id);
    }
  };
  for (const parentId of byParent.keys()) if (parentId === null || !ids.has(parentId)) visit(parentId);
  return ordered.map((item) => ({ id: item.id, label: `${item.plan.shortTitle} ${item.number ?? ""}${item.title}`.slice(0, 90) }));
}

/**
 * Everything the item form needs: the plan, where the item goes (new) or the item (edit), the
 * active units, the phases, the items it may serve, and the values to start from.
 */
export async function loadItemForm(actor: Actor | null, target: { planCode: string; parentId?: number } | { itemId: number }) {
  const editor = await authorize(actor, PLAN_OPERATIONS.openItemForm, "itemId" in target ? target.itemId : target.planCode);
  const item =
    "itemId" in target
      ? await db.planItem.findUnique({
          where: { id: target.itemId },
          include: {
            assignments: { select: { unitId: true, role: true } },
            linksFrom: {
              where: { type: "SERVES" },
              include: { toItem: { select: { number: true, title: true, plan: { select: { shortTitle: true } } } } },
            },
          },
        })
      : null;
  if ("itemId" in target && !item) throw new AppError("NOT_FOUND");
  const plan = await db.plan.findUnique({
    where: item ? { id: item.planId } : { code: (target as { planCode: string }).planCode },
    select: { ...planFacts, code: true, title: true, parentPlanId: true, startYear: true, endYear: true },
  });
  if (!plan) throw new AppError("NOT_FOUND");
  await assertMayEditPlan(editor, PLAN_OPERATIONS.openItemForm, plan, "itemId" in target ? target.itemId : target.planCode);
  const parentId = item ? item.parentId : "parentId" in target ? (target.parentId ?? null) : null;
  const parent = parentId
    ? await db.planItem.findFirst({ where: { id: parentId, planId: plan.id }, select: { id: true, kind: true, number: true, title: true } })
    : null;
  if (parentId && !parent) throw new AppError("NOT_FOUND");
  const [units, phases, targets] = await Promise.all([
    db.unit.findMany({
      where: { OR: [{ deactivatedAt: null }, { id: { in: item?.assignments.map((a) => a.unitId) ?? [] } }] },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true, type: true },
    }),
    db.planPhase.findMany({
      where: { planId: { in: [plan.id, ...(plan.parentPlanId ? [plan.parentPlanId] : [])] } },
      orderBy: [{ planId: "asc" }, { position: "asc" }],
      select: { id: true, name: true },
    }),
    linkTargets(plan.id),
  ]);
  const roles: Record<number, "LEAD" | "SUPPORT"> = {};
  for (const assignment of item?.assignments ?? []) roles[assignment.unitId] = assignment.role;
  const initial = {
    number: item?.number ?? "",
    title: item?.title ?? "",
    taskStatement: item?.taskStatement ?? "",
    fullText: item?.fullText ?? "",
    startDate: item?.startDate ? shanghaiDate(item.startDate) : "",
    dueDate: item?.dueDate ? shanghaiDate(item.dueDate) : "",
    reportingCycle: item?.reportingCycle ?? "",
    phaseId: item?.phaseId ? String(item.phaseId) : "",
    roles,
  };
  const links = (item?.linksFrom ?? []).map((link) => ({
    toItemId: link.toItemId,
    label: `${link.toItem.plan.shortTitle} ${link.toItem.number ?? ""}${link.toItem.title}`,
    reason: link.reason,
  }));
  return {
    plan,
    parent,
    item: item ? { id: item.id, kind: item.kind, version: item.version, title: item.title } : null,
    units,
    phases,
    linkTargets: targets,
    links,
    initial,
  };
}

/** Where an item may be moved to: the items of its plan that may hold it, not itself nor its descendants. */
export async function moveTargets(actor: Actor | null, itemId: number) {
  const editor = await authorize(actor, PLAN_OPERATIONS.moveItem, itemId);
  const plan = await planOfItem(db, itemId);
  await assertMayEditPlan(editor, PLAN_OPERATIONS.moveItem, plan, itemId);
  const items = await db.planItem.findMany({
    where: { planId: plan.id, archivedAt: null },
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }],
    select: { id: true, parentId: true, kind: true, number: true, title: true },
  });
  const item = items.find((candidate) => candidate.id === itemId);
  if (!item) return [];
  const excluded = new Set([itemId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const candidate of items)
      if (candidate.parentId !== null && excluded.has(candidate.parentId) && !excluded.has(candidate.id)) {
        excluded.add(candidate.id);
        grew = true;
      }
  }
  return items
    .filter((candidate) => !excluded.has(candidate.id) && candidate.id !== item.parentId && mayHoldKind(candidate.kind, item.kind))
    .map((candidate) => ({ id: candidate.id, kind: candidate.kind as PlanItemKind, label: `${candidate.number ?? ""}${candidate.title}` }));
}

/* ------------------------------------------------------------------ versions */

async function readablePlan(reader: Actor, code: string) {
  const plan = await db.plan.findUnique({ where: { code }, select: { ...planFacts, code: true, title: true, shortTitle: true } });
  if (!plan || !mayReadPlan(reader, plan)) throw new AppError("NOT_FOUND");
  return plan;
}

/** A plan's versions, newest first: each publication and import with who and when. */
export async function readPlanVersions(actor: Actor | null, code: string) {
  const reader = await authorize(actor, PLAN_OPERATIONS.readPlanVersions, code);
  const plan = await readablePlan(reader, code);
  const versions = await db.planVersion.findMany({
    where: { planId: plan.id },
    orderBy: { version: "desc" },
    select: { id: true, version: true, action: true, actorName: true, createdAt: true },
  });
  return { plan, versions };
}

/** Two versions of a whole plan side by side: particulars changed, items added, removed and changed field by field. */
export async function comparePlanVersions(actor: Actor | null, code: string, from?: number, to?: number) {
  const reader = await authorize(actor, PLAN_OPERATIONS.comparePlanVersions, code);
  const plan = await readablePlan(reader, code);
  const versions = await db.planVersion.findMany({
    where: { planId: plan.id },
    orderBy: { version: "desc" },
    select: { version: true, action: true, actorName: true, createdAt: true },
  });
  const picked = pickVersions(
    versions.map((version) => version.version),
    from,
    to,
  );
  if (!picked) return { plan, versions, picked: null, comparison: null };
  const rows = await db.planVersion.findMany({
    where: { planId: plan.id, version: { in: [picked.from, picked.to] } },
    select: { version: true, snapshot: true },
  });
  const snapshotOf = (version: number) => JSON.parse(rows.find((row) => row.version === version)!.snapshot) as PlanVersionSnapshot;
  return { plan, versions, picked, comparison: comparePlanSnapshots(snapshotOf(picked.from), snapshotOf(picked.to)) };
}

/** Two versions of an item side by side, from its revisions: every field, the differing ones marked. */
export async function compareItemVersions(actor: Actor | null, itemId: number, from?: number, to?: number) {
  const reader = await authorize(actor, PLAN_OPERATIONS.compareItemVersions, itemId);
  const item = await db.planItem.findUnique({
    where: { id: itemId },
    select: {
      id: true,
      kind: true,
      number: true,
      title: true,
      plan: { select: { ...planFacts, code: true, shortTitle: true } },
      revisions: { orderBy: { version: "desc" } },
    },
  });
  if (!item || !mayReadPlan(reader, item.plan)) throw new AppError("NOT_FOUND");
  const picked = pickVersions(
    item.revisions.map((revision) => revision.version),
    from,
    to,
  );
  const revisionOf = (version: number) => item.revisions.find((revision) => revision.version === version)!;
  const fields = picked
    ? compareFields(
        JSON.parse(revisionOf(picked.from).after) as Record<string, unknown>,
        JSON.parse(revisionOf(picked.to).after) as Record<string, unknown>,
      )
    : [];
  return {
    item: { id: item.id, kind: item.kind, number: item.number, title: item.title, plan: item.plan },
    revisions: item.revisions.map(({ id, version, action, actorName, actorUsername, changedAt }) => ({
      id,
      version,
      action,
      actorName: actorName ?? actorUsername,
      changedAt,
    })),
    picked,
    fields,
  };
}

/** Whether to offer 新建规划: CAST staff, or a district government's liaison. Quiet: no audit record. */
export async function mayCreatePlan(actor: Actor): Promise<boolean> {
  if (mayAttemptOnAny(actor.role, PLAN_OPERATIONS.createPlan)) return true;
  return can(actor.role, "plan:district") && (await ownDistrict(actor)) !== null;
}
