import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { literacyOverview, getDashboard } from "@/lib/outputs/server/dashboard";
import { indicatorTableRows } from "@/lib/outputs/server/dashboard-exports";
import { db } from "@/lib/core/db";
import { setIndicatorValue } from "@/lib/indicators/server";
import { getPublicProgress } from "@/lib/outputs/server/public-progress";
import { reviewReport, saveReport } from "@/lib/reporting/server/reports";
import { getActor } from "@/lib/core/session";
import { seedDemoHistory } from "@/lib/seed/demo-history";
import { actorFor, actorForRole } from "../support/actors";
import { filledReport, openYouthRound, reportOf } from "../support/round-fixtures";
import { readText } from "../support/unzip";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { GET: exportRoute } = await import("@/app/(portal)/dashboard/export/route");
const { GET: bulletinRoute } = await import("@/app/(portal)/dashboard/bulletin/route");

const NOW = new Date("2025-08-01T10:00:00+08:00");
let demoRoundId = 0;

beforeAll(async () => {
  await seedDemoHistory(db);
  demoRoundId = (await db.reportingRound.findFirstOrThrow({ where: { isDemo: true }, orderBy: { deadline: "desc" } })).id;
});

describe("the demo history", () => {
  it("has rounds in 2023–2025 with reports in every state, late units chased, and values after the baseline — all marked demo", async () => {
    const rounds = await db.reportingRound.findMany({ include: { reports: { select: { state: true, isDemo: true } }, chases: true } });
    expect(rounds).toHaveLength(6);
    const deadlineYears = rounds.map((round) => Number(round.deadline.toLocaleString("sv", { timeZone: "Asia/Shanghai" }).slice(0, 4)));
    expect([...new Set(deadlineYears)].sort()).toEqual([2023, 2024, 2025]);
    expect(rounds.every((round) => round.isDemo && round.reports.every((report) => report.isDemo))).toBe(true);
    const states = new Set(rounds.flatMap((round) => round.reports.map((report) => report.state)));
    expect([...states].sort()).toEqual(["APPROVED", "DRAFT", "OWED", "RETURNED", "SUBMITTED"]);
    expect(rounds.every((round) => round.chases.length > 0)).toBe(true);
    const literacy = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" }, include: { values: true } });
    expect(literacy).toMatchObject({ isDemo: false, baselineYear: 2020, baselineValue: 21.1 });
    expect(literacy.values.length).toBeGreaterThan(0);
    expect(literacy.values.every((value) => value.isDemo && value.year > 2020)).toBe(true);
    expect(await db.planItem.count({ where: { plan: { kind: "MASTER" } } })).toBeGreaterThan(40);
    for (const year of [2023, 2024, 2025]) {
      expect(literacy.values.filter((value) => value.year === year && value.districtId === null)).toHaveLength(1);
      expect(literacy.values.filter((value) => value.year === year && value.districtId !== null).length).toBeGreaterThan(4);
    }
  });

  it("has finished rounds with reports returned then approved, late ones, unsent ones chased, and outputs by unit of measure", async () => {
    const closed = await db.reportingRound.findMany({ where: { status: "CLOSED", isDemo: true }, select: { id: true } });
    expect(closed.length).toBe(4);
    const roundIds = { in: closed.map((round) => round.id) };
    const returnedThenApproved = await db.progressReport.count({
      where: { roundId: roundIds, state: "APPROVED", events: { some: { type: "RETURNED" } } },
    });
    expect(returnedThenApproved).toBeGreaterThan(0);
    const late = await db.progressReport.findMany({
      where: { roundId: roundIds, submittedAt: { not: null } },
      select: { submittedAt: true, round: { select: { deadline: true } } },
    });
    expect(late.filter((report) => report.submittedAt! > report.round.deadline).length).toBeGreaterThan(0);
    const unsent = await db.progressReport.findMany({
      where: { roundId: roundIds, state: "OWED" },
      select: { roundId: true, unitId: true },
    });
    expect(unsent.length).toBeGreaterThan(0);
    for (const report of unsent)
      expect(await db.chase.count({ where: { roundId: report.roundId, unitId: report.unitId } })).toBeGreaterThan(0);
    const units = await db.reportOutput.groupBy({ by: ["unit"], where: { report: { isDemo: true } } });
    expect(units.map((row) => row.unit)).toEqual(expect.arrayContaining(["场次", "人次"]));
  });

  it("is not loaded twice", async () => {
    expect(await seedDemoHistory(db)).toEqual({ reports: 0, values: 0 });
  });
});

