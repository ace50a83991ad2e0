import ExcelJS from "exceljs";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { isAppError } from "@/lib/core/errors";
import { getPlanItem, getPlanTree } from "@/lib/plans/server/plans";
import {
  applyPlanImport,
  discardPlanImport,
  downloadPlanTemplate,
  downloadPlanWorkbook,
  getPlanImport,
  previewPlanImport,
} from "@/lib/plans/server/plan-import";
import { actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";
import { smallPlan, writeWorkbook, type WorkbookSpec } from "../support/plan-workbook";
import { buildStoredZip } from "../support/zip";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));

const preview = async (spec: WorkbookSpec, planCode?: string, actor?: Awaited<ReturnType<typeof actorForRole>>) =>
  previewPlanImport(actor ?? (await actorForRole("ADMIN")), { fileName: "plan.xlsx", bytes: await writeWorkbook(spec), planCode });

async function importPlan(spec: WorkbookSpec) {
  const admin = await actorForRole("ADMIN");
  const result = await preview(spec);
  expect(result.problems).toEqual([]);
  return applyPlanImport(admin, { importId: result.importId });
}

/** What an error refuses with: code and message key. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return [error.code, error.messageKey];
    throw error;
  }
  throw new Error("not refused");
}

/** The plan tables a preview must leave untouched. */
async function planTables() {
  return JSON.stringify(
    await Promise.all([
      db.plan.findMany({ orderBy: { id: "asc" } }),
      db.planItem.count(),
      db.assignment.count(),
      db.planItemLink.count(),
      db.planItemRevision.count(),
      db.indicator.count(),
      db.indicatorTarget.count(),
      db.planGoal.count(),
      db.planPhase.count(),
    ]),
  );
}

