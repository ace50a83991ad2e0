import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { isAppError } from "@/lib/core/errors";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import { listUnitsForAssignment } from "@/lib/accounts/server/users";
import { getDivisionTable, getPlanItem, getUnitWork, listUnitsWithWork } from "@/lib/plans/server/plans";
import { workItemFormOptions } from "@/lib/plans/server/work-items";
import { openRound } from "@/lib/reporting/server/rounds";
import { createUnit, findUnitByAnyName, getUnitRegistryEntry, mergeUnit, renameUnit, setUnitActive } from "@/lib/units/server";
import { actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { createUnitAction, mergeUnitAction, renameUnitAction, unitCommandAction } = await import("@/lib/units/actions");

const NOW = new Date("2026-11-24T10:00:00+08:00");
/** What the actions, which act at the real now, may take as an effective date. */
const TODAY = shanghaiDate(new Date());

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

async function unitByName(name: string) {
  return db.unit.findUniqueOrThrow({ where: { name } });
}

/** A unit of the test's own, created through the registry. */
async function newUnit(name: string, type: "GOVERNMENT_DEPARTMENT" | "DISTRICT_GOVERNMENT" = "GOVERNMENT_DEPARTMENT") {
  return createUnit(await actorForRole("ADMIN"), { name, fullName: `深圳市${name}`, type }, NOW);
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the unit registry: rename", () => {
  it("renames 市科技创新委 with an effective date, keeps the name history and the plan's printed names, and shows 原… where they differ", async () => {
    const admin = await actorForRole("ADMIN");
    const unit = await unitByName("市科技创新委");
    const before = await lastAuditId();
    const result = await renameUnit(
      admin,
      {
        unitId: unit.id,
        version: unit.version,
        name: "市科技创新局",
        fullName: "深圳市科技创新局",
        effectiveDate: "2024-03-01",
        reason: "机构改革",
      },
      NOW,
    );
    expect(result.version).toBe(unit.version + 1);
    expect(await db.unit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({
      name: "市科技创新局",
      fullName: "深圳市科技创新局",
    });
    const history = await db.unitName.findMany({ where: { unitId: unit.id }, orderBy: { id: "asc" } });
    expect(
      history.map((row) => [row.name, row.validFrom && shanghaiDate(row.validFrom), row.validTo && shanghaiDate(row.validTo), row.reason]),
    ).toEqual([
      ["市科技创新委", null, "2024-03-01", null],
      ["市科技创新局", "2024-03-01", null, "机构改革"],
    ]);
    // The plan's text is never rewritten: every assignment keeps the name as printed.
    const assignments = await db.assignment.findMany({ where: { unitId: unit.id } });
    expect(assignments.length).toBe(9);
    expect(new Set(assignments.map((assignment) => assignment.printedName))).toEqual(new Set(["市科技创新委"]));
    // Pages show the current name, with the printed one where it differs.
    const resources = await itemByKey("resources");
    const { assignments: units } = await getPlanItem(admin, resources.id);
    expect(units.lead.map((assignment) => [assignment.unit.name, assignment.printedName])).toContainEqual(["市科技创新局", "市科技创新委"]);
    const row = (await getDivisionTable(admin, { section: resources.id })).find((entry) => entry.itemId === resources.id);
    expect(row?.lead).toContain("市科技创新局（原市科技创新委）");
    const listed = (await listUnitsWithWork(admin)).find((entry) => entry.id === unit.id);
    expect(listed).toMatchObject({ name: "市科技创新局", formerNames: ["市科技创新委"] });
    expect((await getUnitWork(admin, unit.id)).unit.formerNames).toEqual(["市科技创新委"]);
    // A former name still finds the unit (for names typed or printed elsewhere, e.g. a workbook).
    expect(await findUnitByAnyName("市科技创新委")).toEqual({ id: unit.id, name: "市科技创新局", viaFormerName: true });
    expect((await auditSince(before)).map((event) => [event.action, event.result, event.objectId])).toEqual([
      ["unit.rename", "SUCCESS", String(unit.id)],
    ]);

    // Renamed back (the e2e journey does this too): the name is its own former name, so it is free.
    await renameUnit(
      admin,
      { unitId: unit.id, version: result.version, name: "市科技创新委", fullName: "深圳市科技创新委员会", effectiveDate: "2024-03-01" },
      NOW,
    );
    const back = (await getDivisionTable(admin, { section: resources.id })).find((entry) => entry.itemId === resources.id);
    expect(back?.lead).toContain("市科技创新委");
    expect(await db.unitName.count({ where: { unitId: unit.id } })).toBe(3);
  });

  it("refuses a name another unit has, now or before, with a Chinese message, and changes nothing", async () => {
    const unit = await newUnit("重名测试局");
    const before = await db.unit.findUniqueOrThrow({ where: { id: unit.id } });
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const taken = await renameUnitAction(
      null,
      form({ unitId: unit.id, version: unit.version, name: "市教育局", fullName: "深圳市教育局", effectiveDate: TODAY }),
    );
    expect(taken).toMatchObject({ ok: false, error: "VALIDATION", message: "已有单位名为「市教育局」，单位名称不能重复。" });
    expect(taken.ok ? null : taken.fieldErrors.name).toBe("该名称已被其他单位使用（现名或曾用名）。");
    const created = await createUnitAction(null, form({ name: "市卫生健康委", fullName: "重复", type: "GOVERNMENT_DEPARTMENT" }));
    expect(created).toMatchObject({ ok: false, message: "已有单位名为「市卫生健康委」，单位名称不能重复。" });

    // A former name of another unit is taken too.
    const renamed = await newUnit("旧名测试局");
    await renameUnit(
      await actorForRole("ADMIN"),
      { unitId: renamed.id, version: 1, name: "新名测试局", fullName: "深圳市新名测试局", effectiveDate: "2026-11-24" },
      NOW,
    );
    const former = await renameUnitAction(
      null,
      form({ unitId: unit.id, version: unit.version, name: "旧名测试局", fullName: "x", effectiveDate: TODAY }),
    );
    expect(former).toMatchObject({ ok: false, message: "「旧名测试局」是新名测试局的曾用名，不能用作其他单位的名称。" });
    expect(await db.unit.findUniqueOrThrow({ where: { id: unit.id } })).toEqual(before);
    expect(await db.unitName.count({ where: { unitId: unit.id } })).toBe(1);
  });

  it("refuses a stale version, a future effective date and a date before the current name", async () => {
    const admin = await actorForRole("ADMIN");
    const unit = await newUnit("并发测试局");
    await renameUnit(admin, { unitId: unit.id, version: 1, name: "并发测试局甲", fullName: "甲", effectiveDate: "2026-11-24" }, NOW);
    const stale = await failure(
      renameUnit(admin, { unitId: unit.id, version: 1, name: "并发测试局乙", fullName: "乙", effectiveDate: "2026-11-24" }, NOW),
    );
    expect([stale.code, stale.messageKey]).toEqual(["CONFLICT", "staleUnit"]);
    vi.mocked(getActor).mockResolvedValue(admin);
    const staleAction = await renameUnitAction(
      null,
      form({ unitId: unit.id, version: 1, name: "并发测试局乙", fullName: "乙", effectiveDate: "2026-11-24" }),
    );
    expect(staleAction).toMatchObject({ ok: false, error: "CONFLICT", message: "该单位已被他人修改，请刷新页面后重试。" });
    const future = await failure(
      renameUnit(admin, { unitId: unit.id, version: 2, name: "并发测试局乙", fullName: "乙", effectiveDate: "2026-11-25" }, NOW),
    );
    expect(future.fieldErrors).toEqual({ effectiveDate: "effectiveInFuture" });
    const earlier = await failure(
      renameUnit(admin, { unitId: unit.id, version: 2, name: "并发测试局乙", fullName: "乙", effectiveDate: "2026-11-23" }, NOW),
    );
    expect(earlier.fieldErrors).toEqual({ effectiveDate: "effectiveBeforeCurrentName" });
    expect(await db.unit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({ name: "并发测试局甲", version: 2 });
  });

  it("adds a unit with its first name-history row, audited", async () => {
    const before = await lastAuditId();
    const unit = await newUnit("新增测试局");
    expect(await db.unitName.findMany({ where: { unitId: unit.id } })).toEqual([
      expect.objectContaining({
        name: "新增测试局",
        fullName: "深圳市新增测试局",
        validFrom: shanghaiDayStart("2026-11-24"),
        validTo: null,
      }),
    ]);
    expect((await auditSince(before)).map((event) => event.action)).toEqual(["unit.create"]);
  });
});

describe("the unit registry: merge", () => {
  it("moves assignments, reports, chases, events, indicator values and accounts to the surviving unit, combining shared items (lead wins, notes kept)", async () => {
    const admin = await actorForRole("ADMIN");
    const from = await newUnit("合并甲区", "DISTRICT_GOVERNMENT");
    const into = await newUnit("合并乙区", "DISTRICT_GOVERNMENT");
    const shared = await itemByKey("talent");
    const onlyFrom = await itemByKey("exchange");
    await db.assignment.createMany({
      data: [
        { itemId: shared.id, unitId: from.id, role: "LEAD", position: 9, printedName: "合并甲区", note: "甲的备注" },
        { itemId: shared.id, unitId: into.id, role: "SUPPORT", position: 9, printedName: "合并乙区", note: "乙的备注" },
        { itemId: onlyFrom.id, unitId: from.id, role: "SUPPORT", position: 9, printedName: "合并甲区" },
      ],
    });
    // A round on the item only the merged unit holds: its report, a chase, an event.
    const { round } = await openRound(
      admin,
      { name: "合并测试轮次", period: "2026年第四季度", deadline: "2026-12-31", itemIds: [onlyFrom.id] },
      NOW,
    );
    const report = await db.progressReport.findFirstOrThrow({ where: { roundId: round.id, unitId: from.id } });
    await db.chase.create({ data: { roundId: round.id, unitId: from.id, level: "REMIND", message: "请报送" } });
    await db.reportEvent.create({
      data: { roundId: round.id, reportId: report.id, unitId: from.id, itemId: onlyFrom.id, type: "REMINDED" },
    });
    const literacy = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } });
    await db.indicatorValue.create({
      data: { indicatorId: literacy.id, year: 2024, districtId: from.id, value: 20, source: "测试", method: "测试" },
    });
    const liaison = await db.user.create({
      data: { username: "hebingjia", displayName: "甲区联络员", passwordHash: "x", role: "LIAISON", unitId: from.id },
    });
    const auditBefore = await lastAuditId();

    const { moved } = await mergeUnit(admin, { unitId: from.id, version: from.version, intoUnitId: into.id }, NOW);

    expect(moved).toMatchObject({
      assignments: 2,
      assignmentsCombined: 1,
      reports: 1,
      chases: 1,
      events: 1,
      indicatorValues: 1,
      accounts: 1,
    });
    const sharedAssignments = await db.assignment.findMany({ where: { itemId: shared.id, unitId: { in: [from.id, into.id] } } });
    expect(sharedAssignments).toEqual([
      expect.objectContaining({ unitId: into.id, role: "LEAD", printedName: "合并甲区", note: "乙的备注；甲的备注" }),
    ]);
    expect(await db.assignment.findFirst({ where: { itemId: onlyFrom.id, unitId: into.id } })).toMatchObject({ printedName: "合并甲区" });
    expect(await db.assignment.count({ where: { unitId: from.id } })).toBe(0);
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ unitId: into.id });
    expect(await db.chase.count({ where: { unitId: into.id } })).toBe(1);
    expect(await db.reportEvent.count({ where: { unitId: into.id } })).toBe(1);
    expect(await db.indicatorValue.count({ where: { districtId: into.id } })).toBe(1);
    expect(await db.user.findUniqueOrThrow({ where: { id: liaison.id } })).toMatchObject({ unitId: into.id });
    const merged = await db.unit.findUniqueOrThrow({ where: { id: from.id } });
    expect(merged).toMatchObject({ mergedIntoId: into.id, deactivatedAt: NOW });
    expect(await db.unitName.count({ where: { unitId: from.id } })).toBe(1);
    // Pages show the survivor with the printed name; the merged unit still resolves to it.
    const row = (await getDivisionTable(admin, { section: onlyFrom.id })).find((entry) => entry.itemId === onlyFrom.id);
    expect(row?.support).toContain("合并乙区（原合并甲区）");
    expect(await findUnitByAnyName("合并甲区")).toMatchObject({ id: into.id, viaFormerName: true });
    const [event] = await auditSince(auditBefore);
    expect(event).toMatchObject({ action: "unit.merge", result: "SUCCESS", objectId: String(from.id) });
    expect(JSON.parse(event!.details!)).toMatchObject({ into: { id: into.id, name: "合并乙区" }, moved: { reports: 1, accounts: 1 } });
    // A merged unit is done: no second merge, no reactivation.
    const again = await failure(mergeUnit(admin, { unitId: from.id, version: merged.version, intoUnitId: into.id }, NOW));
    expect(again.messageKey).toBe("unitMerged");
  });

  it("refuses, naming them, when both units owe a report for the same item in the same round — and changes nothing", async () => {
    const admin = await actorForRole("ADMIN");
    const from = await newUnit("冲突甲局");
    const into = await newUnit("冲突乙局");
    const item = await itemByKey("digital");
    await db.assignment.createMany({
      data: [
        { itemId: item.id, unitId: from.id, role: "SUPPORT", position: 20 },
        { itemId: item.id, unitId: into.id, role: "SUPPORT", position: 21 },
      ],
    });
    await openRound(admin, { name: "冲突测试轮次", period: "2026年第四季度", deadline: "2026-12-31", itemIds: [item.id] }, NOW);
    const snapshot = async () =>
      JSON.stringify([
        await db.unit.findMany({ where: { id: { in: [from.id, into.id] } } }),
        await db.assignment.findMany({ where: { unitId: { in: [from.id, into.id] } }, orderBy: { id: "asc" } }),
        await db.progressReport.findMany({ where: { unitId: { in: [from.id, into.id] } }, orderBy: { id: "asc" } }),
      ]);
    const before = await snapshot();
    vi.mocked(getActor).mockResolvedValue(admin);
    const result = await mergeUnitAction(null, form({ unitId: from.id, version: from.version, intoUnitId: into.id }));
    expect(result).toMatchObject({
      ok: false,
      error: "CONFLICT",
      message:
        "不能合并：冲突甲局与冲突乙局在同一轮次对同一条目都有报告，共 1 份（冲突测试轮次：(二)实施科普信息化提升工程）。为不丢失报告，请先处理这些报告后再合并。未做任何修改。",
    });
    expect(await snapshot()).toBe(before);
    const itself = await mergeUnitAction(null, form({ unitId: from.id, version: from.version, intoUnitId: from.id }));
    expect(itself).toMatchObject({ ok: false, fieldErrors: { intoUnitId: "不能并入本单位。" } });
  });
});

