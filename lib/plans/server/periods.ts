import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CarryOverInput, MakeCurrentInput } from "@/lib/plans/schemas/periods";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { auditTarget } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import { assertMayEditPlan } from "@/lib/plans/server/plan-access";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";

type Client = Prisma.TransactionClient | typeof db;

/** The calendar year in Shenzhen. */
export function shenzhenYear(now = new Date()): number {
  return Number(shanghaiDate(now).slice(0, 4));
}

/** Whether a plan's period is over: its last year lies before this year in Shenzhen. */
export function periodIsOver(plan: { endYear: number }, now = new Date()): boolean {
  return plan.endYear < shenzhenYear(now);
}

/**
 * The id of the master plan the overview, the literacy headline and the dashboard follow: the one
 * CAST marked current, or, when none is marked, the newest published master plan.
 */
export async function currentMasterPlanId(client: Client = db): Promise<number | null> {
  const current = await client.plan.findFirst({ where: { kind: "MASTER", isCurrent: true }, orderBy: { id: "asc" }, select: { id: true } });
  if (current) return current.id;
  const newest = await client.plan.findFirst({
    where: { kind: "MASTER", status: "PUBLISHED" },
    orderBy: [{ startYear: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return newest?.id ?? null;
}

/**
 * CAST marks a published master plan as current, in one transaction: the previous current master
 * plan stops being current and, when its period is over (its end year lies before this year in
 * Shenzhen), is ENDED together with its published annual and district plans whose end year is past.
 * A previous plan whose period is not over yet stays PUBLISHED (not current): its work can still be
 * reported on and edited until its last year ends, and making it current again stays possible.
 */
export async function makePlanCurrent(actor: Actor | null, input: MakeCurrentInput, now = new Date()) {
  const operation = PLAN_OPERATIONS.makeCurrent;
  const admin = await authorize(actor, operation, input.planId);
  const plan = await db.plan.findUnique({ where: { id: input.planId } });
  if (!plan) throw new AppError("NOT_FOUND");
  if (plan.kind !== "MASTER") throw new AppError("VALIDATION", "onlyMasterCurrent");
  if (plan.status !== "PUBLISHED") throw new AppError("CONFLICT", "planNotPublished");
  if (plan.isCurrent) throw new AppError("CONFLICT", "planAlreadyCurrent");
  const thisYear = shenzhenYear(now);
  return db.$transaction(async (tx) => {
    const previous = await tx.plan.findMany({
      where: { kind: "MASTER", isCurrent: true },
      select: { id: true, code: true, status: true, endYear: true },
    });
    // One at a time: every flag cleared, then the chosen plan's set, in the same transaction.
    await tx.plan.updateMany({ where: { kind: "MASTER", isCurrent: true }, data: { isCurrent: false } });
    const { count } = await tx.plan.updateMany({ where: { id: plan.id, status: "PUBLISHED" }, data: { isCurrent: true } });
    if (count === 0) throw new AppError("CONFLICT", "planNotPublished");
    const ended: string[] = [];
    for (const old of previous) {
      if (old.endYear >= thisYear) continue;
      await tx.plan.update({ where: { id: old.id }, data: { status: "ENDED" } });
      ended.push(old.code);
      const children = await tx.plan.findMany({
        where: { parentPlanId: old.id, kind: { in: ["ANNUAL", "DISTRICT"] }, status: "PUBLISHED", endYear: { lt: thisYear } },
        select: { id: true, code: true },
      });
      if (children.length > 0) {
        await tx.plan.updateMany({ where: { id: { in: children.map((child) => child.id) } }, data: { status: "ENDED" } });
        ended.push(...children.map((child) => child.code));
      }
    }
    await appendAudit(
      tx,
      {
        ...auditTarget(operation, plan.id),
        result: "SUCCESS",
        actor: admin,
        details: {
          before: { current: previous.map((old) => old.code).join("、") || null },
          after: { current: plan.code, ended: ended.join("、") || null },
        },
      },
      now,
    );
    return { current: plan.code, ended };
  });
}

/** Plans that may receive carried-over work: the current master plan and its annual plans, published. */
async function carryOverTarget(planCode: string) {
  const plan = await db.plan.findUnique({
    where: { code: planCode },
    select: {
      id: true,
      code: true,
      kind: true,
      status: true,
      districtId: true,
      title: true,
      shortTitle: true,
      endYear: true,
      parentPlanId: true,
    },
  });
  if (!plan) throw new AppError("NOT_FOUND");
  const currentId = await currentMasterPlanId();
  const eligible =
    plan.status === "PUBLISHED" &&
    (plan.id === currentId || (plan.kind === "ANNUAL" && plan.parentPlanId !== null && plan.parentPlanId === currentId));
  if (!eligible) throw new AppError("CONFLICT", "carryOverTarget");
  return plan;
}

/** Work items the latest approved report calls 已完成: they are not carried over. */
async function completedItemIds(itemIds: number[]): Promise<Set<number>> {
  if (itemIds.length === 0) return new Set();
  const approved = await db.progressReport.findMany({
    where: { itemId: { in: itemIds }, state: "APPROVED" },
    orderBy: [{ round: { deadline: "desc" } }, { reviewedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    select: { itemId: true, status: true },
  });
  const latest = new Map<number, string | null>();
  for (const report of approved) if (!latest.has(report.itemId)) latest.set(report.itemId, report.status);
  return new Set([...latest].filter(([, status]) => status === "COMPLETED").map(([itemId]) => itemId));
}

/**
 * The carry-over form of a plan: its measures and sections to carry work under, and the
 * uncompleted, unarchived work items of ended plans not yet carried into it.
 */
export async function loadCarryOverForm(actor: Actor | null, planCode: string) {
  await authorize(actor, PLAN_OPERATIONS.openCarryOverForm, planCode);
  const plan = await carryOverTarget(planCode);
  const [parents, candidates, carried] = await Promise.all([
    db.planItem.findMany({
      where: { planId: plan.id, kind: { in: ["SECTION", "MEASURE"] }, archivedAt: null },
      orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }, { id: "asc" }],
      select: { id: true, kind: true, number: true, title: true, parent: { select: { number: true, title: true } } },
    }),
    db.planItem.findMany({
      where: { kind: "WORK_ITEM", archivedAt: null, plan: { status: "ENDED" } },
      orderBy: [
        { plan: { sortOrder: "asc" } },
        { planId: "asc" },
        { parentId: { sort: "asc", nulls: "first" } },
        { position: "asc" },
        { id: "asc" },
      ],
      select: {
        id: true,
        number: true,
        title: true,
        dueDate: true,
        plan: { select: { code: true, shortTitle: true } },
        parent: { select: { number: true, title: true } },
      },
    }),
    db.planItemLink.findMany({ where: { type: "CARRIED_OVER", fromItem: { planId: plan.id } }, select: { toItemId: true } }),
  ]);
  const completed = await completedItemIds(candidates.map((item) => item.id));
  const already = new Set(carried.map((link) => link.toItemId));
  return { plan, parents, origins: candidates.filter((item) => !completed.has(item.id) && !already.has(item.id)) };
}

/**
 * Carries uncompleted work items of ended plans over under a section or measure of the current
 * master plan (or of one of its annual plans), in one transaction: each becomes a new work item
 * with the origin's title, text, units (as printed) and reporting cycle, a start date cleared and
 * the due date set to the end of the new plan's period (CAST adjusts it), a CREATE revision naming
 * the origin, and a CARRIED_OVER link from the new item to its origin. Completed items are skipped;
 * an origin already carried into the same plan is refused.
 */
export async function carryOverItems(actor: Actor | null, input: CarryOverInput, now = new Date()) {
  const operation = PLAN_OPERATIONS.carryOver;
  const admin = await authorize(actor, operation, input.parentId);
  const parent = await db.planItem.findUnique({
    where: { id: input.parentId },
    select: {
      id: true,
      kind: true,
      archivedAt: true,
      plan: { select: { id: true, code: true, kind: true, status: true, districtId: true } },
    },
  });
  if (!parent) throw new AppError("NOT_FOUND");
  await assertMayEditPlan(admin, operation, parent.plan, parent.id);
  const target = await carryOverTarget(parent.plan.code);
  if ((parent.kind !== "MEASURE" && parent.kind !== "SECTION") || parent.archivedAt)
    throw new AppError("VALIDATION", "VALIDATION", {}, { parentId: "carryOverParent" });
  const ids = [...new Set(input.itemIds)];
  const origins = await db.planItem.findMany({
    where: { id: { in: ids }, kind: "WORK_ITEM", archivedAt: null, plan: { status: "ENDED" } },
    orderBy: [{ planId: "asc" }, { parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }, { id: "asc" }],
    include: {
      plan: { select: { code: true, shortTitle: true } },
      assignments: {
        orderBy: [{ role: "asc" }, { position: "asc" }, { id: "asc" }],
        include: { unit: { select: { id: true, name: true, deactivatedAt: true, mergedIntoId: true } } },
      },
    },
  });
  if (origins.length !== ids.length) throw new AppError("VALIDATION", "VALIDATION", {}, { itemIds: "notCarriable" });
  const completed = await completedItemIds(ids);
  const toCarry = origins.filter((origin) => !completed.has(origin.id));
  const dueDate = shanghaiDayStart(`${target.endYear}-12-31`);
  return db.$transaction(async (tx) => {
    const duplicate = await tx.planItemLink.findFirst({
      where: { type: "CARRIED_OVER", toItemId: { in: toCarry.map((origin) => origin.id) }, fromItem: { planId: target.id } },
      select: { toItem: { select: { number: true, title: true } } },
    });
    if (duplicate)
      throw new AppError("CONFLICT", "alreadyCarriedOver", { item: `${duplicate.toItem.number ?? ""}${duplicate.toItem.title}` });
    let position = await tx.planItem.count({ where: { parentId: parent.id } });
    const created: { id: number; originId: number }[] = [];
    for (const origin of toCarry) {
      const item = await tx.planItem.create({
        data: {
          planId: target.id,
          parentId: parent.id,
          kind: "WORK_ITEM",
          position: ++position,
          title: origin.title,
          fullText: origin.fullText,
          startDate: null,
          dueDate,
          reportingCycle: origin.reportingCycle,
        },
      });
      // A unit merged since keeps its work under the surviving unit; a unit that no longer exists takes no new work.
      const seen = new Set<number>();
      const rows = origin.assignments.flatMap((assignment) => {
        const unitId = assignment.unit.mergedIntoId ?? (assignment.unit.deactivatedAt ? null : assignment.unit.id);
        if (unitId === null || seen.has(unitId)) return [];
        seen.add(unitId);
        return [
          {
            itemId: item.id,
            unitId,
            role: assignment.role,
            position: assignment.position,
            note: assignment.note,
            printedName: assignment.printedName,
          },
        ];
      });
      if (rows.length > 0) await tx.assignment.createMany({ data: rows });
      const originLabel = `《${origin.plan.shortTitle}》${origin.number ?? ""}${origin.title}`;
      await tx.planItemLink.create({
        data: { fromItemId: item.id, toItemId: origin.id, type: "CARRIED_OVER", reason: `承接自${originLabel}（未完成，结转）` },
      });
      const units = await tx.assignment.findMany({
        where: { itemId: item.id },
        orderBy: [{ role: "asc" }, { position: "asc" }],
        select: { role: true, unit: { select: { name: true } } },
      });
      await tx.planItemRevision.create({
        data: {
          itemId: item.id,
          version: 1,
          action: "CREATE",
          actorId: admin.userId,
          actorUsername: admin.username,
          actorName: admin.displayName,
          changedAt: now,
          before: null,
          after: JSON.stringify({
            title: item.title,
            fullText: item.fullText,
            startDate: null,
            dueDate: shanghaiDate(dueDate),
            reportingCycle: item.reportingCycle,
            phase: null,
            lead: units.filter((unit) => unit.role === "LEAD").map((unit) => unit.unit.name),
            support: units.filter((unit) => unit.role === "SUPPORT").map((unit) => unit.unit.name),
            archived: false,
            carriedOverFrom: originLabel,
          }),
        },
      });
      created.push({ id: item.id, originId: origin.id });
    }
    await appendAudit(
      tx,
      {
        ...auditTarget(operation, parent.id),
        result: "SUCCESS",
        actor: admin,
        details: {
          plan: target.code,
          count: created.length,
          skipped: origins.length - toCarry.length,
          itemIds: created.map((entry) => `${entry.originId}→${entry.id}`).join("、"),
        },
      },
      now,
    );
    return { created, skipped: origins.length - toCarry.length };
  });
}