describe("importing a plan from a workbook", () => {
  it("previews without writing, then creates the plan as a draft with its tree, units, targets and links, audited", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await planTables();
    const auditBefore = await lastAuditId();
    const result = await preview(smallPlan());
    expect(result.problems).toEqual([]);
    expect(await planTables()).toBe(before);
    const pending = await getPlanImport(admin, result.importId);
    expect(pending).toMatchObject({ status: "PENDING", canApply: true, counts: { items: 5, phases: 2, goals: 1, targets: 2, links: 1 } });
    expect(pending.tree.map((node) => [node.number, node.title, node.lead.map((unit) => unit.current)])).toEqual([
      ["（一）", "实施青少年科学素质提升行动", ["市教育局"]],
      ["（二）", "实施老年人科学素质提升行动", ["市卫生健康委"]],
    ]);
    expect(pending.tree[0]!.children[0]!.children[0]).toMatchObject({
      kind: "WORK_ITEM",
      title: "举办青少年科技节",
      dueDate: "2027-12-31",
    });

    const applied = await applyPlanImport(admin, { importId: result.importId });
    const plan = await db.plan.findUniqueOrThrow({ where: { code: "demo-2026-2030" } });
    expect(plan).toMatchObject({ status: "DRAFT", kind: "MASTER", isDemo: true, isCurrent: false, createdById: admin.userId, version: 1 });
    const tree = await getPlanTree(admin, "demo-2026-2030");
    expect(tree.roots.map((node) => [node.number, node.title, node.children.map((child) => child.title)])).toEqual([
      ["（一）", "实施青少年科学素质提升行动", ["建设科学教育体系"]],
      ["（二）", "实施老年人科学素质提升行动", ["开展老年人健康科普"]],
    ]);
    const festival = await db.planItem.findFirstOrThrow({
      where: { planId: plan.id, key: "s1.m1.w1" },
      include: {
        assignments: { include: { unit: true }, orderBy: [{ role: "asc" }, { position: "asc" }] },
        phase: true,
        revisions: true,
        linksFrom: true,
      },
    });
    expect(festival).toMatchObject({
      kind: "WORK_ITEM",
      number: "1.",
      reportingCycle: "QUARTERLY",
      position: 1,
      phase: { name: "深入实施" },
    });
    expect(festival.assignments.map((a) => [a.role, a.unit.name, a.printedName])).toEqual([
      ["LEAD", "市教育局", "市教育局"],
      ["SUPPORT", "市科协", "市科协"],
    ]);
    expect(festival.revisions).toEqual([
      expect.objectContaining({ action: "IMPORT", version: 1, actorName: admin.displayName, actorId: admin.userId }),
    ]);
    expect(festival.linksFrom).toEqual([
      expect.objectContaining({ type: "SERVES", toItemId: (await itemByKey("youth.m1")).id, reason: "承接青少年科学教育措施" }),
    ]);
    // The literacy rate is one series: the new plan adds its 2030 target; a new code is a new indicator.
    const literacy = await db.indicator.findUniqueOrThrow({
      where: { code: "literacy-rate" },
      include: { targets: { orderBy: { year: "asc" } } },
    });
    expect(literacy.targets.map((target) => [target.year, target.value, target.planId === plan.id])).toEqual([
      [2025, 25, false],
      [2030, 30, true],
    ]);
    const venues = await db.indicator.findUniqueOrThrow({ where: { code: "demo-venues" }, include: { targets: true } });
    expect(venues).toMatchObject({
      planId: plan.id,
      itemId: (await db.planItem.findFirstOrThrow({ where: { planId: plan.id, key: "s1" } })).id,
      baselineValue: 40,
    });
    expect(venues.targets).toEqual([
      expect.objectContaining({ year: 2030, value: 50, comparator: "GTE", planId: plan.id, text: "达到50个以上" }),
    ]);
    expect(await db.planGoal.findMany({ where: { planId: plan.id } })).toEqual([
      expect.objectContaining({ year: 2030, targetValue: 30, comparator: "GT", indicatorId: literacy.id }),
    ]);
    expect(await db.planVersion.findMany({ where: { planId: plan.id } })).toEqual([
      expect.objectContaining({ version: 1, action: "IMPORT" }),
    ]);
    expect(await db.planImport.findUniqueOrThrow({ where: { id: result.importId } })).toMatchObject({ status: "APPLIED", planId: plan.id });
    const events = await auditSince(auditBefore);
    expect(events.map((event) => [event.action, event.result])).toEqual([
      ["plan.import_preview", "SUCCESS"],
      ["plan.import", "SUCCESS"],
    ]);
    expect(JSON.parse(events[1]!.details!)).toMatchObject({
      items: 5,
      added: 5,
      assignments: 8,
      targets: 2,
      indicators: 1,
      goals: 1,
      links: 1,
    });
    expect(applied).toMatchObject({ code: "demo-2026-2030", version: 1 });

    // A second confirm of the same import changes nothing.
    const after = await planTables();
    expect(await refusal(applyPlanImport(admin, { importId: result.importId }))).toEqual(["CONFLICT", "planImportNotPending"]);
    expect(await planTables()).toBe(after);
  });

  it("reports every problem with sheet, row and column, writes nothing and offers no confirm", async () => {
    const admin = await actorForRole("ADMIN");
    const spec = smallPlan("cast-2023", {
      items: [
        ["a", "", "任务", "（一）", "甲", "", "", "市教育", "", "", null, null, "", ""],
        ["a", "", "任务", "（二）", "重复识别码", "", "", "市教育局", "", "", null, null, "", ""],
        ["b", "", "任务", "（一）", "重复编号", "", "", "市教育局", "", "", null, null, "", ""],
        ["c", "b", "工作事项", "1.", "没有牵头单位", "", "", "", "", "", null, null, "", ""],
        ["d", "nobody", "措施", "", "上级不存在", "", "", "", "", "", null, null, "", ""],
        ["e", "b", "小节", "", "层级不对", "", "", "", "", "", null, null, "", ""],
        ["f", "b", "工作事项", "2.", "日期超出", "", "", "市教育局", "", "", null, "2031-01-01", "每周", ""],
        ["g", "b", "工作事项", "3.", "日期不可读", "", "", "市教育局", "", "不存在的阶段", "明年春天", null, "", ""],
      ],
      links: [
        ["b", "no-such-plan", "x", "服务于", "未知规划"],
        ["b", "sz-2022-2025", "no-such-item", "服务于", "未知条目"],
      ],
    });
    spec.plan.发文单位 = "";
    const before = await planTables();
    const result = await preview(spec);
    expect(await planTables()).toBe(before);
    const where = (sheet: string, row: number | undefined, column: string | undefined) =>
      result.problems
        .filter((problem) => problem.sheet === sheet && problem.row === row && problem.column === column)
        .map((p) => p.message);
    expect(where("条目", 2, "H")).toEqual([expect.stringContaining("您是否要填：「市教育局」")]);
    expect(where("条目", 3, "A")).toEqual([expect.stringContaining("识别码「a」重复")]);
    expect(where("条目", 4, "D")).toEqual([expect.stringContaining("编号「（一）」与第 2 行重复")]);
    expect(where("条目", 5, "H")).toEqual(["工作事项须填写牵头单位。"]);
    expect(where("条目", 6, "B")).toEqual([expect.stringContaining("上级识别码「nobody」")]);
    expect(where("条目", 7, "C")).toEqual([expect.stringContaining("层级「小节」不正确")]);
    expect(where("条目", 8, "L")).toEqual([expect.stringContaining("不在规划期 2026—2030 之内")]);
    expect(where("条目", 8, "M")).toEqual([expect.stringContaining("报送周期「每周」不正确")]);
    expect(where("条目", 9, "K")).toEqual([expect.stringContaining("无法识别为日期")]);
    expect(where("条目", 9, "J")).toEqual([expect.stringContaining("阶段「不存在的阶段」不在「阶段」工作表中")]);
    expect(where("关联", 2, "B")).toEqual([expect.stringContaining("no-such-plan")]);
    expect(where("关联", 3, "C")).toEqual([expect.stringContaining("no-such-item")]);
    expect(where("规划信息", 2, "B")).toEqual([expect.stringContaining("已被平台中的规划使用")]);
    expect(where("规划信息", 6, "B")).toEqual(["缺少「发文单位」。"]);
    const stored = await getPlanImport(admin, result.importId);
    expect(stored).toMatchObject({ status: "PENDING", canApply: false });
    expect(stored.problems).toEqual(result.problems);
    expect(await refusal(applyPlanImport(admin, { importId: result.importId }))).toEqual(["VALIDATION", "planImportHasProblems"]);
    expect(await planTables()).toBe(before);
  });

  it("maps a unit's former name to the current unit, keeping the name as printed", async () => {
    const education = await unitId("市教育局");
    await db.unitName.create({
      data: { unitId: education, name: "深圳市教育旧局", fullName: "深圳市教育旧局", validTo: new Date("2024-01-01") },
    });
    const spec = smallPlan("former-name", { indicators: [] });
    spec.items[2]![7] = "深圳市教育旧局";
    await importPlan(spec);
    const item = await db.planItem.findFirstOrThrow({
      where: { plan: { code: "former-name" }, key: "s1.m1.w1" },
      include: { assignments: true },
    });
    expect(item.assignments.find((a) => a.role === "LEAD")).toMatchObject({ unitId: education, printedName: "深圳市教育旧局" });
  });

  it("refuses a file that is not a plain workbook of at most 10 MB and 5,000 rows per sheet, storing nothing", async () => {
    const admin = await actorForRole("ADMIN");
    const imports = await db.planImport.count();
    const tryFile = (bytes: Uint8Array, fileName = "plan.xlsx") => refusal(previewPlanImport(admin, { fileName, bytes }));
    const messageOf = async (bytes: Uint8Array) => {
      try {
        await previewPlanImport(admin, { fileName: "x.xlsx", bytes });
      } catch (error) {
        return isAppError(error) ? String(error.values.reason) : "";
      }
      return "";
    };
    expect(await tryFile(new TextEncoder().encode("%PDF-1.4\n%%EOF\n"), "plan.xlsx")).toEqual(["VALIDATION", "planImportRefused"]);
    expect(await messageOf(new TextEncoder().encode("%PDF-1.4\n%%EOF\n"))).toContain("不是 Excel 工作簿");
    // A macro workbook is refused whatever its name: by its vbaProject part or its content type.
    const valid = await writeWorkbook(smallPlan("macro"));
    const withMacro = buildStoredZip([
      { name: "[Content_Types].xml", data: '<Types><Default Extension="xml" ContentType="application/xml"/></Types>' },
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/vbaProject.bin", data: "macro" },
    ]);
    expect(await messageOf(withMacro)).toContain("含宏");
    const macroType = buildStoredZip([
      {
        name: "[Content_Types].xml",
        data: '<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
      },
      { name: "xl/workbook.xml", data: "<workbook/>" },
    ]);
    expect(await messageOf(macroType)).toContain("含宏");
    const tooLarge = new Uint8Array(10 * 1024 * 1024 + 1);
    tooLarge.set(valid);
    expect(await messageOf(tooLarge)).toContain("超过 10 MB");
    const manyRows = smallPlan("many-rows");
    manyRows.items = Array.from({ length: 5001 }, (_, index) => [
      `k${index}`,
      "",
      "任务",
      "",
      `条目${index}`,
      "",
      "",
      "市教育局",
      "",
      "",
      null,
      null,
      "",
      "",
    ]);
    expect(await messageOf(await writeWorkbook(manyRows))).toContain("超过 5,000 行");
    expect(await db.planImport.count()).toBe(imports);
  });

  it("imports a new version: shows items added, changed and archived, and keeps the reports and revisions of kept items", async () => {
    const admin = await actorForRole("ADMIN");
    await importPlan(smallPlan("versioned", { indicators: [] }));
    const plan = await db.plan.findUniqueOrThrow({ where: { code: "versioned" } });
    const kept = await db.planItem.findFirstOrThrow({ where: { planId: plan.id, key: "s1.m1.w1" } });
    const round = await db.reportingRound.create({
      data: { name: "导入测试轮次", period: "2027年第一季度", deadline: new Date("2027-03-31T00:00:00+08:00") },
    });
    const report = await db.progressReport.create({
      data: { roundId: round.id, itemId: kept.id, unitId: await unitId("市教育局"), role: "LEAD", state: "DRAFT", workDone: "已举办" },
    });
    const next = smallPlan("versioned", { indicators: [] });
    next.items[2]![4] = "举办青少年科技节（每年）";
    next.items[2]![8] = "市科协、团市委";
    next.items = next.items.filter((row) => row[0] !== "s2.w1");
    next.items.push(["s2.w2", "s2", "工作事项", "2.", "建设社区老年科普站", "", "", "市民政局", "", "", null, "2029-12-31", "年度", ""]);
    const result = await preview(next, "versioned");
    expect(result.problems).toEqual([]);
    expect(result.diff).toMatchObject({
      added: [expect.objectContaining({ key: "s2.w2" })],
      changed: [
        {
          key: "s1.m1.w1",
          changes: [
            { field: "title", before: "举办青少年科技节", after: "举办青少年科技节（每年）" },
            { field: "support", before: "市科协", after: "市科协、团市委" },
          ],
        },
      ],
      archived: [expect.objectContaining({ key: "s2.w1" })],
      unchanged: 3,
    });
    const auditBefore = await lastAuditId();
    await applyPlanImport(admin, { importId: result.importId });
    const { item, assignments } = await getPlanItem(admin, kept.id);
    expect(item).toMatchObject({ title: "举办青少年科技节（每年）", version: 2, archivedAt: null });
    expect(assignments.support.map((a) => a.unit.name)).toEqual(["市科协", "团市委"]);
    expect(item.revisions.map((revision) => [revision.version, revision.action])).toEqual(
      expect.arrayContaining([
        [1, "IMPORT"],
        [2, "UPDATE"],
      ]),
    );
    const update = item.revisions.find((revision) => revision.action === "UPDATE")!;
    expect(JSON.parse(update.before!)).toMatchObject({ title: "举办青少年科技节", support: ["市科协"] });
    expect(JSON.parse(update.after)).toMatchObject({ title: "举办青少年科技节（每年）", support: ["市科协", "团市委"] });
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ itemId: kept.id, workDone: "已举办" });
    expect(await db.planItemLink.count({ where: { fromItemId: kept.id } })).toBe(1);
    const gone = await db.planItem.findFirstOrThrow({
      where: { planId: plan.id, key: "s2.w1" },
      include: { revisions: { orderBy: { version: "asc" } } },
    });
    expect(gone.archivedAt).not.toBeNull();
    expect(gone.revisions.map((revision) => revision.action)).toEqual(["IMPORT", "ARCHIVE"]);
    expect(await db.planItem.findFirst({ where: { planId: plan.id, key: "s2.w2" } })).toMatchObject({ kind: "WORK_ITEM", position: 1 });
    expect((await db.planVersion.findMany({ where: { planId: plan.id }, orderBy: { version: "asc" } })).map((v) => v.action)).toEqual([
      "IMPORT",
      "REIMPORT",
    ]);
    expect((await auditSince(auditBefore)).map((event) => event.action)).toEqual(["plan.reimport"]);
  });

  it("downloads a plan as a filled workbook that imports back as the same version, with no differences", async () => {
    const admin = await actorForRole("ADMIN");
    const filled = await downloadPlanWorkbook(
      admin,
      "sz-2023-work-points".length > 0 ? (await db.plan.findFirstOrThrow({ where: { kind: "ANNUAL" } })).code : "",
    );
    const result = await previewPlanImport(admin, { fileName: "filled.xlsx", bytes: filled.bytes, planCode: filled.code });
    expect(result.problems).toEqual([]);
    expect(result.diff).toMatchObject({ added: [], changed: [], archived: [] });
    expect(result.diff!.unchanged).toBeGreaterThan(10);
  });

  it("offers a template with the contract's sheets, drop-downs and the current units only", async () => {
    const admin = await actorForRole("ADMIN");
    await db.unit.update({ where: { name: "深汕特别合作区" }, data: { deactivatedAt: new Date("2026-01-01") } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadPlanTemplate(admin)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "说明",
      "规划信息",
      "阶段",
      "条目",
      "目标",
      "指标",
      "关联",
      "参考_单位",
      "参考_条目",
    ]);
    const items = workbook.getWorksheet("条目")!;
    expect((items.getRow(1).values as unknown[]).slice(1)).toEqual([
      "识别码",
      "上级识别码",
      "层级",
      "编号",
      "标题",
      "任务表述",
      "全文",
      "牵头单位",
      "配合单位",
      "阶段",
      "开始日期",
      "完成时限",
      "报送周期",
      "备注",
    ]);
    expect(items.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(items.getCell("C2").dataValidation).toMatchObject({ type: "list", formulae: ['"部分,任务,措施,保障措施,工作事项,专栏"'] });
    expect(items.getCell("M3").dataValidation).toMatchObject({ type: "list", formulae: ['"月度,季度,半年,年度"'] });
    const units = workbook.getWorksheet("参考_单位")!.getColumn(1).values.slice(2);
    expect(units).toContain("市教育局");
    expect(units).not.toContain("深汕特别合作区");
    const reference = workbook.getWorksheet("参考_条目")!;
    expect(reference.getColumn(3).values).toContain("youth.m1");
    await db.unit.update({ where: { name: "深汕特别合作区" }, data: { deactivatedAt: null } });
  });
});

