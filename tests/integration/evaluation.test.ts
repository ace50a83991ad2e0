import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { saveReport, reviewReport } from "@/lib/reporting/server/reports";
import { seedDemoHistory } from "@/lib/seed/demo-history";
import {
  evaluationForExport,
  finaliseEvaluation,
  getEvaluation,
  listEvaluations,
  openEvaluation,
  refreshFigures,
  saveConclusions,
} from "@/lib/evaluation/server/evaluations";
import { ANNEX_SHEETS } from "@/lib/evaluation/exports/excel";
import { actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { filledReport, openYouthRound, reportOf } from "../support/round-fixtures";
import { readText } from "../support/unzip";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { saveConclusionsAction } = await import("@/lib/evaluation/actions");
const { GET: wordRoute } = await import("@/app/(portal)/evaluations/[id]/word/route");
const { GET: excelRoute } = await import("@/app/(portal)/evaluations/[id]/excel/route");

let planId = 0;

/** Every item of the plan under `rootId` (itself included), level by level: an independent walk of the tree. */
async function subtree(rootId: number): Promise<number[]> {
  const ids = [rootId];
  let frontier = [rootId];
  while (frontier.length) {
    frontier = (await db.planItem.findMany({ where: { parentId: { in: frontier } }, select: { id: true } })).map((item) => item.id);
    ids.push(...frontier);
  }
  return ids;
}

/** The approved reports' figures over some items, queried straight from the database. */
async function approvedFigures(itemIds: number[] | null) {
  const where = { state: "APPROVED" as const, item: itemIds ? { id: { in: itemIds } } : { planId } };
  const [count, sums, outputs] = await Promise.all([
    db.progressReport.count({ where }),
    db.progressReport.aggregate({ where, _sum: { eventsHeld: true, peopleReached: true } }),
    db.reportOutput.groupBy({ by: ["unit"], where: { report: where }, _sum: { value: true } }),
  ]);
  return {
    approvedReports: count,
    eventsHeld: sums._sum.eventsHeld ?? 0,
    peopleReached: sums._sum.peopleReached ?? 0,
    outputs: Object.fromEntries(outputs.map((row) => [row.unit, row._sum.value ?? 0])),
  };
}

const outputMap = (outputs: { unit: string; value: number }[]) => Object.fromEntries(outputs.map((output) => [output.unit, output.value]));

const routeContext = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

beforeAll(async () => {
  await seedDemoHistory(db);
  planId = (await db.plan.findUniqueOrThrow({ where: { code: "sz-2022-2025" } })).id;
});

describe("assembling a plan's summary evaluation", () => {
  it("totals equal the sum of the approved reports' outputs, for the plan and for each section", async () => {
    const admin = await actorForRole("ADMIN");
    const { id } = await openEvaluation(admin, { planId });
    const { figures, conclusions, evaluation } = await getEvaluation(admin, id);
    expect(evaluation).toMatchObject({ status: "DRAFT", version: 1, title: expect.stringContaining("总结评估") });

    const whole = await approvedFigures(null);
    expect(whole.approvedReports).toBeGreaterThan(0);
    expect(whole.peopleReached).toBeGreaterThan(0);
    expect(figures.totals).toMatchObject({
      approvedReports: whole.approvedReports,
      eventsHeld: whole.eventsHeld,
      peopleReached: whole.peopleReached,
    });
    expect(outputMap(figures.totals.outputs)).toEqual(whole.outputs);

    for (const section of figures.sections.filter((s) => s.approvedReports > 0)) {
      const expected = await approvedFigures(await subtree(section.id));
      expect(section).toMatchObject({
        approvedReports: expected.approvedReports,
        eventsHeld: expected.eventsHeld,
        peopleReached: expected.peopleReached,
      });
      expect(outputMap(section.outputs)).toEqual(expected.outputs);
      // Each round's obligations, counted independently.
      for (const round of section.rounds) {
        const items = await subtree(section.id);
        expect(round.reports).toBe(await db.progressReport.count({ where: { roundId: round.roundId, itemId: { in: items } } }));
        expect(round.lights.RED + round.lights.YELLOW + round.lights.GREEN).toBe(round.reports);
      }
      // The draft conclusion states the section's figures and nothing else.
      expect(conclusions.sections[String(section.id)]).toContain(`已审定报告${section.approvedReports}份`);
    }
    expect(conclusions.overall).toContain(`已审定报告${whole.approvedReports}份`);
    expect(figures.demo).toBe(true);

    // The literacy rate against the plan's real target (over 25% in 2025) and the expected path.
    const literacy = figures.indicators.find((indicator) => indicator.code === "literacy-rate")!;
    const latest = await db.indicatorValue.findFirst({
      where: { indicator: { code: "literacy-rate" }, districtId: null },
      orderBy: { year: "desc" },
    });
    expect(literacy.target).toMatchObject({ year: 2025, value: 25, comparator: "GT" });
    expect(literacy.baseline).toMatchObject({ year: 2020, value: 21.1 });
    expect(literacy.latest).toMatchObject({ year: latest!.year, value: latest!.value, source: latest!.source, method: latest!.method });
    expect(literacy.met).toBe(latest!.value > 25);
    expect(literacy.expected.find((point) => point.year === 2025)?.value).toBe(25);

    // How the units reported, against the database: each unit's returns.
    const returned = await db.reportEvent.count({ where: { type: "RETURNED", report: { item: { planId } } } });
    expect(figures.units.reduce((sum, unit) => sum + unit.returned, 0)).toBe(returned);
    const owedAll = figures.units.reduce((sum, unit) => sum + unit.onTime + unit.late, 0);
    expect(owedAll).toBe(await db.progressReport.count({ where: { item: { planId }, submittedAt: { not: null } } }));
  });

  it("includes public ratings per section and the evidence list per measure", async () => {
    const admin = await actorForRole("ADMIN");
    const section = await db.planItem.findFirstOrThrow({ where: { planId, kind: "SECTION" }, orderBy: { id: "asc" } });
    await db.publicRating.createMany({ data: [4, 5, 3].map((score) => ({ planItemId: section.id, score })) });
    const report = await db.progressReport.findFirstOrThrow({
      where: { state: "APPROVED", item: { planId } },
      include: { unit: true, round: true },
    });
    await db.attachment.create({
      data: { reportId: report.id, storageKey: `evaluation-test-${report.id}`, fileName: "活动照片.jpg", fileType: "image/jpeg", size: 10 },
    });
    const { id } = await openEvaluation(admin, { planId });
    const { figures } = await getEvaluation(admin, id);
    const rated = figures.sections.find((s) => s.id === section.id)!;
    const ratings = await db.publicRating.aggregate({ where: { planItemId: section.id }, _count: { _all: true }, _avg: { score: true } });
    expect(rated.rating).toMatchObject({ count: ratings._count._all, average: Math.round(ratings._avg.score! * 100) / 100 });
    const evidence = figures.sections.flatMap((s) => s.measures).flatMap((m) => m.evidence);
    expect(evidence).toContainEqual(
      expect.objectContaining({ fileName: "活动照片.jpg", unit: report.unit.name, round: report.round.name }),
    );
  });
});

describe("versions, conclusions and finalising", () => {
  it("saves conclusions as a new version with optimistic locking, and a finalised evaluation is frozen", async () => {
    const admin = await actorForRole("ADMIN");
    const { id } = await openEvaluation(admin, { planId, title: "锁定测试评估" });
    const first = await getEvaluation(admin, id);
    const sectionId = String(first.figures.sections[0]!.id);
    const before = await lastAuditId();
    const saved = await saveConclusions(admin, {
      evaluationId: id,
      version: 1,
      overall: "总体结论（已修改）",
      sections: { [sectionId]: "本部分结论（已修改）" },
    });
    expect(saved.version).toBe(2);
    const second = await getEvaluation(admin, id);
    expect(second.conclusions.overall).toBe("总体结论（已修改）");
    expect(second.conclusions.sections[sectionId]).toBe("本部分结论（已修改）");
    expect(second.figures).toEqual(first.figures);
    expect((await auditSince(before)).map((event) => event.action)).toContain("evaluation.save_conclusions");
    // A save from the old version is refused and changes nothing.
    await expect(saveConclusions(admin, { evaluationId: id, version: 1, overall: "旧版本", sections: {} })).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "staleEvaluation",
    });
    expect((await getEvaluation(admin, id)).conclusions.overall).toBe("总体结论（已修改）");

    await finaliseEvaluation(admin, { evaluationId: id, version: 2 });
    const final = await getEvaluation(admin, id);
    expect(final.evaluation).toMatchObject({ status: "FINAL", finalisedByName: admin.displayName });
    for (const attempt of [
      () => saveConclusions(admin, { evaluationId: id, version: 2, overall: "定稿后修改", sections: {} }),
      () => refreshFigures(admin, { evaluationId: id, version: 2 }),
      () => finaliseEvaluation(admin, { evaluationId: id, version: 2 }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "CONFLICT", messageKey: "evaluationFinal" });
    }
    expect(await db.evaluationVersion.count({ where: { evaluationId: id } })).toBe(2);
  });

  it("a finalised evaluation does not change after a new approval; a refreshed draft and a new evaluation do", async () => {
    const admin = await actorForRole("ADMIN");
    const { id: finalId } = await openEvaluation(admin, { planId });
    await finaliseEvaluation(admin, { evaluationId: finalId, version: 1 });
    const { id: draftId } = await openEvaluation(admin, { planId });
    const frozen = await db.evaluationVersion.findUniqueOrThrow({ where: { evaluationId_number: { evaluationId: finalId, number: 1 } } });
    const frozenFigures = (await getEvaluation(admin, finalId)).figures;

    // A new approval through the real data layer: 市教育局 submits its youth report, CAST approves it.
    const { round } = await openYouthRound("2099-09-30");
    const liaison = await actorFor("jyj");
    let report = await reportOf(round.id, "市教育局");
    await saveReport(liaison, { reportId: report.id, version: report.version, intent: "submit", submissionKey: "", ...filledReport });
    report = await reportOf(round.id, "市教育局");
    await reviewReport(admin, { reportId: report.id, version: report.version, decision: "APPROVE", comment: "" });
    expect((await reportOf(round.id, "市教育局")).state).toBe("APPROVED");

    vi.mocked(getActor).mockResolvedValue(admin);
    const after = await getEvaluation(admin, finalId);
    expect(after.figures).toEqual(frozenFigures);
    expect(await db.evaluationVersion.findUniqueOrThrow({ where: { id: frozen.id } })).toEqual(frozen);
    const word = await wordRoute(new Request("http://localhost/evaluations/x/word"), routeContext(finalId));
    expect(readText(Buffer.from(await word.arrayBuffer()), "word/document.xml")).toContain(String(frozenFigures.totals.peopleReached));

    const whole = await approvedFigures(null);
    expect(whole.approvedReports).toBe(frozenFigures.totals.approvedReports + 1);
    const { id: newId } = await openEvaluation(admin, { planId });
    expect((await getEvaluation(admin, newId)).figures.totals).toMatchObject({
      approvedReports: whole.approvedReports,
      peopleReached: whole.peopleReached,
    });
    const refreshed = await refreshFigures(admin, { evaluationId: draftId, version: 1 });
    expect(refreshed.version).toBe(2);
    expect((await getEvaluation(admin, draftId)).figures.totals.approvedReports).toBe(whole.approvedReports);
    expect((await getEvaluation(admin, draftId, 1)).figures.totals.approvedReports).toBe(frozenFigures.totals.approvedReports);
  });

  it("bad input comes back as a Chinese message and changes nothing", async () => {
    const admin = await actorForRole("ADMIN");
    vi.mocked(getActor).mockResolvedValue(admin);
    const { id } = await openEvaluation(admin, { planId });
    const form = new FormData();
    form.set("evaluationId", String(id));
    form.set("version", "1");
    form.set("overall", "   ");
    form.set("section_1", "x".repeat(6000));
    const state = await saveConclusionsAction(null, form);
    expect(state).toMatchObject({ ok: false, error: "VALIDATION" });
    expect(state.ok ? "" : Object.values(state.fieldErrors).join("")).toMatch(/[\u4e00-\u9fff]/);
    expect(await db.evaluationVersion.count({ where: { evaluationId: id } })).toBe(1);
  });
});

