/**
 * Users fill the template in a real office suite, not with our library. The committed
 * tests/fixtures/plans/office-saved-plan.xlsx is the portal's template filled in and saved by
 * LibreOffice Calc (scripts/fixtures/office-saved-plan.sh); the same plan written by exceljs must
 * parse the same, and import into a fresh database each to the same plan: tree, units, dates,
 * goals, targets and links.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it, vi } from "vitest";
import { parsePlanWorkbook } from "@/lib/plans/import/parse";
import { fixtureRows, writePlanWorkbook, type PlanFixture } from "@/scripts/fixtures/plan-workbook";
import { copyOfTemplate } from "@/tests/support/scratch-db";
import { readText } from "@/tests/support/unzip";

const OFFICE_SAVED = "tests/fixtures/plans/office-saved-plan.xlsx";
const fixture = JSON.parse(fs.readFileSync("tests/fixtures/plans/office-sample-plan.json", "utf8")) as PlanFixture;
const officeBytes = () => new Uint8Array(fs.readFileSync(OFFICE_SAVED));
const exceljsBytes = async () => new Uint8Array(await writePlanWorkbook(fixtureRows(fixture)));

/** Imports the workbook into a fresh copy of the seeded database through the import page's code path; the plan as stored. */
async function importIntoFreshDatabase(label: string, bytes: Uint8Array) {
  // A private copy of the seeded template on the project's database (SQLite file or PostgreSQL database).
  const copy = await copyOfTemplate(`office-${label}`);
  await copy.client.$disconnect();
  process.env.DATABASE_URL = copy.url;
  delete (globalThis as { prisma?: unknown }).prisma;
  vi.resetModules();
  const { db } = await import("@/lib/core/db");
  const { previewPlanImport, applyPlanImport } = await import("@/lib/plans/server/plan-import");
  const { shanghaiDate } = await import("@/lib/core/time");
  const { actorForRole } = await import("@/tests/support/actors");
  try {
    const admin = await actorForRole("ADMIN");
    const preview = await previewPlanImport(admin, { fileName: `${label}.xlsx`, bytes });
    expect(preview.problems).toEqual([]);
    await applyPlanImport(admin, { importId: preview.importId });

    const day = (date: Date | null) => (date ? shanghaiDate(date) : null);
    const plan = await db.plan.findUniqueOrThrow({ where: { code: fixture.plan.code }, include: { parentPlan: true, phases: true } });
    const items = await db.planItem.findMany({
      where: { planId: plan.id },
      orderBy: [{ parentId: "asc" }, { position: "asc" }],
      include: {
        parent: { select: { key: true } },
        phase: { select: { name: true } },
        assignments: { orderBy: [{ role: "asc" }, { position: "asc" }], include: { unit: { select: { name: true } } } },
        linksFrom: { include: { toItem: { include: { plan: { select: { code: true } } } } } },
      },
    });
    const goals = await db.planGoal.findMany({ where: { planId: plan.id }, include: { indicator: { select: { code: true } } } });
    const targets = await db.indicatorTarget.findMany({ where: { planId: plan.id }, include: { indicator: true } });
    const keyOf = new Map(items.map((item) => [item.id, item.key]));
    return {
      plan: {
        code: plan.code,
        kind: plan.kind,
        title: plan.title,
        shortTitle: plan.shortTitle,
        issuer: plan.issuer,
        documentNumber: plan.documentNumber,
        signedOn: day(plan.signedOn),
        publishedOn: day(plan.publishedOn),
        startYear: plan.startYear,
        endYear: plan.endYear,
        parent: plan.parentPlan?.code ?? null,
        preamble: plan.preamble,
        source: plan.source,
        status: plan.status,
        isDemo: plan.isDemo,
      },
      phases: plan.phases.map((phase) => ({
        position: phase.position,
        name: phase.name,
        startYear: phase.startYear,
        endYear: phase.endYear,
        text: phase.text,
      })),
      items: items.map((item) => ({
        key: item.key,
        parent: item.parent?.key ?? null,
        kind: item.kind,
        number: item.number,
        position: item.position,
        title: item.title,
        taskStatement: item.taskStatement,
        fullText: item.fullText,
        phase: item.phase?.name ?? null,
        startDate: day(item.startDate),
        dueDate: day(item.dueDate),
        reportingCycle: item.reportingCycle,
        sourceNote: item.sourceNote,
        units: item.assignments.map((assignment) => [assignment.role, assignment.unit.name, assignment.printedName, assignment.position]),
        links: item.linksFrom.map((link) => [link.type, link.toItem.plan.code, link.toItem.key, link.reason]),
      })),
      goals: goals.map((goal) => ({
        year: goal.year,
        text: goal.text,
        indicator: goal.indicator?.code ?? null,
        value: goal.targetValue,
        comparator: goal.comparator,
      })),
      targets: targets.map((target) => ({
        code: target.indicator.code,
        name: target.indicator.name,
        unit: target.indicator.unit,
        direction: target.indicator.direction,
        item: target.indicator.itemId === null ? null : (keyOf.get(target.indicator.itemId) ?? "another plan's item"),
        baseline: [target.indicator.baselineYear, target.indicator.baselineValue, target.indicator.baselineText],
        year: target.year,
        value: target.value,
        comparator: target.comparator,
        text: target.text,
      })),
    };
  } finally {
    await db.$disconnect();
  }
}

