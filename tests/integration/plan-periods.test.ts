/**
 * From one period to the next: CAST makes a new master plan current (the old one ends with its
 * past annual plans), the overview, the literacy headline and the dashboard follow it, an ended
 * plan is read-only and out of new rounds, the literacy rate stays one series with each plan's
 * targets, and uncompleted work items are carried over, each linked to its origin.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { isAppError } from "@/lib/core/errors";
import { getDashboard, literacyOverview } from "@/lib/outputs/server/dashboard";
import { indicatorTableRows } from "@/lib/outputs/server/dashboard-exports";
import { getPublicProgress } from "@/lib/outputs/server/public-progress";
import { getIndicator, updateIndicator } from "@/lib/indicators/server";
import { getPlanItem, getPlanOverview } from "@/lib/plans/server/plans";
import { carryOverItems, currentMasterPlanId, loadCarryOverForm, makePlanCurrent } from "@/lib/plans/server/periods";
import { createWorkItem, updateWorkItem } from "@/lib/plans/server/work-items";
import { listRoundCandidates, openRound } from "@/lib/reporting/server/rounds";
import { actorForRole, auditSince, lastAuditId } from "../support/actors";
import { itemByKey, workItemInput } from "../support/plan-fixtures";

/** 2026-12-01 in Shenzhen: the 2022–2025 plan's period is over. */
const NOW = new Date("2026-12-01T10:00:00+08:00");
const NEXT_CODE = "test-2026-2030";

/** What the code under test is expected to throw. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, key: error.messageKey, fields: error.fieldErrors };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** A second master plan (示例数据), published, with its own 2030 literacy target and a measure to carry work under. */
async function nextMasterPlan() {
  const literacy = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } });
  const plan = await db.plan.create({
    data: {
      code: NEXT_CODE,
      kind: "MASTER",
      title: "示例数据：深圳市全民科学素质行动实施方案（2026—2030年）",
      shortTitle: "示例数据：2026—2030实施方案",
      issuer: "示例数据",
      startYear: 2026,
      endYear: 2030,
      status: "PUBLISHED",
      isDemo: true,
      sortOrder: 10,
    },
  });
  await db.planGoal.create({
    data: {
      planId: plan.id,
      year: 2030,
      text: "示例数据：到2030年，公民具备科学素质的比例超过30%。",
      indicatorId: literacy.id,
      targetValue: 30,
      comparator: "GT",
    },
  });
  await db.indicatorTarget.create({
    data: { indicatorId: literacy.id, year: 2030, value: 30, comparator: "GT", planId: plan.id, text: "超过30%" },
  });
  await db.planPhase.create({ data: { planId: plan.id, position: 1, name: "示例阶段", startYear: 2026, endYear: 2030, text: "示例数据" } });
  const section = await db.planItem.create({
    data: { planId: plan.id, kind: "SECTION", key: "next.s1", number: "（一）", position: 1, title: "示例数据：青少年科学素质提升" },
  });
  const measure = await db.planItem.create({
    data: {
      planId: plan.id,
      parentId: section.id,
      kind: "MEASURE",
      key: "next.s1.m1",
      position: 1,
      title: "示例数据：科学教育",
      fullText: "示例数据",
    },
  });
  return { plan, section, measure };
}

let next: Awaited<ReturnType<typeof nextMasterPlan>>;
let openItemId = 0;
let completedItemId = 0;

beforeAll(async () => {
  const admin = await actorForRole("ADMIN");
  // Two work items of the 2022–2025 plan, before it ends: one its latest approved report calls completed.
  openItemId = (await createWorkItem(admin, await workItemInput("youth.m2", { title: "结转测试：未完成的任务" }), NOW)).id;
  completedItemId = (await createWorkItem(admin, await workItemInput("youth.m2", { title: "结转测试：已完成的任务" }), NOW)).id;
  const { round } = await openRound(
    admin,
    { name: "结转测试轮次", period: "2025年第四季度", deadline: "2026-12-31", itemIds: [openItemId, completedItemId] },
    NOW,
  );
  await db.progressReport.updateMany({
    where: { roundId: round.id, itemId: completedItemId },
    data: { state: "APPROVED", status: "COMPLETED", completion: 100, reviewedAt: NOW },
  });
  await db.progressReport.updateMany({
    where: { roundId: round.id, itemId: openItemId },
    data: { state: "APPROVED", status: "BEHIND", completion: 60, reviewedAt: NOW },
  });
  next = await nextMasterPlan();
});

