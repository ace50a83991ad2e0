/**
 * The division table with as many assigned items as a real office builds up (issue 16 measured
 * HTTP 500 once about 1,000 items were assigned: one bound parameter per row in a child query).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { exportDivisionTable, getDivisionTable } from "@/lib/plans/server/plans";
import { actorForRole } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";

const WORK_ITEMS = 1_500;

beforeAll(async () => {
  const measure = await itemByKey("youth.m3");
  const [education, cast] = [await unitId("市教育局"), await unitId("市科协")];
  const existing = await db.planItem.count({ where: { parentId: measure.id } });
  await db.planItem.createMany({
    data: Array.from({ length: WORK_ITEMS }, (_, index) => ({
      planId: measure.planId,
      parentId: measure.id,
      kind: "WORK_ITEM" as const,
      position: existing + index + 1,
      title: `规模测试工作任务 ${index + 1}`,
      dueDate: new Date("2025-11-30T00:00:00+08:00"),
    })),
  });
  const items = await db.planItem.findMany({ where: { parentId: measure.id, title: { startsWith: "规模测试" } }, select: { id: true } });
  await db.assignment.createMany({
    data: items.flatMap((item) => [
      { itemId: item.id, unitId: education, role: "LEAD" as const, position: 1 },
      { itemId: item.id, unitId: cast, role: "SUPPORT" as const, position: 1 },
    ]),
  });
}, 120_000);

describe("the division table at scale", () => {
  it("lists every assigned item, with its units, when 1,500 more are assigned", async () => {
    const rows = await getDivisionTable(await actorForRole("LEADER"), {});
    const scaled = rows.filter((row) => row.title.startsWith("规模测试"));
    expect(scaled).toHaveLength(WORK_ITEMS);
    expect(scaled.every((row) => row.lead.join() === "市教育局" && row.support.join() === "市科协")).toBe(true);
    expect(scaled[0]?.section).toMatch(/青少年/);
  });

  it("filters one unit's rows and exports them", async () => {
    const admin = await actorForRole("ADMIN");
    const { rows, unitName } = await exportDivisionTable(admin, { unit: await unitId("市科协"), role: "SUPPORT" }, "csv");
    expect(unitName).toBe("市科协");
    expect(rows.filter((row) => row.title.startsWith("规模测试"))).toHaveLength(WORK_ITEMS);
    expect(rows.every((row) => row.unitRole === "SUPPORT")).toBe(true);
  });
});
