import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { getDashboard } from "@/lib/outputs/server/dashboard";
import { sendChase } from "@/lib/reporting/server/chasing";
import { getRoundBoard, openRound } from "@/lib/reporting/server/rounds";
import { getActor } from "@/lib/core/session";
import { seedDemoHistory } from "@/lib/seed/demo-history";
import { actorForRole } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";
import { openYouthRound, reportOf } from "../support/round-fixtures";
import { readText } from "../support/unzip";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { openRoundAction } = await import("@/lib/reporting/actions/rounds");
const { GET: exportRoute } = await import("@/app/(portal)/dashboard/export/route");
const { GET: bulletinRoute } = await import("@/app/(portal)/dashboard/bulletin/route");

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

let demoRoundIds: number[] = [];
beforeAll(async () => {
  await seedDemoHistory(db);
  demoRoundIds = (await db.reportingRound.findMany({ where: { isDemo: true }, orderBy: { openedAt: "asc" } })).map((round) => round.id);
});

describe("opening a round with a deadline in the past", () => {
  it("is refused in the data layer against the Shenzhen calendar day, today itself allowed", async () => {
    const admin = await actorForRole("ADMIN");
    const youth = await itemByKey("youth");
    const input = { name: "截止日期校验轮次", period: "2025年第三季度", itemIds: [youth.id] };
    // 00:30 on 1 October in Shenzhen is still 30 September in UTC: Shenzhen's day decides.
    const now = new Date("2025-10-01T00:30:00+08:00");
    const before = await db.reportingRound.count();
    await expect(openRound(admin, { ...input, deadline: "2025-09-30" }, now)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { deadline: "deadlineInPast" },
    });
    await expect(openRound(admin, { ...input, deadline: "2020-01-01" }, now)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db.reportingRound.count()).toBe(before);
    const { round } = await openRound(admin, { ...input, deadline: "2025-10-01" }, now);
    expect(round.openedAt).toEqual(now);
  });

  it("comes back to the form as a Chinese message on the deadline field, with what was typed", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const youth = await itemByKey("youth");
    const before = await db.reportingRound.count();
    const state = await openRoundAction(
      null,
      form({ name: "过去的截止日期", period: "2019年度", deadline: "2020-01-01", itemIds: youth.id }),
    );
    expect(state).toMatchObject({
      ok: false,
      error: "VALIDATION",
      fieldErrors: { deadline: "截止日期不能早于今天，请选择今天或以后的日期。" },
      values: { name: "过去的截止日期", deadline: "2020-01-01" },
    });
    expect(await db.reportingRound.count()).toBe(before);
  });
});

describe("the dashboard's overdue and returned reports", () => {
  it("lists every one of the round, returned ones included, grouped by unit with true counts", async () => {
    const roundId = demoRoundIds.at(-1)!;
    const now = new Date("2025-08-01T10:00:00+08:00");
    const attention = (await getDashboard(await actorForRole("LEADER"), { roundId }, now)).groups!.attention;
    const overdue = await db.progressReport.count({ where: { roundId, state: { in: ["OWED", "DRAFT"] } } });
    const returned = await db.progressReport.count({ where: { roundId, state: "RETURNED" } });
    expect(returned).toBeGreaterThan(0);
    expect(overdue + returned).toBeGreaterThan(30);
    expect(attention).toMatchObject({ overdue, returned, total: overdue + returned });
    const listed = attention.units.flatMap((unit) => unit.reports);
    expect(listed).toHaveLength(overdue + returned);
    expect(listed.filter((report) => report.state === "RETURNED")).toHaveLength(returned);
    for (const unit of attention.units) {
      expect(unit.reports.filter((report) => report.state === "RETURNED")).toHaveLength(unit.returned);
      expect(unit.reports.filter((report) => report.state !== "RETURNED")).toHaveLength(unit.overdue);
      expect(unit.overdue + unit.returned).toBeGreaterThan(0);
    }
    // Before the deadline has passed only returned reports need attention.
    const early = (await getDashboard(await actorForRole("LEADER"), { roundId }, new Date("2025-07-01T10:00:00+08:00"))).groups!.attention;
    expect(early).toMatchObject({ overdue: 0, returned, total: returned });
  });
});

describe("the round board's chase column", () => {
  it("shows the highest level reached and, separately, the latest action with its date", async () => {
    const admin = await actorForRole("ADMIN");
    const { round } = await openYouthRound("2025-09-30", new Date("2025-09-01T10:00:00+08:00"));
    const education = await unitId("市教育局");
    const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
    await sendChase(admin, { roundId: round.id, level: "REMIND", message: "" }, at("2025-10-02"));
    await sendChase(admin, { roundId: round.id, unitId: education, level: "URGE", message: "" }, at("2025-10-05"));
    await sendChase(admin, { roundId: round.id, unitId: education, level: "SUPERVISE", message: "" }, at("2025-10-08"));
    await sendChase(admin, { roundId: round.id, level: "REMIND", message: "" }, at("2025-10-10"));
    const board = await getRoundBoard(admin, round.id, at("2025-10-11"));
    const unit = board.units.find((candidate) => candidate.name === "市教育局")!;
    expect(unit.highestChase).toMatchObject({ level: "SUPERVISE", createdAt: at("2025-10-08") });
    expect(unit.lastChase).toMatchObject({ level: "REMIND", createdAt: at("2025-10-10") });
    const other = board.units.find((candidate) => candidate.name === "团市委")!;
    expect(other.highestChase).toMatchObject({ level: "REMIND", createdAt: at("2025-10-02") });
    expect(other.lastChase).toMatchObject({ level: "REMIND", createdAt: at("2025-10-10") });
  });
});

