import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { db } from "@/lib/core/db";
import {
  compareItemVersions,
  comparePlanVersions,
  createItem,
  createPlan,
  loadItemForm,
  moveItem,
  planFormOptions,
  publishPlan,
  readPlanVersions,
  setItemArchived,
  updateItem,
  updatePlan,
} from "@/lib/plans/server/authoring";
import { getPlanItem, getPlanOverview, getPlanTree, listPlans } from "@/lib/plans/server/plans";
import type { CreateItemInput, CreatePlanInput } from "@/lib/plans/schemas/authoring";
import { actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";

let counter = 0;

async function planInput(overrides: Partial<CreatePlanInput> = {}): Promise<CreatePlanInput> {
  const master = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } });
  return {
    kind: "ANNUAL",
    code: `test-plan-${++counter}`,
    title: `示例规划${counter}（测试数据）`,
    shortTitle: `示例${counter}`,
    issuer: "深圳市科学技术协会",
    startYear: 2025,
    endYear: 2025,
    parentPlanId: master.id,
    preamble: "",
    ...overrides,
  };
}

function itemInput(planId: number, overrides: Partial<CreateItemInput> = {}): CreateItemInput {
  return { kind: "SECTION", planId, title: `条目${++counter}`, fullText: "", assignments: [], links: [], ...overrides };
}

async function workItem(planId: number, parentId: number, overrides: Partial<CreateItemInput> = {}) {
  return createItem(
    await actorForRole("ADMIN"),
    itemInput(planId, {
      kind: "WORK_ITEM",
      parentId,
      dueDate: "2025-10-31",
      reportingCycle: "QUARTERLY",
      assignments: [{ unitId: await unitId("市科协"), role: "LEAD" }],
      ...overrides,
    }),
  );
}

async function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: { code?: string; messageKey?: string; fieldErrors?: Record<string, string> }) => error,
  );
}

const siblingsOf = (parentId: number | null, planId: number) =>
  db.planItem.findMany({ where: { planId, parentId }, orderBy: { position: "asc" }, select: { id: true, position: true } });

