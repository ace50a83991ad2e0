/**
 * 年度考核 (issue 13 item 2): every score line equals an independent count from the database,
 * the weights are validated (Chinese message, nothing changed), a finalised year is frozen, and a
 * liaison reads their own unit's score only — all in the data layer. Runs on SQLite and PostgreSQL.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { shanghaiDayStart } from "@/lib/core/time";
import {
  computeAssessment,
  createAssessmentYear,
  finaliseAssessment,
  getAssessmentScore,
  getAssessmentYear,
  listAssessmentYears,
  updateAssessmentRules,
  yearFigures,
} from "@/lib/assessment/server/assessments";
import { DEFAULT_RULES, type ScoreLine } from "@/lib/assessment/rules";
import { seedDemoHistory } from "@/lib/seed/demo-history";
import { actorForRole, auditSince, lastAuditId } from "../support/actors";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());

const { updateAssessmentRulesAction } = await import("@/lib/assessment/actions");
const { GET: exportRoute } = await import("@/app/(portal)/assessments/[year]/export/route");

const DAY = 86_400_000;

beforeAll(async () => {
  await seedDemoHistory(db);
});

/** The year's figures for one unit, counted from its report and chase rows one by one (not the grouped queries under test). */
async function independentFigures(year: number, unitId: number) {
  const rounds = await db.reportingRound.findMany({
    where: { deadline: { gte: shanghaiDayStart(`${year}-01-01`), lt: shanghaiDayStart(`${year + 1}-01-01`) } },
    select: { id: true },
  });
  const roundIds = rounds.map((round) => round.id);
  const reports = await db.progressReport.findMany({
    where: { unitId, roundId: { in: roundIds } },
    select: { submittedAt: true, state: true, completion: true, round: { select: { deadline: true } }, events: { select: { type: true } } },
  });
  const sent = reports.filter((report) => report.submittedAt !== null);
  const completions = sent.map((report) => report.completion).filter((value): value is number => value !== null);
  return {
    due: reports.length,
    onTime: sent.filter((report) => report.submittedAt!.getTime() < report.round.deadline.getTime() + DAY).length,
    sent: sent.length,
    approvedNoReturn: reports.filter((report) => report.state === "APPROVED" && !report.events.some((event) => event.type === "RETURNED"))
      .length,
    completion: completions.length ? completions.reduce((a, b) => a + b, 0) / completions.length : 0,
    chases: await db.chase.count({ where: { unitId, roundId: { in: roundIds } } }),
  };
}

const line = (lines: ScoreLine[], key: ScoreLine["key"]) => lines.find((entry) => entry.key === key)!;

