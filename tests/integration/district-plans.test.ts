/**
 * District plans on the read side: the measure page's 各区落实情况 (each district's items serving
 * the measure, with their latest progress), the dashboard filtered to one district, and the
 * division table and its export with and without the district plans. The district plans, their
 * items and SERVES links are written directly with the Prisma client: the authoring screens are
 * tested elsewhere; reports go through the real round and report workflow.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { PlanStatus } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { getDashboard } from "@/lib/outputs/server/dashboard";
import { progressSummaryRows } from "@/lib/outputs/server/dashboard-exports";
import { getDistrictProgress } from "@/lib/plans/server/districts";
import { exportDivisionTable, getDivisionTable } from "@/lib/plans/server/plans";
import { openRound } from "@/lib/reporting/server/rounds";
import { saveReport } from "@/lib/reporting/server/reports";
import { divisionFilterSchema } from "@/lib/plans/schemas/division";
import { actorFor, actorForRole } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";
import { filledReport } from "../support/round-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { GET: divisionExport } = await import("@/app/(portal)/division/export/route");
const { GET: dashboardExport } = await import("@/app/(portal)/dashboard/export/route");

const NOW = new Date("2025-10-20T10:00:00+08:00");

let futian = 0;
let nanshan = 0;
let measureId = 0;
let sectionId = 0;
/** 福田区's published item serving the measure (lead 福田区, supporter 市科协). */
let futianItem = 0;
/** Archived, in the same published plan, still linked. */
let archivedItem = 0;
/** In 福田区's draft plan, linked. */
let draftItem = 0;
/** 南山区's published item serving the measure. */
let nanshanItem = 0;
let firstRound = 0;
let secondRound = 0;

async function districtPlan(code: string, districtId: number, status: PlanStatus, title: string) {
  const master = await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } });
  return db.plan.create({
    data: {
      code,
      kind: "DISTRICT",
      title,
      shortTitle: title,
      issuer: "区人民政府",
      startYear: 2022,
      endYear: 2025,
      parentPlanId: master.id,
      districtId,
      status,
      sortOrder: 0,
    },
  });
}

async function servingItem(planId: number, position: number, title: string, units: [number, "LEAD" | "SUPPORT"][], archived = false) {
  const item = await db.planItem.create({
    data: {
      planId,
      kind: "WORK_ITEM",
      number: `${position}.`,
      position,
      title,
      fullText: `${title}（测试数据）`,
      archivedAt: archived ? new Date("2025-05-01T00:00:00Z") : null,
      assignments: { create: units.map(([unit, role], index) => ({ unitId: unit, role, position: index })) },
    },
  });
  await db.planItemLink.create({ data: { fromItemId: item.id, toItemId: measureId, type: "SERVES", reason: "落实市级措施（测试）" } });
  return item.id;
}

async function submit(roundId: number, itemId: number, username: string, completion: number) {
  const report = await db.progressReport.findFirstOrThrow({ where: { roundId, itemId, unitId: (await actorFor(username)).unitId! } });
  await saveReport(
    await actorFor(username),
    { reportId: report.id, version: report.version, intent: "submit", submissionKey: `k-${report.id}`, ...filledReport, completion },
    new Date("2025-09-20T10:00:00+08:00"),
  );
}

beforeAll(async () => {
  futian = await unitId("福田区");
  nanshan = await unitId("南山区");
  const measure = await itemByKey("youth.m1");
  measureId = measure.id;
  sectionId = measure.parentId!;
  const kejie = await unitId("市科协");
  const published = await districtPlan("test-futian-2022-2025", futian, "PUBLISHED", "测试福田区实施方案");
  futianItem = await servingItem(published.id, 1, "福田区青少年科学营", [
    [futian, "LEAD"],
    [kejie, "SUPPORT"],
  ]);
  archivedItem = await servingItem(published.id, 2, "福田区已归档条目", [[futian, "LEAD"]], true);
  const draft = await districtPlan("test-futian-draft", futian, "DRAFT", "测试福田区草稿方案");
  draftItem = await servingItem(draft.id, 1, "福田区草稿条目", [[futian, "LEAD"]]);
  const nanshanPlan = await districtPlan("test-nanshan-2022-2025", nanshan, "PUBLISHED", "测试南山区实施方案");
  nanshanItem = await servingItem(nanshanPlan.id, 1, "南山区校园科技节", [[nanshan, "LEAD"]]);

  const admin = await actorForRole("ADMIN");
  const youth = await itemByKey("youth");
  firstRound = (
    await openRound(
      admin,
      { name: "区方案测试第一轮", period: "2025年第二季度", deadline: "2025-06-30", itemIds: [futianItem] },
      new Date("2025-06-01T10:00:00+08:00"),
    )
  ).round.id;
  await submit(firstRound, futianItem, "futian", 40);
  secondRound = (
    await openRound(
      admin,
      { name: "区方案测试第二轮", period: "2025年第三季度", deadline: "2025-09-30", itemIds: [youth.id, futianItem, nanshanItem] },
      new Date("2025-09-01T10:00:00+08:00"),
    )
  ).round.id;
  await submit(secondRound, futianItem, "futian", 70);
});