describe("creating and publishing a plan", () => {
  it("starts as a draft only its editors see, and publishing records a whole-plan version", async () => {
    const admin = await actorForRole("ADMIN");
    const leader = await actorForRole("LEADER");
    const liaison = await actorForRole("LIAISON");
    const before = await lastAuditId();
    const plan = await createPlan(admin, await planInput());
    expect(plan).toMatchObject({ status: "DRAFT", kind: "ANNUAL", isCurrent: false });
    expect((await auditSince(before)).map((event) => [event.action, event.result])).toEqual([["plan.create", "SUCCESS"]]);
    const section = await createItem(admin, itemInput(plan.id, { number: "一、" }));

    expect((await listPlans(admin)).map((row) => row.code)).toContain(plan.code);
    for (const reader of [leader, liaison]) {
      expect((await listPlans(reader)).map((row) => row.code)).not.toContain(plan.code);
      expect((await getPlanOverview(reader))?.plans.map((row) => row.code)).not.toContain(plan.code);
      await expect(getPlanTree(reader, plan.code)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getPlanItem(reader, section.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(readPlanVersions(reader, plan.code)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(compareItemVersions(reader, section.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }

    const { version } = await publishPlan(admin, { planId: plan.id });
    expect(version).toBe(1);
    const stored = await db.plan.findUniqueOrThrow({ where: { id: plan.id }, include: { versions: true } });
    expect(stored).toMatchObject({ status: "PUBLISHED", version: 1 });
    expect(stored.versions).toEqual([expect.objectContaining({ version: 1, action: "PUBLISH", actorName: admin.displayName })]);
    expect(JSON.parse(stored.versions[0]!.snapshot).items).toEqual([expect.objectContaining({ id: section.id, number: "一、" })]);
    expect((await listPlans(leader)).map((row) => row.code)).toContain(plan.code);
    expect((await getPlanItem(leader, section.id)).item.id).toBe(section.id);
  });

  it("refuses an annual or district plan without its parent, a district plan without its district, and a taken code", async () => {
    const admin = await actorForRole("ADMIN");
    const { createPlanSchema } = await import("@/lib/plans/schemas/authoring");
    const parsed = createPlanSchema.safeParse({ ...(await planInput({ kind: "DISTRICT" })), parentPlanId: "", districtId: "" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["parentPlanId", "parentPlanRequired"],
      ["districtId", "districtRequired"],
    ]);
    expect(createPlanSchema.safeParse({ ...(await planInput()), startYear: 2026, endYear: 2025 }).error?.issues[0]?.message).toBe(
      "yearOrder",
    );
    const count = await db.plan.count();
    expect(await refusal(createPlan(admin, await planInput({ code: "sz-2022-2025" })))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { code: "planCodeTaken" },
    });
    expect(await db.plan.count()).toBe(count);
  });

  it("edits the particulars from the state the form was read at, audited before and after; a stale edit is refused", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const before = await lastAuditId();
    const { updatedAt } = await updatePlan(admin, {
      planId: plan.id,
      updatedAt: plan.updatedAt.getTime(),
      title: "示例规划（改）",
      shortTitle: "示例改",
      issuer: "深圳市科学技术协会",
      documentNumber: "深科协〔2025〕1号",
      startYear: 2025,
      endYear: 2026,
      preamble: "",
    });
    const [event] = await auditSince(before);
    expect(event).toMatchObject({ action: "plan.update", result: "SUCCESS" });
    expect(JSON.parse(event!.details!)).toMatchObject({
      before: { title: plan.title, endYear: 2025 },
      after: { title: "示例规划（改）", endYear: 2026, documentNumber: "深科协〔2025〕1号" },
    });
    // The same form submitted again, from the state before that edit.
    const stale = await refusal(
      updatePlan(admin, {
        planId: plan.id,
        updatedAt: plan.updatedAt.getTime(),
        title: "后来者",
        shortTitle: "后",
        issuer: "x",
        startYear: 2025,
        endYear: 2025,
        preamble: "",
      }),
    );
    expect(stale).toMatchObject({ code: "CONFLICT", messageKey: "stalePlan" });
    expect(await db.plan.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({ title: "示例规划（改）", endYear: 2026 });
    expect(updatedAt).toBeGreaterThan(0);
  });
});

describe("items of every kind", () => {
  it("are added at the first level or under an item, each with a first revision", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const part = await createItem(admin, itemInput(plan.id, { kind: "PART", number: "一、", title: "重点任务" }));
    const section = await createItem(
      admin,
      itemInput(plan.id, { kind: "SECTION", parentId: part.id, number: "(一)", taskStatement: "任务表述" }),
    );
    const measure = await createItem(admin, itemInput(plan.id, { kind: "MEASURE", parentId: section.id, fullText: "措施全文" }));
    const work = await workItem(plan.id, measure.id);
    const column = await createItem(admin, itemInput(plan.id, { kind: "COLUMN", parentId: part.id, number: "专栏1" }));
    const safeguard = await createItem(admin, itemInput(plan.id, { kind: "SAFEGUARD", number: "二、" }));
    const kinds = await db.planItem.findMany({ where: { planId: plan.id }, orderBy: { id: "asc" }, include: { revisions: true } });
    expect(kinds.map((item) => [item.kind, item.parentId, item.position])).toEqual([
      ["PART", null, 1],
      ["SECTION", part.id, 1],
      ["MEASURE", section.id, 1],
      ["WORK_ITEM", measure.id, 1],
      ["COLUMN", part.id, 2],
      ["SAFEGUARD", null, 2],
    ]);
    for (const item of kinds) expect(item.revisions).toEqual([expect.objectContaining({ version: 1, action: "CREATE", before: null })]);
    expect(JSON.parse(kinds[1]!.revisions[0]!.after)).toMatchObject({ number: "(一)", taskStatement: "任务表述", parent: "一、重点任务" });
    // A new assignment records the unit's current name as printed.
    expect(await db.assignment.findMany({ where: { itemId: work.id }, select: { printedName: true } })).toEqual([
      { printedName: "市科协" },
    ]);
    void column;
    void safeguard;
  });

  it("refuse a part below the first level and anything under a work item or a column, changing nothing", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const section = await createItem(admin, itemInput(plan.id));
    const work = await workItem(plan.id, section.id);
    const count = await db.planItem.count();
    expect(await refusal(createItem(admin, itemInput(plan.id, { kind: "PART", parentId: section.id })))).toMatchObject({
      messageKey: "itemKindNotHere",
    });
    expect(await refusal(createItem(admin, itemInput(plan.id, { kind: "MEASURE", parentId: work.id })))).toMatchObject({
      messageKey: "itemKindNotHere",
    });
    // A parent in another plan is no parent here.
    const measure = await itemByKey("youth.m1");
    expect(await refusal(createItem(admin, itemInput(plan.id, { kind: "MEASURE", parentId: measure.id })))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.planItem.count()).toBe(count);
  });

  it("record every edit with before and after, and refuse the second of two edits from the same version", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const section = await createItem(admin, itemInput(plan.id, { number: "一、", title: "原标题" }));
    const edit = {
      ...itemInput(plan.id, { number: "一、", title: "新标题", taskStatement: "新增任务表述" }),
      itemId: section.id,
      version: 1,
    };
    expect(await updateItem(admin, edit)).toEqual({ version: 2 });
    const revision = await db.planItemRevision.findFirstOrThrow({ where: { itemId: section.id, version: 2 } });
    expect(revision).toMatchObject({ action: "UPDATE", actorUsername: "kxadmin" });
    expect(JSON.parse(revision.before!)).toMatchObject({ title: "原标题", taskStatement: null });
    expect(JSON.parse(revision.after)).toMatchObject({ title: "新标题", taskStatement: "新增任务表述" });
    expect(await refusal(updateItem(admin, { ...edit, title: "后来者" }))).toMatchObject({ code: "CONFLICT", messageKey: "stalePlanItem" });
    expect(await db.planItem.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({ title: "新标题", version: 2 });
  });

  it("refuse a deactivated unit for a new assignment", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const section = await createItem(admin, itemInput(plan.id));
    const gone = await db.unit.create({
      data: { name: `已撤销单位${++counter}`, fullName: "已撤销单位", type: "GOVERNMENT_DEPARTMENT", deactivatedAt: new Date() },
    });
    expect(await refusal(workItem(plan.id, section.id, { assignments: [{ unitId: gone.id, role: "LEAD" }] }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { assignments: "unknownUnit" },
    });
  });

  it("move up and down among siblings keeping the order contiguous, and to another parent, never under themselves", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const [a, b, c] = [
      await createItem(admin, itemInput(plan.id)),
      await createItem(admin, itemInput(plan.id)),
      await createItem(admin, itemInput(plan.id)),
    ];
    const child = await createItem(admin, itemInput(plan.id, { kind: "MEASURE", parentId: a!.id }));
    await moveItem(admin, { itemId: c!.id, version: 1, direction: "up" });
    expect((await siblingsOf(null, plan.id)).map((row) => [row.id, row.position])).toEqual([
      [a!.id, 1],
      [c!.id, 2],
      [b!.id, 3],
    ]);
    const moved = await db.planItemRevision.findFirstOrThrow({ where: { itemId: c!.id, version: 2 } });
    expect(moved.action).toBe("MOVE");
    expect([JSON.parse(moved.before!).position, JSON.parse(moved.after).position]).toEqual([3, 2]);
    expect(await refusal(moveItem(admin, { itemId: a!.id, version: 1, direction: "up" }))).toMatchObject({ messageKey: "moveNowhere" });

    // Under its own descendant: a cycle, refused; under a sibling: fine, and the old siblings close ranks.
    expect(await refusal(moveItem(admin, { itemId: a!.id, version: 1, direction: "into", parentId: child.id }))).toMatchObject({
      messageKey: "moveIntoOwnDescendant",
    });
    expect(await refusal(moveItem(admin, { itemId: a!.id, version: 1, direction: "into", parentId: a!.id }))).toMatchObject({
      messageKey: "moveIntoOwnDescendant",
    });
    await moveItem(admin, { itemId: child.id, version: 1, direction: "into", parentId: b!.id });
    await moveItem(admin, { itemId: c!.id, version: 2, direction: "into", parentId: b!.id });
    expect((await siblingsOf(null, plan.id)).map((row) => [row.id, row.position])).toEqual([
      [a!.id, 1],
      [b!.id, 2],
    ]);
    expect((await siblingsOf(b!.id, plan.id)).map((row) => row.id)).toEqual([child.id, c!.id]);
    const into = await db.planItemRevision.findFirstOrThrow({ where: { itemId: child.id, action: "MOVE" } });
    expect([JSON.parse(into.before!).parent, JSON.parse(into.after).parent]).toEqual([a!.title, b!.title]);
  });

  it("archive and restore any kind, refusing to archive an item whose items are still there", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const section = await createItem(admin, itemInput(plan.id));
    const measure = await createItem(admin, itemInput(plan.id, { kind: "MEASURE", parentId: section.id }));
    expect(await refusal(setItemArchived(admin, { itemId: section.id, version: 1 }, true))).toMatchObject({
      messageKey: "archiveChildrenFirst",
    });
    await setItemArchived(admin, { itemId: measure.id, version: 1 }, true);
    await setItemArchived(admin, { itemId: section.id, version: 1 }, true);
    expect(await refusal(setItemArchived(admin, { itemId: measure.id, version: 2 }, false))).toMatchObject({
      messageKey: "restoreParentFirst",
    });
    await setItemArchived(admin, { itemId: section.id, version: 2 }, false);
    const revisions = await db.planItemRevision.findMany({ where: { itemId: section.id }, orderBy: { version: "asc" } });
    expect(revisions.map((revision) => [revision.action, JSON.parse(revision.after).archived])).toEqual([
      ["CREATE", false],
      ["ARCHIVE", true],
      ["RESTORE", false],
    ]);
  });
});