describe("the yearly assessment's figures", () => {
  it("scores and ranks every unit with reports due in the year, each line equal to independent counts", async () => {
    const admin = await actorForRole("ADMIN");
    await createAssessmentYear(admin, { year: 2024 });
    const year = await getAssessmentYear(await actorForRole("LEADER"), 2024);
    expect(year.status).toBe("DRAFT");
    expect(year.rules).toEqual(DEFAULT_RULES);
    const unitsWithReports = await db.progressReport.groupBy({
      by: ["unitId"],
      where: { round: { deadline: { gte: shanghaiDayStart("2024-01-01"), lt: shanghaiDayStart("2025-01-01") } } },
    });
    expect(year.scores).toHaveLength(unitsWithReports.length);
    expect(year.scores.length).toBeGreaterThan(10);
    let sawLate = false;
    let sawReturned = false;
    let sawChased = false;
    for (const score of year.scores) {
      const figures = await independentFigures(2024, score.unitId);
      const { weights, chasePenalty } = DEFAULT_RULES;
      expect(line(score.lines, "onTime")).toMatchObject({ numerator: figures.onTime, denominator: figures.due, weight: weights.onTime });
      expect(line(score.lines, "noReturn")).toMatchObject({ numerator: figures.approvedNoReturn, denominator: figures.sent });
      expect(line(score.lines, "completion").numerator).toBeCloseTo(figures.completion, 1);
      expect(line(score.lines, "chases").numerator).toBe(figures.chases);
      const expected =
        (figures.onTime / figures.due) * weights.onTime +
        (figures.sent ? (figures.approvedNoReturn / figures.sent) * weights.noReturn : 0) +
        (figures.completion / 100) * weights.completion +
        Math.max(0, weights.chases - figures.chases * chasePenalty);
      expect(Math.abs(score.score - expected)).toBeLessThanOrEqual(0.21);
      expect(line(score.lines, "onTime").text).toMatch(
        new RegExp(`^按时报送 ${figures.onTime}/${figures.due} = [0-9.]+% × 权重 40 = [0-9.]+$`),
      );
      sawLate ||= figures.onTime < figures.sent;
      sawReturned ||= figures.approvedNoReturn < figures.sent;
      sawChased ||= figures.chases > 0;
    }
    // The demo history gives the year something to tell apart.
    expect([sawLate, sawReturned, sawChased]).toEqual([true, true, true]);
    const scores = year.scores.map((row) => row.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(year.scores[0]!.rank).toBe(1);
    for (const [index, row] of year.scores.entries()) {
      if (index > 0 && row.score === year.scores[index - 1]!.score) expect(row.rank).toBe(year.scores[index - 1]!.rank);
      else expect(row.rank).toBe(index + 1);
    }
    const stored = await db.assessmentYear.findUniqueOrThrow({ where: { year: 2024 } });
    expect(JSON.parse(stored.rules)).toEqual(DEFAULT_RULES);
  });

  it("exports the ranked table with every line of the calculation as .xlsx, to leaders and CAST only", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const response = await exportRoute(new Request("http://localhost/assessments/2024/export"), {
      params: Promise.resolve({ year: "2024" }),
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("2024年度考核")!;
    const year = await getAssessmentYear(await actorForRole("ADMIN"), 2024);
    expect(sheet.rowCount - 1).toBe(year.scores.length);
    const first = sheet.getRow(2).values as unknown[];
    expect(first.slice(1, 4)).toEqual([year.scores[0]!.rank, year.scores[0]!.unitName, year.scores[0]!.score]);
    expect(String(first[8])).toBe(year.scores[0]!.lines.map((entry) => entry.text).join("\n"));
    vi.mocked(getActor).mockResolvedValue(await actorForRole("LIAISON"));
    expect(
      (await exportRoute(new Request("http://localhost/assessments/2024/export"), { params: Promise.resolve({ year: "2024" }) })).status,
    ).toBe(403);
  });
});

describe("the weights", () => {
  it("are refused unless non-negative and summing to 100, with a Chinese message, and nothing changes", async () => {
    const admin = await actorForRole("ADMIN");
    if (!(await db.assessmentYear.findUnique({ where: { year: 2025 } }))) await createAssessmentYear(admin, { year: 2025 });
    const before = await db.assessmentYear.findUniqueOrThrow({ where: { year: 2025 } });
    const scoresBefore = await db.assessmentScore.findMany({ where: { assessmentYearId: before.id }, orderBy: { id: "asc" } });
    const afterId = await lastAuditId();
    vi.mocked(getActor).mockResolvedValue(admin);
    const form = (values: Record<string, string | number>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(values)) data.set(key, String(value));
      return data;
    };
    const base = { year: 2025, version: before.version, onTime: 40, noReturn: 30, completion: 20, chasePenalty: 2 };
    const sum90 = await updateAssessmentRulesAction(null, form({ ...base, chases: 0 }));
    expect(sum90).toMatchObject({ ok: false, error: "VALIDATION", fieldErrors: { weights: "各项权重合计须为100。" } });
    expect(!sum90.ok && sum90.message).toContain("合计须为100");
    const negative = await updateAssessmentRulesAction(null, form({ ...base, onTime: 60, chases: -10 }));
    expect(negative).toMatchObject({ ok: false, error: "VALIDATION", fieldErrors: { chases: "不能为负数。" } });
    // The data layer checks again: a caller that skips the form's schema is refused alike.
    await expect(updateAssessmentRules(admin, { ...base, onTime: 50, noReturn: 30, completion: 20, chases: 10 })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { weights: "assessmentWeightsSum" },
    });
    await expect(updateAssessmentRules(admin, { ...base, onTime: 110, noReturn: -10, chases: 0 })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { noReturn: "notNegative" },
    });
    expect(await db.assessmentYear.findUniqueOrThrow({ where: { year: 2025 } })).toEqual(before);
    expect(await db.assessmentScore.findMany({ where: { assessmentYearId: before.id }, orderBy: { id: "asc" } })).toEqual(scoresBefore);
    expect((await auditSince(afterId)).filter((row) => row.result === "SUCCESS")).toHaveLength(0);

    // Valid weights are stored with the result and the scores computed with them.
    const saved = await updateAssessmentRulesAction(null, form({ ...base, onTime: 50, noReturn: 25, completion: 25, chases: 0 }));
    expect(saved).toEqual({ ok: true, data: { version: before.version + 1 } });
    const after = await getAssessmentYear(admin, 2025);
    expect(after.rules.weights).toEqual({ onTime: 50, noReturn: 25, completion: 25, chases: 0 });
    expect(after.scores.every((row) => line(row.lines, "chases").points === 0 && line(row.lines, "onTime").weight === 50)).toBe(true);
    expect((await auditSince(afterId)).map((row) => `${row.action}:${row.result}`)).toContain("assessment.update_rules:SUCCESS");
  });
});