describe("district plans", () => {
  const districtPlan = (code: string, district: string) => {
    const spec = smallPlan(code);
    spec.plan.规划类型 = "区实施方案";
    spec.plan.所属区 = district;
    spec.plan.上级规划代码 = "sz-2022-2025";
    spec.plan.标题 = `示例：${district}全民科学素质行动实施方案`;
    spec.indicators = [];
    spec.goals = [];
    return spec;
  };

  it("a district liaison imports their own district's plan, not another's", async () => {
    const futian = await actorFor("futian");
    await db.user.update({ where: { username: "futian" }, data: { mustChangePassword: false } });
    const own = await previewPlanImport(
      { ...futian, mustChangePassword: false },
      { fileName: "futian.xlsx", bytes: await writeWorkbook(districtPlan("futian-2026", "福田区")) },
    );
    expect(own.problems).toEqual([]);
    await applyPlanImport({ ...futian, mustChangePassword: false }, { importId: own.importId });
    expect(await db.plan.findUniqueOrThrow({ where: { code: "futian-2026" } })).toMatchObject({
      kind: "DISTRICT",
      districtId: await unitId("福田区"),
      status: "DRAFT",
    });
    const other = await previewPlanImport(
      { ...futian, mustChangePassword: false },
      { fileName: "luohu.xlsx", bytes: await writeWorkbook(districtPlan("luohu-2026", "罗湖区")) },
    );
    expect(other.problems).toEqual([
      expect.objectContaining({ sheet: "规划信息", column: "B", message: expect.stringContaining("只能导入本区的实施方案") }),
    ]);
    // CAST staff may import 罗湖区's plan; the liaison of 福田区 may not confirm it.
    const admin = await actorForRole("ADMIN");
    const byAdmin = await previewPlanImport(admin, {
      fileName: "luohu.xlsx",
      bytes: await writeWorkbook(districtPlan("luohu-2026", "罗湖区")),
    });
    expect(byAdmin.problems).toEqual([]);
    const auditBefore = await lastAuditId();
    expect(await refusal(applyPlanImport({ ...futian, mustChangePassword: false }, { importId: byAdmin.importId }))).toEqual([
      "FORBIDDEN",
      "FORBIDDEN",
    ]);
    expect((await auditSince(auditBefore)).map((event) => [event.action, event.result])).toEqual([["plan.import", "DENIED"]]);
    expect(await db.plan.findUnique({ where: { code: "luohu-2026" } })).toBeNull();
    // A liaison of a department (not a district) may not import at all.
    expect(await refusal(downloadPlanTemplate(await actorFor("jyj")))).toEqual(["FORBIDDEN", "FORBIDDEN"]);
  });

  it("refuses a new version of an ended plan", async () => {
    const admin = await actorForRole("ADMIN");
    await importPlan(smallPlan("ended-plan", { indicators: [] }));
    await db.plan.update({ where: { code: "ended-plan" }, data: { status: "ENDED" } });
    expect(await refusal(preview(smallPlan("ended-plan"), "ended-plan"))).toEqual(["CONFLICT", "planEnded"]);
    void admin;
  });

  it("a discarded import cannot be confirmed", async () => {
    const admin = await actorForRole("ADMIN");
    const result = await preview(smallPlan("discarded-plan"));
    await discardPlanImport(admin, { importId: result.importId });
    expect(await refusal(applyPlanImport(admin, { importId: result.importId }))).toEqual(["CONFLICT", "planImportNotPending"]);
    expect(await db.plan.findUnique({ where: { code: "discarded-plan" } })).toBeNull();
  });
});