describe("an ended plan", () => {
  it("refuses every write", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const section = await createItem(admin, itemInput(plan.id));
    await db.plan.update({ where: { id: plan.id }, data: { status: "ENDED" } });
    const ended = { code: "CONFLICT", messageKey: "planEnded" };
    const fresh = await db.plan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(await refusal(createItem(admin, itemInput(plan.id)))).toMatchObject(ended);
    expect(await refusal(updateItem(admin, { ...itemInput(plan.id), itemId: section.id, version: 1 }))).toMatchObject(ended);
    expect(await refusal(moveItem(admin, { itemId: section.id, version: 1, direction: "into" }))).toMatchObject(ended);
    expect(await refusal(setItemArchived(admin, { itemId: section.id, version: 1 }, true))).toMatchObject(ended);
    expect(await refusal(publishPlan(admin, { planId: plan.id }))).toMatchObject(ended);
    expect(
      await refusal(
        updatePlan(admin, {
          planId: plan.id,
          updatedAt: fresh.updatedAt.getTime(),
          title: "x",
          shortTitle: "x",
          issuer: "x",
          startYear: 2025,
          endYear: 2025,
          preamble: "",
        }),
      ),
    ).toMatchObject(ended);
    expect(await db.planItem.findUniqueOrThrow({ where: { id: section.id } })).toMatchObject({ version: 1, archivedAt: null });
  });
});