describe("a plan workbook saved by LibreOffice Calc", () => {
  it("was written by LibreOffice itself, with real date cells", async () => {
    const app = readText(Buffer.from(officeBytes()), "docProps/app.xml");
    expect(app).toMatch(/<Application>LibreOffice\//);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(OFFICE_SAVED) as unknown as ArrayBuffer);
    const items = workbook.getWorksheet("条目")!;
    // 开始日期 and 完成时限 of the first work item (row 3) are dates, not text typed to look like one.
    expect(items.getCell("K3").value).toEqual(new Date(Date.UTC(2025, 2, 1)));
    expect(items.getCell("L3").value).toEqual(new Date(Date.UTC(2025, 10, 30)));
  });

  it("parses with no problem to exactly what the exceljs-written workbook of the same plan parses to", async () => {
    const office = await parsePlanWorkbook(officeBytes());
    const exceljs = await parsePlanWorkbook(await exceljsBytes());
    expect(office.problems).toEqual([]);
    expect(exceljs.problems).toEqual([]);
    expect(office.workbook).toEqual(exceljs.workbook);
    expect(office.workbook.items.map((item) => item.key)).toEqual(["s1", "s1.w1", "s1.w2", "s2", "s2.w1"]);
  });

  it("imports into a fresh database to the same plan as the exceljs-written workbook", async () => {
    const office = await importIntoFreshDatabase("office", officeBytes());
    const exceljs = await importIntoFreshDatabase("exceljs", await exceljsBytes());
    expect(office).toEqual(exceljs);
    // And that plan is the one the data file describes, not two equally empty ones.
    expect(office.plan).toMatchObject({
      title: fixture.plan.title,
      kind: "ANNUAL",
      parent: "sz-2022-2025",
      signedOn: "2025-01-20",
      publishedOn: "2025-02-03",
    });
    expect(office.items).toHaveLength(5);
    expect(office.items.find((item) => item.key === "s1.w1")).toMatchObject({
      parent: "s1",
      kind: "WORK_ITEM",
      phase: "全年实施",
      startDate: "2025-03-01",
      dueDate: "2025-11-30",
      reportingCycle: "QUARTERLY",
      units: [
        ["LEAD", "市教育局", "市教育局", expect.any(Number)],
        ["SUPPORT", "市科协", "市科协", expect.any(Number)],
        ["SUPPORT", "团市委", "团市委", expect.any(Number)],
      ],
      links: [["SERVES", "sz-2022-2025", "youth.m2", fixture.links[0]!.reason]],
    });
    expect(office.goals).toEqual([{ year: 2025, text: fixture.goals[0]!.text, indicator: "literacy-rate", value: 25, comparator: "GT" }]);
    expect(office.targets).toEqual([
      {
        code: "demo-office-science-festivals",
        name: "示例：校园科技节场次",
        unit: "场",
        direction: "HIGHER_IS_BETTER",
        item: "s1.w1",
        baseline: [2024, 12, "示例：2024年举办12场"],
        year: 2025,
        value: 20,
        comparator: "GTE",
        text: "示例：不少于20场",
      },
    ]);
  });
});
