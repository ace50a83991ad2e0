import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { getSessionState } from "@/lib/core/session";
import { getActor } from "@/lib/core/session";
import { getDivisionTable, getPlanItem, getPlanTree } from "@/lib/plans/server/plans";
import { setItemArchived } from "@/lib/plans/server/authoring";
import { createWorkItem, updateWorkItem } from "@/lib/plans/server/work-items";
import { actorForRole, auditSince, lastAuditId } from "../support/actors";
import { assignmentsOf, itemByKey, unitId, workItemInput } from "../support/plan-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { createWorkItemAction } = await import("@/lib/plans/actions/work-items");
void getSessionState;

describe("work items", () => {
  it("are created under a measure with units, a due date and a first revision, and audited", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await lastAuditId();
    const item = await createWorkItem(admin, await workItemInput("youth.m2"));
    const { item: stored, assignments } = await getPlanItem(admin, item.id);
    expect(stored).toMatchObject({ kind: "WORK_ITEM", version: 1, reportingCycle: "QUARTERLY", title: "举办2025年青少年科技创新大赛" });
    expect(assignments).toMatchObject({
      inheritedFrom: null,
      lead: [{ unit: { name: "市教育局" } }],
      support: [{ unit: { name: "市科协" } }],
    });
    expect(stored.revisions).toEqual([expect.objectContaining({ version: 1, action: "CREATE", actorUsername: "kxadmin", before: null })]);
    expect(JSON.parse(stored.revisions[0]!.after)).toMatchObject({ dueDate: "2025-11-30", lead: ["市教育局"], support: ["市科协"] });
    expect((await auditSince(before)).map((event) => [event.action, event.result, event.objectId])).toEqual([
      ["plan_item.create", "SUCCESS", String(item.id)],
    ]);
    const youth = await itemByKey("youth");
    expect((await getDivisionTable(admin, { section: youth.id })).map((row) => row.title)).toEqual([
      "实施青少年科学素质提升行动",
      "举办2025年青少年科技创新大赛",
    ]);
  });

  it("record every edit with who, when, before and after", async () => {
    const admin = await actorForRole("ADMIN");
    const item = await createWorkItem(admin, await workItemInput("digital.m1"));
    await updateWorkItem(admin, {
      ...(await workItemInput("digital.m1", {
        dueDate: "2025-06-30",
        assignments: await assignmentsOf(["市科协", "LEAD"], ["市出版集团", "SUPPORT"]),
      })),
      itemId: item.id,
      version: 1,
    });
    const { item: stored } = await getPlanItem(admin, item.id);
    const [latest] = stored.revisions;
    expect(latest).toMatchObject({ version: 2, action: "UPDATE", actorName: "张科普（示例·市科协科普部）" });
    expect(JSON.parse(latest!.before!)).toMatchObject({ dueDate: "2025-11-30", lead: ["市教育局"] });
    expect(JSON.parse(latest!.after)).toMatchObject({ dueDate: "2025-06-30", lead: ["市科协"], support: ["市出版集团"] });
  });

  it("refuse the second of two edits made from the same version, keeping the first", async () => {
    const admin = await actorForRole("ADMIN");
    const item = await createWorkItem(admin, await workItemInput("talent.m1"));
    const edit = async (title: string) =>
      updateWorkItem(admin, { ...(await workItemInput("talent.m1", { title })), itemId: item.id, version: 1 });
    const results = await Promise.allSettled([edit("甲的修改"), edit("乙的修改")]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT", messageKey: "stalePlanItem" });
    const stored = await db.planItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.version).toBe(2);
    expect(["甲的修改", "乙的修改"]).toContain(stored.title);
  });

  it("leave the tree and the division table when archived, and come back when restored", async () => {
    const admin = await actorForRole("ADMIN");
    const item = await createWorkItem(admin, await workItemInput("exchange.m3", { title: "粤港澳青少年无人机科创嘉年华" }));
    const inTree = async () => (await getPlanTree(admin, "sz-2022-2025", { query: "无人机科创嘉年华" })).matchCount;
    expect(await inTree()).toBe(2);
    await setItemArchived(admin, { itemId: item.id, version: 1 }, true);
    expect(await inTree()).toBe(1);
    expect((await getDivisionTable(admin, { unit: await unitId("市教育局") })).some((row) => row.itemId === item.id)).toBe(false);
    await setItemArchived(admin, { itemId: item.id, version: 2 }, false);
    expect(await inTree()).toBe(2);
    const { item: stored } = await getPlanItem(admin, item.id);
    expect(stored.revisions.map((revision) => revision.action)).toEqual(["RESTORE", "ARCHIVE", "CREATE"]);
  });

  it("refuse invalid input, changing nothing", async () => {
    const admin = await actorForRole("ADMIN");
    const count = await db.planItem.count();
    await expect(createWorkItem(admin, await workItemInput("youth.m1", { dueDate: "2027-01-31" }))).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { dueDate: "dateOutsidePlan" },
    });
    await expect(createWorkItem(admin, await workItemInput("youth.m1", { parentId: (await itemByKey("youth")).id }))).rejects.toMatchObject(
      {
        code: "VALIDATION",
        messageKey: "workItemNeedsMeasure",
      },
    );
    const section = await itemByKey("youth");
    await expect(updateWorkItem(admin, { ...(await workItemInput("youth.m1")), itemId: section.id, version: 1 })).rejects.toMatchObject({
      messageKey: "onlyWorkItemsEditable",
    });
    expect(await db.planItem.count()).toBe(count);
    expect((await db.planItem.findUniqueOrThrow({ where: { id: section.id } })).version).toBe(1);
  });

  it("cannot be changed by a leader or a liaison", async () => {
    for (const role of ["LEADER", "LIAISON"] as const) {
      await expect(createWorkItem(await actorForRole(role), await workItemInput("youth.m1"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("the work-item form's server action", () => {
  function form(values: Record<string, string | number>) {
    const data = new FormData();
    for (const [key, value] of Object.entries(values)) data.set(key, String(value));
    return data;
  }

  it("reads one role per unit from the picker and creates the item", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const measure = await itemByKey("elderly.m1");
    const health = await unitId("市卫生健康委");
    const civil = await unitId("市民政局");
    const state = await createWorkItemAction(
      null,
      form({
        parentId: measure.id,
        title: "智慧助老培训进社区",
        dueDate: "2025-09-30",
        reportingCycle: "HALF_YEARLY",
        [`unit_${health}`]: "LEAD",
        [`unit_${civil}`]: "SUPPORT",
        unit_1: "",
      }),
    );
    expect(state).toMatchObject({ ok: true });
    if (!state.ok) return;
    const { assignments } = await getPlanItem(await actorForRole("ADMIN"), state.data.itemId);
    expect([assignments.lead.map((a) => a.unit.name), assignments.support.map((a) => a.unit.name)]).toEqual([
      ["市卫生健康委"],
      ["市民政局"],
    ]);
  });

  it("explains what is wrong in Chinese and hands back what was typed", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const measure = await itemByKey("elderly.m1");
    const state = await createWorkItemAction(
      null,
      form({ parentId: measure.id, title: "没有牵头单位的任务", dueDate: "2025-13-01", reportingCycle: "" }),
    );
    expect(state).toMatchObject({
      ok: false,
      error: "VALIDATION",
      fieldErrors: { assignments: "至少需要一个牵头单位。", reportingCycle: "请选择报送周期。" },
      values: { title: "没有牵头单位的任务" },
    });
  });
});