describe("a district liaison", () => {
  async function districtPlanInput(district: string, overrides: Partial<CreatePlanInput> = {}) {
    return planInput({ kind: "DISTRICT", districtId: await unitId(district), startYear: 2024, endYear: 2025, ...overrides });
  }

  it("creates their own district's plan under the current master plan, edits it, links its items to city measures and publishes it", async () => {
    const futian = await actorFor("futian");
    const options = await planFormOptions(futian);
    expect(options.fixed).toMatchObject({ district: { name: "福田区" }, master: { code: "sz-2022-2025" } });
    // Whatever parent the form sent, a liaison's district plan goes under the current master plan.
    const annual = await db.plan.findUniqueOrThrow({ where: { code: "cast-2023" } });
    const plan = await createPlan(futian, await districtPlanInput("福田区", { parentPlanId: annual.id }));
    const master = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } });
    expect(plan).toMatchObject({ kind: "DISTRICT", status: "DRAFT", districtId: await unitId("福田区"), parentPlanId: master.id });

    const measure = await itemByKey("youth.m1");
    const form = await loadItemForm(futian, { planCode: plan.code });
    expect(form.linkTargets.map((target) => target.id)).toContain(measure.id);
    const item = await createItem(
      futian,
      itemInput(plan.id, {
        kind: "WORK_ITEM",
        title: "福田区青少年科学素质提升示例项目",
        dueDate: "2025-06-30",
        reportingCycle: "HALF_YEARLY",
        assignments: [{ unitId: await unitId("福田区"), role: "LEAD" }],
        links: [{ toItemId: measure.id, reason: "落实市方案青少年行动的第一项措施" }],
      }),
    );
    expect(await db.planItemLink.findMany({ where: { fromItemId: item.id } })).toEqual([
      expect.objectContaining({ toItemId: measure.id, type: "SERVES", reason: "落实市方案青少年行动的第一项措施" }),
    ]);
    const leader = await actorForRole("LEADER");
    const wjw = await actorFor("wjw");
    // The draft's item does not show on the measure's page for others yet …
    expect((await getPlanItem(leader, measure.id)).item.linksTo.map((link) => link.fromItemId)).not.toContain(item.id);
    expect((await listPlans(wjw)).map((row) => row.code)).not.toContain(plan.code);
    expect((await listPlans(futian)).map((row) => row.code)).toContain(plan.code);
    // … until the liaison publishes it.
    await publishPlan(futian, { planId: plan.id });
    expect((await getPlanItem(leader, measure.id)).item.linksTo.map((link) => link.fromItemId)).toContain(item.id);
    await updateItem(futian, {
      ...itemInput(plan.id, {
        kind: "WORK_ITEM",
        title: "福田区青少年科学素质提升示例项目（修订）",
        dueDate: "2025-06-30",
        reportingCycle: "HALF_YEARLY",
        assignments: [{ unitId: await unitId("福田区"), role: "LEAD" }],
        links: [{ toItemId: measure.id, reason: "落实市方案青少年行动的第一项措施" }],
      }),
      itemId: item.id,
      version: 1,
    });
    expect((await db.planItem.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(2);
  });

  async function refusedAndAudited(actor: Actor, action: string, call: () => Promise<unknown>) {
    const before = await lastAuditId();
    const count = await db.plan.count();
    const items = await db.planItem.count();
    expect(await refusal(call())).toMatchObject({ code: "FORBIDDEN" });
    expect((await auditSince(before)).map((event) => [event.action, event.result, event.actorUsername])).toEqual([
      [action, "DENIED", actor.username],
    ]);
    expect([await db.plan.count(), await db.planItem.count()]).toEqual([count, items]);
  }

  it("may not create another district's plan, a plan of another kind, nor touch another district's plan or the master plan", async () => {
    const futian = await actorFor("futian");
    const admin = await actorForRole("ADMIN");
    const luohu = await createPlan(admin, await districtPlanInput("罗湖区"));
    const luohuItem = await createItem(admin, itemInput(luohu.id));
    const masterItem = await itemByKey("youth");
    await refusedAndAudited(futian, "plan.create", async () => createPlan(futian, await districtPlanInput("罗湖区")));
    await refusedAndAudited(futian, "plan.create", async () => createPlan(futian, await planInput()));
    await refusedAndAudited(futian, "plan_item.create", () => createItem(futian, itemInput(luohu.id)));
    await refusedAndAudited(futian, "plan_item.update", () =>
      updateItem(futian, { ...itemInput(luohu.id), itemId: luohuItem.id, version: 1 }),
    );
    await refusedAndAudited(futian, "plan.publish", () => publishPlan(futian, { planId: luohu.id }));
    const master = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } });
    await refusedAndAudited(futian, "plan_item.create", () => createItem(futian, itemInput(master.id)));
    await refusedAndAudited(futian, "plan_item.move", () => moveItem(futian, { itemId: masterItem.id, version: 1, direction: "down" }));
    await refusedAndAudited(futian, "plan_item.archive", () => setItemArchived(futian, { itemId: masterItem.id, version: 1 }, true));
    // 罗湖区's draft is not there for 福田区.
    await expect(getPlanTree(futian, luohu.code)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("of a department (not a district) may not create a district plan", async () => {
    const jyj = await actorFor("jyj");
    await refusedAndAudited(jyj, "plan.create", async () => createPlan(jyj, await districtPlanInput("福田区")));
    await refusedAndAudited(jyj, "plan.form", () => planFormOptions(jyj));
  });
});