/** A round on the youth action with approved, submitted and returned reports carrying distinct text. */
async function roundWithContent() {
  const { round } = await openYouthRound("2025-12-31", new Date("2025-12-01T10:00:00+08:00"));
  const fill = async (
    unit: string,
    state: "APPROVED" | "SUBMITTED" | "RETURNED",
    peopleReached: number,
    extra: Record<string, string> = {},
  ) => {
    const report = await reportOf(round.id, unit);
    await db.progressReport.update({
      where: { id: report.id },
      data: {
        state,
        status: "ON_TRACK",
        completion: 70,
        workDone: `${unit}工作进展-${state}`,
        problems: `${unit}存在问题-${state}`,
        nextSteps: `${unit}下步计划-${state}`,
        eventsHeld: 5,
        peopleReached,
        submittedAt: new Date("2025-12-10T10:00:00+08:00"),
        outputs: { create: [{ name: "科普讲座", value: 4, unit: "场", position: 0 }] },
        ...extra,
      },
    });
    return report.id;
  };
  return {
    round,
    education: await fill("市教育局", "APPROVED", 3400),
    youthLeague: await fill("团市委", "APPROVED", 1200),
    cast: await fill("市科协", "APPROVED", 800),
    health: await fill("市卫生健康委", "APPROVED", 50),
    submitted: await fill("市妇联", "SUBMITTED", 999_999),
    returned: await fill("市委宣传部", "RETURNED", 888_888),
  };
}

describe("the progress summary export", () => {
  it("carries each report's substance: work done, problems, next steps, events, people and other outputs", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("LEADER"));
    const { round } = await roundWithContent();
    const xlsx = await exportRoute(new Request(`http://localhost/dashboard/export?kind=summary&format=xlsx&round=${round.id}`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet("进展汇总")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    for (const column of ["工作进展", "存在问题", "下步计划", "举办活动（场）", "覆盖人数（人次）", "其他量化成果"])
      expect(header).toContain(column);
    const row = [...Array(sheet.rowCount).keys()]
      .map((index) => sheet.getRow(index + 1))
      .find((candidate) => candidate.getCell(2).value === "市教育局")!;
    const cell = (name: string) => row.getCell(header.indexOf(name) + 1).value;
    expect(cell("工作进展")).toBe("市教育局工作进展-APPROVED");
    expect(cell("存在问题")).toBe("市教育局存在问题-APPROVED");
    expect(cell("下步计划")).toBe("市教育局下步计划-APPROVED");
    expect(cell("举办活动（场）")).toBe(5);
    expect(cell("覆盖人数（人次）")).toBe(3400);
    expect(cell("其他量化成果")).toBe("科普讲座4场");

    const csv = await exportRoute(new Request(`http://localhost/dashboard/export?kind=summary&format=csv&round=${round.id}`));
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text).toContain('"工作进展","存在问题","下步计划","举办活动（场）","覆盖人数（人次）","其他量化成果"');
    expect(text).toContain('"市教育局工作进展-APPROVED","市教育局存在问题-APPROVED","市教育局下步计划-APPROVED","5","3400","科普讲座4场"');
  });
});

describe("the bulletin", () => {
  const bulletinXml = async (query: string) => {
    const response = await bulletinRoute(new Request(`http://localhost/dashboard/bulletin?${query}`));
    expect(response.status).toBe(200);
    return readText(Buffer.from(await response.arrayBuffer()), "word/document.xml");
  };

  it("carries an issue number: the round's place among all rounds in the order they were opened", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    expect(await bulletinXml(`round=${demoRoundIds[0]}`)).toContain(">第1期<");
    expect(await bulletinXml(`round=${demoRoundIds[1]}`)).toContain(">第2期<");
    const { round } = await openYouthRound("2026-12-31", new Date("2026-06-01T10:00:00+08:00"));
    expect(await bulletinXml(`round=${round.id}`)).toContain(`>第${await db.reportingRound.count()}期<`);
  });

  it("suggests the approved reports with the largest outputs as highlights, or quotes CAST's picks; approved only, no problems", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const { round, health, submitted, returned } = await roundWithContent();
    const suggested = await bulletinXml(`round=${round.id}`);
    expect(suggested).toContain("三、工作亮点");
    expect(suggested).toContain("四、报送滞后单位");
    const order = ["市教育局工作进展-APPROVED", "团市委工作进展-APPROVED", "市科协工作进展-APPROVED"].map((text) =>
      suggested.indexOf(text),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(suggested).toContain("举办活动5场，覆盖3400人次，科普讲座4场。");
    expect(suggested).not.toContain("市卫生健康委工作进展");
    for (const hidden of ["SUBMITTED", "RETURNED", "存在问题", "下步计划-"]) expect(suggested).not.toContain(hidden);

    const picked = await bulletinXml(`round=${round.id}&highlight=${health}&highlight=${submitted}&highlight=${returned}`);
    expect(picked).toContain("（一）市卫生健康委：实施青少年科学素质提升行动");
    expect(picked).toContain("市卫生健康委工作进展-APPROVED");
    expect(picked).not.toContain("市教育局工作进展");
    for (const hidden of ["SUBMITTED", "RETURNED", "存在问题"]) expect(picked).not.toContain(hidden);

    expect((await bulletinRoute(new Request(`http://localhost/dashboard/bulletin?round=${round.id}&highlight=abc`))).status).toBe(400);
  });

  it("leaves the highlights out when the round has no approved report", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const { round } = await openYouthRound("2026-12-31", new Date("2026-06-02T10:00:00+08:00"));
    const xml = await bulletinXml(`round=${round.id}`);
    expect(xml).not.toContain("工作亮点");
    expect(xml).toContain("三、报送滞后单位");
  });
});
