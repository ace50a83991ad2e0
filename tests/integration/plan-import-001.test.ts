/**
 * The model is general: a second real plan — the key projects (五、重点工程) of the Shenzhen S&T
 * innovation 13th Five-Year plan (source 001_…) — imported from the workbook kept in the
 * repository through the same code path as the import page (previewPlanImport → applyPlanImport),
 * then every project, numbered item, 专栏 entry and target checked against the source text.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { shanghaiDate } from "@/lib/core/time";
import { parsePlanWorkbook } from "@/lib/plans/import/parse";
import { applyPlanImport, previewPlanImport } from "@/lib/plans/server/plan-import";
import { actorForRole } from "@/tests/support/actors";
import type { PlanFixture } from "@/scripts/fixtures/plan-workbook";

const WORKBOOK = "tests/fixtures/plans/sz-sti-13th-fyp-key-projects.xlsx";
const fixture = JSON.parse(fs.readFileSync("tests/fixtures/plans/sz-sti-13th-fyp.json", "utf8")) as PlanFixture;
const source = fs.readFileSync(`prisma/seed-data/sources/${fixture.plan.source}`, "utf8");
/** The source's lines, trimmed (the page indents paragraphs and ends headings with a no-break space), blank ones dropped. */
const lines = source
  .split("\n")
  .map((line) => line.trim())
  .filter(Boolean);
const partStart = lines.indexOf("五、重点工程");

type Item = {
  id: number;
  key: string | null;
  parentId: number | null;
  kind: string;
  number: string | null;
  title: string;
  fullText: string;
  position: number;
  sourceNote: string | null;
};

let plan: {
  id: number;
  code: string;
  kind: string;
  title: string;
  issuer: string;
  publishedOn: Date | null;
  startYear: number;
  endYear: number;
  isCurrent: boolean;
  parentPlanId: number | null;
};
let items: Item[];
const childrenOf = (id: number | null) => items.filter((item) => item.parentId === id).sort((a, b) => a.position - b.position);
/** The tree in reading order: a parent, then its children in order. */
const readingOrder = (id: number | null = null): Item[] => childrenOf(id).flatMap((item) => [item, ...readingOrder(item.id)]);

/** The index of the source line that reads `number` + `text` (ignoring the space after a number), after line `from`. */
function lineOf(number: string, text: string, from = partStart): number {
  return lines.findIndex((line, index) => index > from && line.replace(/^(\d+\.|专栏\d+)\s+/, "$1") === `${number}${text}`);
}

const parentKind = (item: Item) => items.find((parent) => parent.id === item.parentId)?.kind;

/** Where an item is printed: its heading line, or for a 专栏 entry (heading run into the text) its paragraph. */
function locate(item: Item): number {
  if (item.kind === "PART" || item.kind === "SECTION") return lines.indexOf(`${item.number}${item.title}`);
  if (parentKind(item) === "COLUMN") return lineOf(item.number!, item.fullText);
  return lineOf(item.number!, item.title);
}

/** The items of the data file, flattened. */
function fixtureItems(nodes: PlanFixture["items"] = fixture.items): PlanFixture["items"] {
  return nodes.flatMap((node) => [node, ...fixtureItems(node.children ?? [])]);
}

/** Chinese 十 and Arabic numerals as printed in a target phrase; a range a-b counts as a. */
function printedNumbers(text: string): number[] {
  return [...text.replace(/2020年|500强/g, "").matchAll(/(\d+)(?:-\d+)?|十(?=[个大])/g)].map((match) => (match[1] ? Number(match[1]) : 10));
}

beforeAll(async () => {
  const admin = await actorForRole("ADMIN");
  const bytes = new Uint8Array(fs.readFileSync(WORKBOOK));
  const preview = await previewPlanImport(admin, { fileName: "sz-sti-13th-fyp-key-projects.xlsx", bytes });
  expect(preview.problems).toEqual([]);
  await applyPlanImport(admin, { importId: preview.importId });
  plan = await db.plan.findUniqueOrThrow({ where: { code: fixture.plan.code } });
  items = await db.planItem.findMany({
    where: { planId: plan.id, archivedAt: null },
    select: {
      id: true,
      key: true,
      parentId: true,
      kind: true,
      number: true,
      title: true,
      fullText: true,
      position: true,
      sourceNote: true,
    },
  });
});