describe("各区落实情况 on a city measure's page", () => {
  it("lists each district's serving items with the progress of their newest round, current name first", async () => {
    const groups = await getDistrictProgress(await actorForRole("LEADER"), measureId, NOW);
    expect(groups.map((group) => group.district.name)).toEqual(["福田区", "南山区"]);
    const [futianGroup, nanshanGroup] = groups;
    expect(futianGroup!.items.map((item) => item.id)).toEqual([futianItem]);
    expect(futianGroup!.items[0]).toMatchObject({
      title: "福田区青少年科学营",
      plan: { code: "test-futian-2022-2025", status: "PUBLISHED" },
      serves: { id: measureId },
      progress: {
        unitName: "福田区",
        role: "LEAD",
        state: "SUBMITTED",
        status: "ON_TRACK",
        completion: 70,
        round: { id: secondRound, name: "区方案测试第二轮" },
        light: "GREEN",
      },
    });
    expect(futianGroup!.items[0]!.progress!.submittedAt).not.toBeNull();
    // 南山区 owes its report and is past the deadline: the newest round's report, unsaved, red.
    expect(nanshanGroup!.items[0]).toMatchObject({ id: nanshanItem, progress: { state: "OWED", light: "RED", completion: null } });
  });

  it("leaves out archived items, and shows a draft plan's items to its editors only", async () => {
    const ids = async (username: string) =>
      (await getDistrictProgress(await actorFor(username), measureId, NOW)).flatMap((group) => group.items.map((item) => item.id));
    expect(await ids("leader")).not.toContain(draftItem);
    expect(await ids("jyj")).not.toContain(draftItem);
    expect(await ids("kxadmin")).toContain(draftItem);
    expect(await ids("futian")).toContain(draftItem);
    for (const username of ["leader", "kxadmin", "futian"]) expect(await ids(username)).not.toContain(archivedItem);
  });

  it("shows a liaison only their own unit's reports and others' approved ones", async () => {
    const progressOf = async (username: string, itemId: number) =>
      (await getDistrictProgress(await actorFor(username), measureId, NOW))
        .flatMap((group) => group.items)
        .find((item) => item.id === itemId)!.progress;
    expect(await progressOf("jyj", futianItem)).toBeNull();
    expect(await progressOf("futian", futianItem)).toMatchObject({ completion: 70 });
    expect(await progressOf("futian", nanshanItem)).toBeNull();
  });

  it("gathers the section's measures on the section's page, and nothing on a district item", async () => {
    const groups = await getDistrictProgress(await actorForRole("LEADER"), sectionId, NOW);
    expect(groups.flatMap((group) => group.items.map((item) => item.serves.id))).toEqual([measureId, measureId]);
    expect(await getDistrictProgress(await actorForRole("LEADER"), futianItem, NOW)).toEqual([]);
  });

  it("is refused to roles without plan:read", async () => {
    await expect(getDistrictProgress(await actorForRole("AUDITOR"), measureId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the dashboard filtered to one district", () => {
  it("counts only that district's obligations: its own reports and every report on its plan's items", async () => {
    const leader = await actorForRole("LEADER");
    const whole = await getDashboard(leader, { roundId: secondRound }, NOW);
    const filtered = await getDashboard(leader, { roundId: secondRound, districtId: futian }, NOW);
    const expected = await db.progressReport.count({
      where: { roundId: secondRound, OR: [{ unitId: futian }, { itemId: futianItem }] },
    });
    expect(expected).toBe(2); // 福田区's and 市科协's reports on the district item
    expect(filtered.district).toEqual({ id: futian, name: "福田区" });
    expect(filtered.groups!.overall.reports).toBe(expected);
    expect(filtered.groups!.overall.submitted).toBe(1);
    expect(whole.groups!.overall.reports).toBeGreaterThan(expected);
    expect(filtered.groups!.units.map((row) => row.name).sort()).toEqual(["市科协", "福田区"].sort());
    // 市科协's report on the district item is overdue; 南山区's is not 福田区's.
    expect(filtered.groups!.attention.units.map((unit) => unit.name)).toEqual(["市科协"]);
    expect(whole.groups!.attention.units.map((unit) => unit.name)).toContain("南山区");
    expect(filtered.groups!.ranking.every((row) => ["福田区", "市科协"].includes(row.name))).toBe(true);
    expect(filtered.districts.map((district) => district.name)).toContain("南山区");
  });

  it("ignores a unit that is not a district government", async () => {
    const leader = await actorForRole("LEADER");
    const byDepartment = await getDashboard(leader, { roundId: secondRound, districtId: await unitId("市教育局") }, NOW);
    const whole = await getDashboard(leader, { roundId: secondRound }, NOW);
    expect(byDepartment.district).toBeNull();
    expect(byDepartment.groups!.overall.reports).toBe(whole.groups!.overall.reports);
  });

  it("shows the district's own literacy value when one is recorded", async () => {
    const leader = await actorForRole("LEADER");
    expect((await getDashboard(leader, { roundId: secondRound, districtId: futian }, NOW)).districtValue).toBeNull();
    const literacy = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } });
    await db.indicatorValue.create({
      data: { indicatorId: literacy.id, year: 2024, districtId: futian, value: 27.3, source: "测试", method: "测试" },
    });
    expect((await getDashboard(leader, { roundId: secondRound, districtId: futian }, NOW)).districtValue).toEqual({
      year: 2024,
      value: 27.3,
      demo: false,
    });
    expect((await getDashboard(leader, { roundId: secondRound, districtId: nanshan }, NOW)).districtValue).toBeNull();
  });

  it("exports the progress summary of that district only", async () => {
    const leader = await actorForRole("LEADER");
    const { rows, district } = await progressSummaryRows(leader, secondRound, NOW, futian);
    expect(district).toBe("福田区");
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.item.includes("福田区青少年科学营"))).toBe(true);
    const whole = await progressSummaryRows(leader, secondRound, NOW);
    expect(whole.rows.length).toBeGreaterThan(2);

    vi.mocked(getActor).mockResolvedValue(leader);
    const response = await dashboardExport(
      new Request(`http://localhost/dashboard/export?kind=summary&format=csv&round=${secondRound}&district=${futian}`),
    );
    expect(response.status).toBe(200);
    expect(decodeURIComponent(response.headers.get("content-disposition")!)).toContain("福田区");
    const text = await response.text();
    expect(text).toContain("福田区青少年科学营");
    expect(text).not.toContain("南山区校园科技节");
  });
});