describe("making a master plan current", () => {
  it("refuses a plan that is not a published master plan, or is current already", async () => {
    const admin = await actorForRole("ADMIN");
    const annual = await db.plan.findFirstOrThrow({ where: { kind: "ANNUAL" } });
    const master = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } });
    expect(await refusal(makePlanCurrent(admin, { planId: annual.id }, NOW))).toMatchObject({
      code: "VALIDATION",
      key: "onlyMasterCurrent",
    });
    expect(await refusal(makePlanCurrent(admin, { planId: master.id }, NOW))).toMatchObject({
      code: "CONFLICT",
      key: "planAlreadyCurrent",
    });
    const draft = await db.plan.create({
      data: {
        code: "test-draft-master",
        kind: "MASTER",
        title: "示例数据：草稿",
        shortTitle: "示例数据：草稿",
        issuer: "示例",
        startYear: 2031,
        endYear: 2035,
        status: "DRAFT",
        isDemo: true,
      },
    });
    expect(await refusal(makePlanCurrent(admin, { planId: draft.id }, NOW))).toMatchObject({ code: "CONFLICT", key: "planNotPublished" });
    expect(await currentMasterPlanId()).toBe(master.id);
  });

  it("moves the flag in one step, ends the old plan and its past annual plans, and is audited", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await lastAuditId();
    const result = await makePlanCurrent(admin, { planId: next.plan.id }, NOW);
    expect(result.current).toBe(NEXT_CODE);
    expect(result.ended).toEqual(expect.arrayContaining(["sz-2022-2025", "cast-2023"]));
    const masters = await db.plan.findMany({ where: { kind: "MASTER", isCurrent: true }, select: { code: true } });
    expect(masters).toEqual([{ code: NEXT_CODE }]);
    expect(await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } })).toMatchObject({ status: "ENDED", isCurrent: false });
    const annual = await db.plan.findFirstOrThrow({ where: { kind: "ANNUAL", parentPlan: { code: "sz-2022-2025" } } });
    expect(annual.status).toBe("ENDED");
    const events = await auditSince(before);
    expect(events.map((event) => [event.action, event.result, event.objectId])).toEqual([
      ["plan.make_current", "SUCCESS", String(next.plan.id)],
    ]);
    expect(JSON.parse(events[0]!.details!)).toMatchObject({
      before: { current: "sz-2022-2025" },
      after: { current: NEXT_CODE, ended: expect.stringContaining("sz-2022-2025") },
    });
  });

  it("refuses everyone but CAST", async () => {
    for (const role of ["LIAISON", "LEADER", "AUDITOR", "USER_ADMIN"] as const) {
      const actor = await actorForRole(role);
      expect((await refusal(makePlanCurrent(actor, { planId: next.plan.id }, NOW))).code).toBe("FORBIDDEN");
    }
  });
});