describe("who may do what", () => {
  it("leaders read and download, only CAST writes, liaisons see nothing", async () => {
    const admin = await actorForRole("ADMIN");
    const leader = await actorForRole("LEADER");
    const liaison = await actorForRole("LIAISON");
    const { id } = await openEvaluation(admin, { planId });
    expect((await listEvaluations(leader)).evaluations.some((evaluation) => evaluation.id === id)).toBe(true);
    expect((await getEvaluation(leader, id)).evaluation.id).toBe(id);
    await expect(openEvaluation(leader, { planId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveConclusions(leader, { evaluationId: id, version: 1, overall: "x", sections: {} })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(finaliseEvaluation(leader, { evaluationId: id, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getEvaluation(liaison, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(evaluationForExport(liaison, id, "docx")).rejects.toMatchObject({ code: "FORBIDDEN" });
    vi.mocked(getActor).mockResolvedValue(liaison);
    expect((await excelRoute(new Request("http://localhost/"), routeContext(id))).status).toBe(403);
    vi.mocked(getActor).mockResolvedValue(null);
    expect((await wordRoute(new Request("http://localhost/"), routeContext(id))).status).toBe(401);
    vi.mocked(getActor).mockResolvedValue(leader);
    expect((await wordRoute(new Request("http://localhost/"), routeContext(id))).status).toBe(200);
    expect(await db.evaluation.count({ where: { id, status: "DRAFT", version: 1 } })).toBe(1);
  });
});

describe("the Word report and the Excel annex", () => {
  it("read back with the figures of the database", async () => {
    const admin = await actorForRole("ADMIN");
    vi.mocked(getActor).mockResolvedValue(admin);
    const { id } = await openEvaluation(admin, { planId, title: "导出测试评估" });
    const whole = await approvedFigures(null);
    const { figures } = await getEvaluation(admin, id);

    const word = await wordRoute(new Request("http://localhost/"), routeContext(id));
    expect(word.status).toBe(200);
    expect(word.headers.get("Content-Disposition")).toContain(encodeURIComponent("导出测试评估"));
    const xml = readText(Buffer.from(await word.arrayBuffer()), "word/document.xml");
    expect(xml).toContain("导出测试评估");
    expect(xml).toContain(`已审定报告${whole.approvedReports}份`);
    expect(xml).toContain(`<w:t xml:space="preserve">${whole.peopleReached}</w:t>`);
    for (const section of figures.sections) expect(xml).toContain(section.title);

    const excel = await excelRoute(new Request("http://localhost/"), routeContext(id));
    expect(excel.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await excel.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const overview = workbook.getWorksheet(ANNEX_SHEETS.overview)!;
    const valueOf = (label: string) => {
      let found: ExcelJS.CellValue = null;
      overview.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(valueOf("已审定报告（份）")).toBe(whole.approvedReports);
    expect(valueOf("覆盖（人次）")).toBe(whole.peopleReached);
    expect(valueOf("开展活动（场次）")).toBe(whole.eventsHeld);
    // The outputs sheet adds up, per unit of measure, to the database's sums.
    const sums: Record<string, number> = {};
    workbook.getWorksheet(ANNEX_SHEETS.outputs)!.eachRow((row, index) => {
      if (index === 1) return;
      const unit = String(row.getCell(3).value);
      sums[unit] = (sums[unit] ?? 0) + Number(row.getCell(4).value);
    });
    for (const [unit, value] of Object.entries(whole.outputs)) expect(sums[unit]).toBeCloseTo(value, 6);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(ANNEX_SHEETS));
  });
});