describe("the division table with district plans", () => {
  it("leaves district plans out by default and includes their published items when asked", async () => {
    const reader = await actorForRole("LIAISON");
    const without = (await getDivisionTable(reader, {})).map((row) => row.itemId);
    expect(without).not.toContain(futianItem);
    expect(without).not.toContain(nanshanItem);
    const rows = await getDivisionTable(reader, { districts: true });
    const ids = rows.map((row) => row.itemId);
    expect(ids).toEqual(expect.arrayContaining([futianItem, nanshanItem, ...without]));
    expect(ids).not.toContain(draftItem);
    expect(ids).not.toContain(archivedItem);
    // The district plans come after the city's own plans.
    expect(ids.indexOf(futianItem)).toBeGreaterThan(Math.max(...without.map((id) => ids.indexOf(id))));
    expect(rows.find((row) => row.itemId === futianItem)).toMatchObject({
      plan: "测试福田区实施方案",
      lead: ["福田区"],
      support: ["市科协"],
    });
  });

  it("includes a district plan picked in the plan filter, and filters by a district unit across plans", async () => {
    const reader = await actorForRole("LEADER");
    expect((await getDivisionTable(reader, { plan: "test-futian-2022-2025" })).map((row) => row.itemId)).toEqual([futianItem]);
    const byUnit = (await getDivisionTable(reader, { unit: futian, districts: true })).map((row) => row.itemId);
    expect(byUnit).toContain(futianItem);
    expect(byUnit).not.toContain(nanshanItem);
  });

  it("reads the checkbox from the query: 1 includes, absent does not, anything else is refused", () => {
    expect(divisionFilterSchema.parse({ districts: "1" }).districts).toBe(true);
    expect(divisionFilterSchema.parse({}).districts).toBeUndefined();
    expect(divisionFilterSchema.safeParse({ districts: "yes" }).success).toBe(false);
  });

  it("exports the same rows and states which plans the file covers", async () => {
    const reader = await actorForRole("LIAISON");
    const withDistricts = await exportDivisionTable(reader, { districts: true }, "xlsx");
    expect(withDistricts.rows.map((row) => row.itemId)).toContain(futianItem);
    expect(withDistricts.plans).toEqual(expect.arrayContaining(["测试福田区实施方案", "测试南山区实施方案"]));
    expect(withDistricts.plans).not.toContain("测试福田区草稿方案");
    const plain = await exportDivisionTable(reader, {}, "xlsx");
    expect(plain.rows.map((row) => row.itemId)).not.toContain(futianItem);
    expect(plain.plans).not.toContain("测试福田区实施方案");

    vi.mocked(getActor).mockResolvedValue(reader);
    const csv = await (await divisionExport(new Request("http://localhost/division/export?format=csv&districts=1"))).text();
    expect(csv).toContain("福田区青少年科学营");
    expect(await (await divisionExport(new Request("http://localhost/division/export?format=csv"))).text()).not.toContain(
      "福田区青少年科学营",
    );

    const response = await divisionExport(new Request("http://localhost/division/export?format=xlsx&districts=1"));
    expect(decodeURIComponent(response.headers.get("content-disposition")!)).toContain("含各区实施方案");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const table = workbook.getWorksheet("工作分工表")!;
    const titles = table.getRows(3, table.rowCount - 2)!.map((row) => row.getCell(5).value);
    expect(titles).toContain("福田区青少年科学营");
    const notes = workbook.getWorksheet("说明")!;
    expect(String(notes.getCell("B1").value)).toContain("测试福田区实施方案");
    expect(notes.getCell("B2").value).toBe("是");
  });
});