describe("the overview, the headline and the dashboard follow the current plan", () => {
  it("shows the new plan, its goals and its own literacy target", async () => {
    const overview = (await getPlanOverview(await actorForRole("LEADER")))!;
    expect(overview.master.code).toBe(NEXT_CODE);
    expect(overview.master.goals.map((goal) => goal.year)).toEqual([2030]);
    // The old plan's population actions and key projects belong to the old plan.
    expect(overview.populations).toEqual([]);
    expect(overview.literacy!.targets.map((target) => [target.year, target.plan?.code])).toEqual([
      [2025, "sz-2022-2025"],
      [2030, NEXT_CODE],
    ]);
  });

  it("puts the new plan's phases on the dashboard and its 2030 target in the headline, the path through both targets", async () => {
    const dashboard = await getDashboard(await actorForRole("LEADER"), {}, NOW);
    expect(dashboard.master?.code).toBe(NEXT_CODE);
    expect(dashboard.master?.phases.map((phase) => phase.name)).toEqual(["示例阶段"]);
    const literacy = (await literacyOverview())!;
    expect(literacy).toMatchObject({ targetYear: 2030, targetValue: 30, comparator: "GT" });
    expect(literacy.targets.map((target) => [target.year, target.plan, target.current])).toEqual([
      [2025, "实施方案(2022-2025年)", false],
      [2030, "示例数据：2026—2030实施方案", true],
    ]);
    expect(literacy.points.map((point) => point.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    const point = (year: number) => literacy.points.find((row) => row.year === year)!;
    expect(point(2025)).toMatchObject({ expected: 25, target: 25 });
    expect(point(2030)).toMatchObject({ expected: 30, target: 30 });
    expect(point(2026).expected).toBe(26);
    expect(literacy.gap).toBeCloseTo(30 - literacy.latest!.value, 1);
  });

  it("puts the new plan on the public page, and every period's years in the indicator table", async () => {
    const published = await getPublicProgress();
    expect(published.master?.title).toBe(next.plan.title);
    expect(published.sections.map((section) => section.id)).toEqual([next.section.id]);
    const { years } = await indicatorTableRows(await actorForRole("LEADER"));
    expect([years[0], years.at(-1)]).toEqual([2022, 2030]);
  });
});

describe("an ended plan is read-only", () => {
  it("refuses an edit of its work item, and the item page still reads", async () => {
    const admin = await actorForRole("ADMIN");
    const item = await db.planItem.findUniqueOrThrow({ where: { id: openItemId } });
    const before = await db.planItem.findUniqueOrThrow({ where: { id: openItemId } });
    expect(
      await refusal(
        updateWorkItem(admin, { ...(await workItemInput("youth.m2", { title: "不应写入" })), itemId: item.id, version: item.version }, NOW),
      ),
    ).toMatchObject({ code: "CONFLICT", key: "planEnded" });
    expect(await db.planItem.findUniqueOrThrow({ where: { id: openItemId } })).toEqual(before);
    const { item: read } = await getPlanItem(await actorForRole("LEADER"), openItemId);
    expect(read.plan.status).toBe("ENDED");
  });

  it("keeps its items out of a new round; the round form does not offer them", async () => {
    const admin = await actorForRole("ADMIN");
    const youth = await itemByKey("youth");
    expect(
      await refusal(openRound(admin, { name: "不应开启", period: "2026年第四季度", deadline: "2026-12-31", itemIds: [youth.id] }, NOW)),
    ).toMatchObject({ code: "VALIDATION", fields: { itemIds: "itemNotInForce" } });
    expect(await db.reportingRound.count({ where: { name: "不应开启" } })).toBe(0);
    const candidates = await listRoundCandidates(admin);
    expect(candidates.some((candidate) => candidate.id === youth.id || candidate.id === openItemId)).toBe(false);
  });
});

describe("the literacy rate is one series across periods", () => {
  it("lists every target with the plan that set it, and an edit of the definition keeps them", async () => {
    const admin = await actorForRole("ADMIN");
    const literacyId = (await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } })).id;
    const { indicator } = await getIndicator(admin, literacyId);
    expect(indicator.targets.map((target) => [target.year, target.value, target.plan?.code])).toEqual([
      [2025, 25, "sz-2022-2025"],
      [2030, 30, NEXT_CODE],
    ]);
    await updateIndicator(admin, {
      indicatorId: literacyId,
      version: indicator.version,
      name: indicator.name,
      unit: indicator.unit,
      direction: indicator.direction,
      baselineYear: indicator.baselineYear ?? undefined,
      baselineValue: indicator.baselineValue ?? undefined,
      baselineSource: indicator.baselineSource ?? "",
      description: "两期规划的目标同属一个序列",
      targets: [
        { year: 2025, value: 25, comparator: "GT" },
        { year: 2028, value: 28, comparator: "GT" },
        { year: 2030, value: 30, comparator: "GT" },
      ],
      confirmPlanChange: false,
    });
    const targets = await db.indicatorTarget.findMany({
      where: { indicatorId: literacyId },
      orderBy: { year: "asc" },
      include: { plan: true },
    });
    expect(targets.map((target) => [target.year, target.plan?.code, target.text])).toEqual([
      [2025, "sz-2022-2025", expect.stringContaining("25%")],
      // A year added through the form belongs to the plan whose period holds it.
      [2028, NEXT_CODE, null],
      [2030, NEXT_CODE, "超过30%"],
    ]);
  });
});