describe("the 001 workbook (深圳市科技创新“十三五”规划, 五、重点工程)", () => {
  it("parses with no problem", async () => {
    const { problems } = await parsePlanWorkbook(new Uint8Array(fs.readFileSync(WORKBOOK)));
    expect(problems).toEqual([]);
  });

  it("is what the build script writes from the reviewed data file", async () => {
    const { fixtureRows, writePlanWorkbook } = await import("@/scripts/fixtures/plan-workbook");
    const rebuilt = await parsePlanWorkbook(await writePlanWorkbook(fixtureRows(fixture)));
    const committed = await parsePlanWorkbook(new Uint8Array(fs.readFileSync(WORKBOOK)));
    expect(committed.workbook).toEqual(rebuilt.workbook);
  });

  it("imports the plan's particulars as the source prints them", () => {
    expect(plan.kind).toBe("MASTER");
    expect(lines[0]).toBe(`${plan.title}(E)`);
    expect(lines[1]).toBe(`信息来源:${plan.issuer}`);
    expect(lines[2]).toBe("2017年10月31日");
    expect(plan.publishedOn && shanghaiDate(plan.publishedOn)).toBe("2017-10-31");
    expect([plan.startYear, plan.endYear]).toEqual([2016, 2020]);
    // Not a science-literacy plan: under no plan, and not the current master plan.
    expect(plan.parentPlanId).toBeNull();
    expect(plan.isCurrent).toBe(false);
  });

  it("keeps the source's quirks as printed, each with its note", () => {
    const byKey = (key: string) => items.find((item) => item.key === key)!;
    expect(byKey("col11.1").fullText).toContain("人造生命审计合成测试设施");
    expect(byKey("col11.1").sourceNote).toContain("审计");
    expect(byKey("col16.3").fullText).toContain("示范应用培育发展基因相关领域生命信息专业服务机构");
    expect(byKey("col16.3").sourceNote).toContain("重复");
    expect(byKey("col12.1").fullText).toContain("建设\u00a0“双创”示范基地");
    const noted = fixtureItems().filter((item) => item.note);
    expect(noted.length).toBeGreaterThan(0);
    for (const item of noted) expect(byKey(item.key).sourceNote, item.key).toBe(item.note);
  });

  it("has the part 五、重点工程 with its introduction", () => {
    const [part, ...others] = childrenOf(null);
    expect(others).toEqual([]);
    expect(part).toMatchObject({ kind: "PART", number: "五、", title: "重点工程", fullText: lines[partStart + 1] });
  });

  it("has the five projects (一)…(五) in order, each with its introduction verbatim", () => {
    const projects = childrenOf(childrenOf(null)[0]!.id);
    expect(projects.map((project) => [project.kind, project.number, project.title])).toEqual([
      ["SECTION", "(一)", "创新基础提升工程"],
      ["SECTION", "(二)", "创新人才高地建设工程"],
      ["SECTION", "(三)", "协同创新促进工程"],
      ["SECTION", "(四)", "重大科技应用工程"],
      ["SECTION", "(五)", "创新生态优化工程"],
    ]);
    for (const project of projects) {
      const index = lines.indexOf(`${project.number}${project.title}`);
      expect(index, project.title).toBeGreaterThan(partStart);
      expect(project.fullText).toBe(lines[index + 1]);
    }
  });

  it("has the 22 numbered items 1.–22., each heading and paragraph verbatim", () => {
    const numbered = readingOrder().filter((item) => item.kind === "MEASURE" && parentKind(item) === "SECTION");
    expect(numbered.map((item) => item.number)).toEqual(Array.from({ length: 22 }, (_, index) => `${index + 1}.`));
    for (const item of numbered) {
      const index = locate(item);
      expect(index, `${item.number} ${item.title}`).toBeGreaterThan(partStart);
      expect(item.fullText).toBe(lines[index + 1]);
    }
  });

  it("has the 专栏11–18 under their projects with the entries the source prints, verbatim", () => {
    const columns = readingOrder().filter((item) => item.kind === "COLUMN");
    expect(columns.map((column) => column.number)).toEqual([
      "专栏11",
      "专栏12",
      "专栏13",
      "专栏14",
      "专栏15",
      "专栏16",
      "专栏17",
      "专栏18",
    ]);
    expect(columns.map((column) => childrenOf(column.id).length)).toEqual([6, 2, 4, 3, 4, 5, 4, 6]);
    for (const column of columns) {
      const heading = lineOf(column.number!, column.title);
      expect(heading, column.number!).toBeGreaterThan(partStart);
      childrenOf(column.id).forEach((entry, index) => {
        expect(entry.kind).toBe("MEASURE");
        expect(entry.number).toBe(`${index + 1}.`);
        expect(entry.fullText.startsWith(entry.title)).toBe(true);
        // The entries follow the 专栏's heading line by line.
        expect(locate(entry)).toBe(heading + 1 + index);
      });
    }
  });

  it("keeps the source's order: the tree read top to bottom is the source read top to bottom, nothing left out", () => {
    const located = readingOrder().map(locate);
    expect(located[0]).toBe(partStart);
    expect(located).toEqual([...located].sort((x, y) => x - y));
    expect(new Set(located).size).toBe(located.length);
    // Every heading of the part (projects, numbered items, 专栏 and their entries) is an item.
    const headings = lines.slice(partStart + 1).filter((line) => /^(\d+\.|\([一二三四五]\)|专栏\d+)/.test(line));
    expect(headings).toHaveLength(5 + 22 + 8 + 34);
    expect(items).toHaveLength(1 + headings.length);
  });

  it("records no responsible unit: the source names none", async () => {
    expect(await db.assignment.count({ where: { item: { planId: plan.id } } })).toBe(0);
  });

  it("has every numeric target of the 专栏 as a 2020 target of an sz13- indicator, value as printed", async () => {
    const targets = await db.indicatorTarget.findMany({ where: { planId: plan.id }, include: { indicator: true } });
    // Every quantity the 专栏 print (Arabic numerals or 十, with 个/家/名/大) is one target.
    const columnEntries = items.filter((item) => parentKind(item) === "COLUMN");
    const printed = columnEntries.flatMap((entry) =>
      [...entry.fullText.matchAll(/(\d+(?:-\d+)?|十)(?:个|家|名|大)/g)].map((match) => match[0]),
    );
    expect(printed).toHaveLength(21);
    expect(targets).toHaveLength(printed.length);
    for (const target of targets) {
      const entry = items.find((item) => item.id === target.indicator.itemId);
      expect(target.indicator.code).toMatch(/^sz13-/);
      expect(target.year).toBe(2020);
      expect(target.comparator).toBe("GTE");
      expect(entry && columnEntries.includes(entry), target.indicator.code).toBe(true);
      expect(entry!.fullText).toContain(target.text);
      expect(printedNumbers(target.text!), target.text!).toEqual([target.value]);
    }
    expect(printed.every((phrase) => targets.some((target) => target.text!.includes(phrase)))).toBe(true);
  });
});