describe("the unit registry: deactivation", () => {
  it("keeps a deactivated unit out of every picker and new round while its old records stay", async () => {
    const admin = await actorForRole("ADMIN");
    const unit = await newUnit("停用测试局");
    const item = await itemByKey("infrastructure");
    await db.assignment.create({ data: { itemId: item.id, unitId: unit.id, role: "SUPPORT", position: 30, printedName: "停用测试局" } });
    const { round: old } = await openRound(
      admin,
      { name: "停用前轮次", period: "2026年", deadline: "2026-12-31", itemIds: [item.id] },
      NOW,
    );
    await db.reportingRound.update({ where: { id: old.id }, data: { status: "CLOSED" } });

    vi.mocked(getActor).mockResolvedValue(admin);
    const done = await unitCommandAction(null, form({ unitId: unit.id, version: 1, command: "deactivate" }));
    expect(done).toEqual({ ok: true, data: { command: "deactivate" } });

    const master = await itemByKey("youth");
    expect((await workItemFormOptions(admin, master.planId)).units.map((entry) => entry.id)).not.toContain(unit.id);
    expect((await listUnitsForAssignment(await actorForRole("USER_ADMIN"))).map((entry) => entry.id)).not.toContain(unit.id);
    expect((await getUnitRegistryEntry(admin, (await unitByName("市科协")).id)).mergeTargets.map((entry) => entry.id)).not.toContain(
      unit.id,
    );
    const { round } = await openRound(admin, { name: "停用后轮次", period: "2026年", deadline: "2026-12-31", itemIds: [item.id] }, NOW);
    expect(await db.progressReport.count({ where: { roundId: round.id, unitId: unit.id } })).toBe(0);
    expect(await db.progressReport.count({ where: { roundId: round.id } })).toBeGreaterThan(0);
    // Its records stay: the assignment, the old round's report, the unit page.
    expect(await db.assignment.count({ where: { unitId: unit.id } })).toBe(1);
    expect(await db.progressReport.count({ where: { roundId: old.id, unitId: unit.id } })).toBe(1);
    expect((await getUnitWork(admin, unit.id)).unit.deactivatedAt).toEqual(expect.any(Date));

    const back = await unitCommandAction(null, form({ unitId: unit.id, version: 2, command: "reactivate" }));
    expect(back).toEqual({ ok: true, data: { command: "reactivate" } });
    expect((await workItemFormOptions(admin, master.planId)).units.map((entry) => entry.id)).toContain(unit.id);
  });

  it("refuses while the unit still has enabled accounts or owes reports in an open round", async () => {
    const admin = await actorForRole("ADMIN");
    vi.mocked(getActor).mockResolvedValue(admin);
    const jyjUnit = await unitByName("市教育局");
    const refused = await unitCommandAction(null, form({ unitId: jyjUnit.id, version: jyjUnit.version, command: "deactivate" }));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("该单位还有 1 个启用的账户") });

    const unit = await newUnit("欠报测试局");
    const item = await itemByKey("workers");
    await db.assignment.create({ data: { itemId: item.id, unitId: unit.id, role: "SUPPORT", position: 30 } });
    await openRound(admin, { name: "欠报轮次", period: "2026年", deadline: "2026-12-31", itemIds: [item.id] }, NOW);
    const owes = await failure(setUnitActive(admin, { unitId: unit.id, version: 1 }, false, NOW));
    expect([owes.messageKey, owes.values]).toEqual(["unitOwesReports", { count: 1 }]);
    expect(await db.unit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({ deactivatedAt: null, version: 1 });
    expect(await unitId("欠报测试局")).toBe(unit.id);
  });

  it("lets no one but CAST staff keep the registry", async () => {
    for (const username of ["jyj", "leader", "useradmin"]) {
      const refusal = await failure(createUnit(await actorFor(username), { name: "越权测试局", fullName: "x", type: "CENTRAL_UNIT" }, NOW));
      expect(refusal.code).toBe("FORBIDDEN");
    }
    expect(await db.unit.findUnique({ where: { name: "越权测试局" } })).toBeNull();
  });
});