describe("carrying uncompleted work over", () => {
  it("offers the ended plans' uncompleted work items, not completed ones", async () => {
    const form = await loadCarryOverForm(await actorForRole("ADMIN"), NEXT_CODE);
    const ids = form.origins.map((origin) => origin.id);
    expect(ids).toContain(openItemId);
    expect(ids).not.toContain(completedItemId);
    expect(form.parents.map((parent) => parent.id)).toEqual([next.section.id, next.measure.id]);
  });

  it("copies, links to the origin, skips completed items, and is audited with the count", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await lastAuditId();
    const result = await carryOverItems(admin, { parentId: next.measure.id, itemIds: [openItemId, completedItemId] }, NOW);
    expect(result).toMatchObject({ skipped: 1, created: [{ originId: openItemId }] });
    const newId = result.created[0]!.id;
    const origin = await db.planItem.findUniqueOrThrow({ where: { id: openItemId }, include: { assignments: { orderBy: { id: "asc" } } } });
    const copy = await db.planItem.findUniqueOrThrow({ where: { id: newId }, include: { assignments: { orderBy: { id: "asc" } } } });
    expect(copy).toMatchObject({
      planId: next.plan.id,
      parentId: next.measure.id,
      kind: "WORK_ITEM",
      title: origin.title,
      fullText: origin.fullText,
      reportingCycle: origin.reportingCycle,
      startDate: null,
      dueDate: new Date("2030-12-31T00:00:00+08:00"),
    });
    expect(copy.assignments.map((a) => [a.unitId, a.role, a.printedName])).toEqual(
      origin.assignments.map((a) => [a.unitId, a.role, a.printedName]),
    );
    const { item: page } = await getPlanItem(admin, newId);
    expect(page.linksFrom).toEqual([expect.objectContaining({ type: "CARRIED_OVER", toItemId: openItemId })]);
    expect(page.revisions).toEqual([expect.objectContaining({ version: 1, action: "CREATE" })]);
    expect(JSON.parse(page.revisions[0]!.after)).toMatchObject({
      carriedOverFrom: expect.stringContaining("结转测试：未完成的任务"),
      dueDate: "2030-12-31",
    });
    const { item: originPage } = await getPlanItem(admin, openItemId);
    expect(originPage.linksTo).toEqual([expect.objectContaining({ type: "CARRIED_OVER", fromItemId: newId })]);
    const events = await auditSince(before);
    expect(events.map((event) => [event.action, event.result])).toEqual([["plan_item.carry_over", "SUCCESS"]]);
    expect(JSON.parse(events[0]!.details!)).toMatchObject({ plan: NEXT_CODE, count: 1, skipped: 1 });
    // Once carried, it is no longer offered.
    expect((await loadCarryOverForm(admin, NEXT_CODE)).origins.map((o) => o.id)).not.toContain(openItemId);
  });

  it("refuses carrying the same origin into the same plan twice, changing nothing", async () => {
    const admin = await actorForRole("ADMIN");
    const count = await db.planItem.count({ where: { planId: next.plan.id } });
    expect(await refusal(carryOverItems(admin, { parentId: next.section.id, itemIds: [openItemId] }, NOW))).toMatchObject({
      code: "CONFLICT",
      key: "alreadyCarriedOver",
    });
    expect(await db.planItem.count({ where: { planId: next.plan.id } })).toBe(count);
  });

  it("refuses an origin that is not an ended plan's work item, and a target that is not the current plan", async () => {
    const admin = await actorForRole("ADMIN");
    expect(await refusal(carryOverItems(admin, { parentId: next.measure.id, itemIds: [next.section.id] }, NOW))).toMatchObject({
      code: "VALIDATION",
      fields: { itemIds: "notCarriable" },
    });
    const oldMeasure = await itemByKey("youth.m1");
    expect((await refusal(carryOverItems(admin, { parentId: oldMeasure.id, itemIds: [openItemId] }, NOW))).key).toBe("planEnded");
    expect((await refusal(loadCarryOverForm(admin, "sz-2022-2025"))).key).toBe("carryOverTarget");
    expect(
      (await refusal(carryOverItems(await actorForRole("LEADER"), { parentId: next.measure.id, itemIds: [openItemId] }, NOW))).code,
    ).toBe("FORBIDDEN");
  });
});