describe("a finalised year", () => {
  it("is frozen with its rules: a late report arriving afterwards changes nothing, computing again is refused", async () => {
    const admin = await actorForRole("ADMIN");
    await createAssessmentYear(admin, { year: 2023 });
    const draft = await db.assessmentYear.findUniqueOrThrow({ where: { year: 2023 } });
    await finaliseAssessment(admin, { year: 2023, version: draft.version });
    const final = await getAssessmentYear(admin, 2023);
    expect(final.status).toBe("FINAL");
    const unit = final.scores[0]!;

    // A late report for that unit in a round due in 2023, written directly (fixtures never depend on the code under test).
    const deadline = shanghaiDayStart("2023-11-30");
    const round = await db.reportingRound.create({
      data: { name: "考核冻结测试轮次", period: "2023年第四季度", deadline, openedAt: new Date(deadline.getTime() - 30 * DAY) },
    });
    const item = await db.planItem.findFirstOrThrow({ where: { kind: "SECTION" }, orderBy: { id: "asc" } });
    await db.progressReport.create({
      data: {
        roundId: round.id,
        itemId: item.id,
        unitId: unit.unitId,
        role: "LEAD",
        state: "SUBMITTED",
        status: "BEHIND",
        completion: 10,
        submittedAt: new Date(deadline.getTime() + 10 * DAY),
      },
    });
    // The live figures did change: a draft would now score differently.
    const live = (await yearFigures(db, 2023)).get(unit.unitId)!;
    expect(live.due).toBe(line(unit.lines, "onTime").denominator! + 1);

    await expect(computeAssessment(admin, 2023)).rejects.toMatchObject({ code: "CONFLICT", messageKey: "assessmentFinal" });
    await expect(
      updateAssessmentRules(admin, {
        year: 2023,
        version: final.version,
        onTime: 25,
        noReturn: 25,
        completion: 25,
        chases: 25,
        chasePenalty: 1,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "assessmentFinal" });
    await expect(finaliseAssessment(admin, { year: 2023, version: final.version })).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await getAssessmentYear(admin, 2023);
    expect(after).toEqual(final);
    expect((await listAssessmentYears(await actorForRole("LEADER"))).find((row) => row.year === 2023)?.status).toBe("FINAL");
  });
});

describe("who reads what", () => {
  it("gives a liaison their own unit's score and calculation only, refusing another unit's in the data layer (audited)", async () => {
    const admin = await actorForRole("ADMIN");
    if (!(await db.assessmentYear.findUnique({ where: { year: 2024 } }))) await createAssessmentYear(admin, { year: 2024 });
    const liaison = await actorForRole("LIAISON");
    const own = await getAssessmentYear(liaison, 2024);
    expect(own.ownUnitOnly).toBe(true);
    expect(own.scores.map((row) => row.unitId)).toEqual([liaison.unitId]);
    expect(own.scores[0]!.lines).toHaveLength(4);
    const all = await getAssessmentYear(await actorForRole("LEADER"), 2024);
    expect(all.scores.length).toBe(own.totalUnits);
    expect(own.scores[0]).toEqual(all.scores.find((row) => row.unitId === liaison.unitId));
    expect(await getAssessmentScore(liaison, 2024, liaison.unitId!)).toEqual(own.scores[0]);

    const other = all.scores.find((row) => row.unitId !== liaison.unitId)!;
    const afterId = await lastAuditId();
    await expect(getAssessmentScore(liaison, 2024, other.unitId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const denied = await auditSince(afterId);
    expect(denied.map((row) => `${row.action}:${row.result}`)).toEqual(["assessment.read:DENIED"]);
    expect(await getAssessmentScore(await actorForRole("LEADER"), 2024, other.unitId)).toEqual(other);

    for (const role of ["AUDITOR", "USER_ADMIN"] as const) {
      await expect(getAssessmentYear(await actorForRole(role), 2024)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    for (const role of ["LIAISON", "LEADER"] as const) {
      await expect(computeAssessment(await actorForRole(role), 2024)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