describe("the literacy headline", () => {
  it("puts actuals against the target and the straight path from the 2020 baseline, with the gap", async () => {
    const literacy = (await literacyOverview())!;
    expect(literacy.points.map((point) => point.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(literacy.points[0]).toMatchObject({ actual: 21.1, expected: 21.1, demo: false });
    expect(literacy.points[5]).toMatchObject({ expected: 25, target: 25 });
    expect(literacy.points[1]!.expected).toBeCloseTo(21.88, 2);
    expect(literacy.latest).toEqual({ year: 2025, value: 24.8, demo: true });
    expect(literacy).toMatchObject({ gap: 0.2, reached: false });
  });
});

describe("the dashboard", () => {
  it("counts lights by population action, key project and unit from grouped queries", async () => {
    const dashboard = await getDashboard(await actorForRole("LEADER"), { roundId: demoRoundId }, NOW);
    const groups = dashboard.groups!;
    expect(groups.populations.map((row) => row.name)).toEqual(["青少年", "城市劳动者", "老年人", "领导干部和公务员"]);
    expect(groups.projects).toHaveLength(6);
    const total = await db.progressReport.count({ where: { roundId: demoRoundId } });
    expect(groups.overall.reports).toBe(total);
    const sum = (rows: typeof groups.units) => rows.reduce((acc, row) => acc + row.reports, 0);
    expect(sum(groups.units)).toBe(total);
    expect(sum([...groups.populations, ...groups.projects])).toBe(total);
    const owed = await db.progressReport.count({ where: { roundId: demoRoundId, state: { in: ["OWED", "DRAFT"] } } });
    expect(groups.overall.summary.reasons.find((reason) => reason.key === "overdueNotSubmitted")?.count).toBe(owed);
    expect(groups.ranking.map((row) => row.rate)).toEqual([...groups.ranking.map((row) => row.rate)].sort((a, b) => b - a));
  });

  it("is refused to liaisons, auditors and account administrators", async () => {
    for (const role of ["LIAISON", "AUDITOR", "USER_ADMIN"] as const) {
      await expect(getDashboard(await actorForRole(role), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("indicator values", () => {
  it("are validated: a percentage within 0–100, a year within the plan's span", async () => {
    const admin = await actorForRole("ADMIN");
    const literacy = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } });
    const base = { indicatorId: literacy.id, source: "测试", method: "测试" };
    await expect(setIndicatorValue(admin, { ...base, year: 2025, value: 120 })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { value: "percentRange" },
    });
    await expect(setIndicatorValue(admin, { ...base, year: 2031, value: 25 })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { year: "yearOutsidePlan" },
    });
    await expect(setIndicatorValue(await actorForRole("LEADER"), { ...base, year: 2025, value: 25 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("are corrected only from the version shown, and every change is kept", async () => {
    const admin = await actorForRole("ADMIN");
    const indicator = await db.indicator.findUniqueOrThrow({ where: { code: "science-bases" } });
    const current = await db.indicatorValue.findFirstOrThrow({ where: { indicatorId: indicator.id, year: 2024, districtId: null } });
    const input = { indicatorId: indicator.id, year: 2024, value: 185, source: "市科协年度统计", method: "各区汇总" };
    await expect(setIndicatorValue(admin, input)).rejects.toMatchObject({ code: "CONFLICT", messageKey: "indicatorValueEntered" });
    const corrected = await setIndicatorValue(admin, { ...input, version: current.version });
    expect(corrected).toMatchObject({ value: 185, isDemo: false, version: current.version + 1 });
    const revision = await db.indicatorRevision.findFirstOrThrow({ where: { indicatorId: indicator.id, action: "CORRECT_VALUE" } });
    expect(JSON.parse(revision.before!)).toMatchObject({ value: current.value });
    expect(JSON.parse(revision.after)).toMatchObject({ value: 185, source: "市科协年度统计" });
    expect(revision.actorUsername).toBe("kxadmin");
  });
});

describe("outputs", () => {
  it("export the progress summary as .xlsx and the indicator table as CSV, readable with Chinese intact", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("LEADER"));
    const xlsx = await exportRoute(new Request(`http://localhost/dashboard/export?kind=summary&format=xlsx&round=${demoRoundId}`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet("进展汇总")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "序号",
      "单位",
      "任务",
      "职责",
      "报送状态",
      "推进状态",
      "完成度（%）",
      "红黄绿灯",
      "原因",
      "报送时间",
      "工作进展",
      "存在问题",
      "下步计划",
      "举办活动（场）",
      "覆盖人数（人次）",
      "其他量化成果",
      "示例数据",
    ]);
    expect(sheet.rowCount - 1).toBe(await db.progressReport.count({ where: { roundId: demoRoundId } }));
    expect(sheet.getRow(2).getCell(17).value).toBe("是");

    const csv = await exportRoute(new Request("http://localhost/dashboard/export?kind=indicators&format=csv"));
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain('"公民具备科学素质的比例","%","2020年 21.1%","2025年超过25%"');
    const { rows } = await indicatorTableRows(await actorForRole("ADMIN"));
    expect(rows[0]!.values[2024]).toBe("24.2（示例）");
  });

  it("write the round's bulletin as a Word document with the headline, the gap and the late units", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const response = await bulletinRoute(new Request(`http://localhost/dashboard/bulletin?round=${demoRoundId}`));
    expect(response.status).toBe(200);
    const xml = readText(Buffer.from(await response.arrayBuffer()), "word/document.xml");
    const round = await db.reportingRound.findUniqueOrThrow({ where: { id: demoRoundId } });
    expect(xml).toContain(round.name);
    expect(xml).toContain("距2025年目标还差0.2个百分点");
    // The demo round has approved reports, so 三、工作亮点 comes before the late units.
    expect(xml).toContain("三、工作亮点");
    expect(xml).toContain("四、报送滞后单位");
    expect(xml).toMatch(/逾期未报送（已催办）/);
    vi.mocked(getActor).mockResolvedValue(await actorForRole("LIAISON"));
    expect((await bulletinRoute(new Request(`http://localhost/dashboard/bulletin?round=${demoRoundId}`))).status).toBe(403);
  });
});

describe("the public progress data", () => {
  it("shows approved reports only: nothing from drafts, returned reports or review comments", async () => {
    const MARK_DRAFT = "MARKER-草稿-8d1c";
    const MARK_RETURNED = "MARKER-退回-3a7f";
    const MARK_COMMENT = "MARKER-意见-5e2b";
    const PUBLIC = "已审核公开的进展-9f04";
    const round = (await openYouthRound("2025-12-31")).round;
    const admin = await actorForRole("ADMIN");
    const draft = await reportOf(round.id, "市妇联");
    await db.progressReport.update({ where: { id: draft.id }, data: { state: "DRAFT", workDone: MARK_DRAFT } });
    const returned = await reportOf(round.id, "市卫生健康委");
    await saveReport(await actorFor("wjw"), {
      reportId: returned.id,
      version: returned.version,
      intent: "submit",
      submissionKey: "",
      ...filledReport,
      workDone: MARK_RETURNED,
    });
    await reviewReport(admin, { reportId: returned.id, version: returned.version + 1, decision: "RETURN", comment: MARK_COMMENT });
    const approved = await reportOf(round.id, "市教育局");
    await saveReport(await actorFor("jyj"), {
      reportId: approved.id,
      version: approved.version,
      intent: "submit",
      submissionKey: "",
      ...filledReport,
      workDone: PUBLIC,
      problems: MARK_DRAFT,
    });
    await reviewReport(admin, { reportId: approved.id, version: approved.version + 1, decision: "APPROVE", comment: MARK_COMMENT });

    // An earlier round's approved report by the same unit on the same item is superseded.
    const SUPERSEDED = "较早一轮已审核的进展-1c2d";
    const earlier = await reportOf((await openYouthRound("2025-06-30")).round.id, "市教育局");
    await saveReport(await actorFor("jyj"), {
      reportId: earlier.id,
      version: earlier.version,
      intent: "submit",
      submissionKey: "",
      ...filledReport,
      workDone: SUPERSEDED,
    });
    await reviewReport(admin, { reportId: earlier.id, version: earlier.version + 1, decision: "APPROVE", comment: "" });

    const progress = await getPublicProgress();
    const data = JSON.stringify(progress);
    expect(data).toContain(PUBLIC);
    expect(data).not.toContain(SUPERSEDED);
    const youth = progress.sections.find((section) => section.title === "实施青少年科学素质提升行动")!;
    expect(youth.reports.filter((report) => report.unit === "市教育局").map((report) => report.workDone)).toEqual([PUBLIC]);
    for (const marker of [MARK_DRAFT, MARK_RETURNED, MARK_COMMENT, "张科普", "李联络", "kxadmin", "storageKey"])
      expect(data).not.toContain(marker);
  });
});