describe("comparing versions", () => {
  it("shows two versions of an item field by field, the differing ones marked", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const section = await createItem(admin, itemInput(plan.id, { title: "第一稿" }));
    await updateItem(admin, { ...itemInput(plan.id, { title: "第二稿" }), itemId: section.id, version: 1 });
    await updateItem(admin, { ...itemInput(plan.id, { title: "第三稿", number: "一、" }), itemId: section.id, version: 2 });
    const latest = await compareItemVersions(admin, section.id);
    expect(latest.picked).toEqual({ from: 2, to: 3 });
    const first = await compareItemVersions(admin, section.id, 1, 3);
    expect(first.picked).toEqual({ from: 1, to: 3 });
    expect(first.fields.find((row) => row.field === "title")).toEqual({ field: "title", before: "第一稿", after: "第三稿", changed: true });
    expect(first.fields.find((row) => row.field === "number")).toMatchObject({ before: null, after: "一、", changed: true });
    expect(first.fields.find((row) => row.field === "fullText")).toMatchObject({ changed: false });
  });

  it("shows two versions of a whole plan: items added, removed and changed, matched by id", async () => {
    const admin = await actorForRole("ADMIN");
    const plan = await createPlan(admin, await planInput());
    const kept = await createItem(admin, itemInput(plan.id, { title: "保留条目" }));
    const dropped = await createItem(admin, itemInput(plan.id, { title: "将删除条目" }));
    await publishPlan(admin, { planId: plan.id });
    await updateItem(admin, { ...itemInput(plan.id, { title: "保留条目（改）" }), itemId: kept.id, version: 1 });
    await setItemArchived(admin, { itemId: dropped.id, version: 1 }, true);
    const added = await createItem(admin, itemInput(plan.id, { title: "新增条目" }));
    // The archived item stays in the snapshot as archived; a deleted row would count as removed.
    await publishPlan(admin, { planId: plan.id });
    const { picked, comparison, versions } = await comparePlanVersions(admin, plan.code);
    expect(versions.map((version) => version.version)).toEqual([2, 1]);
    expect(picked).toEqual({ from: 1, to: 2 });
    expect(comparison!.added.map((item) => item.id)).toEqual([added.id]);
    expect(comparison!.removed).toEqual([]);
    expect(comparison!.changed.map(({ item, fields }) => [item.id, fields.map((row) => row.field)])).toEqual([
      [kept.id, ["title"]],
      [dropped.id, ["archived"]],
    ]);
  });

  it("starts the seeded plans at version 1, imported", async () => {
    const leader = await actorForRole("LEADER");
    for (const code of ["sz-2022-2025", "cast-2023"]) {
      const { versions } = await readPlanVersions(leader, code);
      expect(versions.map((version) => [version.version, version.action])).toEqual([[1, "IMPORT"]]);
    }
  });
});
