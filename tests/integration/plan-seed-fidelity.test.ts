/**
 * The seed files against the source documents they were taken from: counts, every text
 * verbatim, every department on its section's 分工 line, every link pointing at a real
 * item. Then the same facts in the database the setup loaded.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { annualPlanSeed, masterPlanSeed } from "@/lib/seed/plan-files";
import { DUPLICATE_ROLE_NOTE } from "@/lib/seed/plans";
import { unitSeed } from "@/lib/seed/units";

const masterSource = fs.readFileSync(`prisma/seed-data/sources/${masterPlanSeed.source}`, "utf8");
const annualSource = fs.readFileSync(`prisma/seed-data/sources/${annualPlanSeed.source}`, "utf8");
const masterLines = masterSource
  .split("\n")
  .map((line) => line.trim())
  .filter(Boolean);
const annualLines = annualSource
  .split("\n")
  .map((line) => line.trim())
  .filter(Boolean);

const [populations, projects, safeguards] = masterPlanSeed.parts;
const sections = [...populations.sections, ...projects.sections];

/** The lines of the source from `start` (exclusive) up to the next line matching `stop`. */
function linesAfter(lines: string[], startIndex: number, stop: (line: string) => boolean): string[] {
  const result: string[] = [];
  for (let i = startIndex + 1; i < lines.length && !stop(lines[i]!); i++) result.push(lines[i]!);
  return result;
}

describe("the master plan seed (深府函〔2022〕14号)", () => {
  it("has 10 sections — 4 population actions and 6 key projects — with 3 measures each, 30 in all", () => {
    expect(populations.sections.map((section) => section.focus.name)).toEqual(["青少年", "城市劳动者", "老年人", "领导干部和公务员"]);
    expect(projects.sections.map((section) => section.focus.name)).toEqual([
      "科技资源科普化",
      "科普信息化提升",
      "科普基础设施建设",
      "科普公共服务能力提升",
      "科普人才队伍建设",
      "科学素质交流与合作",
    ]);
    expect(sections.flatMap((section) => section.measures)).toHaveLength(30);
  });

  it("takes the title as printed", () => {
    expect(masterLines).toContain(masterPlanSeed.title);
    expect(masterSource).toContain(`文 号:${masterPlanSeed.documentNumber}`);
  });

  for (const section of sections) {
    describe(`${section.number}${section.title}`, () => {
      const headingIndex = masterLines.indexOf(`${section.number}${section.title}。`);
      const sectionLines = linesAfter(masterLines, headingIndex, (line) => /^\((一|二|三|四|五|六)\)/.test(line) || /^[四五]、/.test(line));

      it("is a heading of the source, under its part", () => {
        expect(headingIndex).toBeGreaterThan(-1);
        const part = populations.sections.includes(section) ? populations : projects;
        expect(masterLines.indexOf(`${part.number}${part.title}`)).toBeLessThan(headingIndex);
      });

      it("has its task statement verbatim", () => {
        expect(sectionLines.slice(0, 2)).toEqual(["1.任务。", section.task]);
      });

      it("has exactly the source's three measures, verbatim and in order", () => {
        const measures = linesAfter(sectionLines, sectionLines.indexOf("2.措施。"), (line) => line === "3.分工。");
        expect(section.measures.map((measure) => measure.fullText)).toEqual(measures);
        for (const measure of section.measures) expect(measure.fullText.startsWith(`${measure.title}。`)).toBe(true);
      });

      it("names every lead and supporting department exactly as its 分工 lines do", () => {
        expect(sectionLines).toContain(`牵头部门:${section.lead.join("、")}`);
        expect(sectionLines).toContain(`配合部门:${section.support.join("、")}`);
      });
    });
  }

  it("names 30 distinct departments, all of them registered units", () => {
    const named = new Set(sections.flatMap((section) => [...section.lead, ...section.support]));
    expect(named.size).toBe(30);
    const units = new Set(unitSeed.units.map((unit) => unit.name));
    expect([...named].filter((name) => !units.has(name))).toEqual([]);
  });

  it("keeps the source's quirk: 市卫生健康委 both leads and supports the elderly action", () => {
    const elderly = sections.find((section) => section.key === "elderly")!;
    expect(elderly.lead).toContain("市卫生健康委");
    expect(elderly.support).toContain("市卫生健康委");
  });

  it("has the goals, the 21.1% baseline and the schedule verbatim", () => {
    expect(masterLines).toContain(`2025年目标:${masterPlanSeed.goals[0]!.text}`);
    expect(masterLines).toContain(`2035年远景目标:${masterPlanSeed.goals[1]!.text}`);
    expect(masterPlanSeed.goals[0]).toMatchObject({ year: 2025, targetValue: 25, comparator: "GT" });
    expect(masterPlanSeed.goals[0]!.text).toContain("超过25%");
    expect(masterSource).toContain(masterPlanSeed.indicator.baselineText);
    expect(masterPlanSeed.indicator.baselineText).toContain(
      `${masterPlanSeed.indicator.baselineYear}年具备科学素质的比例达到${masterPlanSeed.indicator.baselineValue}%`,
    );
    for (const phase of masterPlanSeed.phases) expect(masterLines).toContain(`${phase.name}。${phase.text}`);
    expect(masterPlanSeed.phases.map((phase) => [phase.name, phase.startYear, phase.endYear])).toEqual([
      ["启动实施", 2022, 2022],
      ["深入实施", 2023, 2025],
      ["总结评估", 2025, 2025],
    ]);
  });

  it("has the three safeguards with every paragraph verbatim", () => {
    expect(safeguards.safeguards.map((safeguard) => safeguard.title)).toEqual(["加强组织领导", "完善保障机制", "明确进度安排"]);
    for (const safeguard of safeguards.safeguards) {
      const index = masterLines.indexOf(`${safeguard.number}${safeguard.title}。`);
      const paragraphs = linesAfter(masterLines, index, (line) => /^\((一|二|三)\)/.test(line) || line.startsWith("附件"));
      expect(safeguard.paragraphs).toEqual(paragraphs);
    }
  });
});

describe("the 2023 work points seed", () => {
  const points = annualPlanSeed.sections.flatMap((section) => section.items);
  const numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"];
  // The PDF's page breaks split three paragraphs over two lines; the seed joins them.
  const joinedSource = annualSource.replace(/\n+/g, "");
  const normalise = (text: string) =>
    text.replace(/\s+/g, "").replace(/[,:;()]/g, (char) => ({ ",": "，", ":": "：", ";": "；", "(": "（", ")": "）" })[char]!);

  it("has 4 sections and 16 items numbered （一） to （十六） as printed", () => {
    expect(annualPlanSeed.sections.map((section) => `${section.number}${section.title}`)).toEqual([
      "一、强化科普管理职责",
      "二、推动科普资源共建共享",
      "三、深入开展科普惠民活动",
      "四、搭建科普人才服务平台",
    ]);
    expect(points.map((point) => point.number)).toEqual(numerals.map((numeral) => `（${numeral}）`));
    expect(annualSource).toContain(`《${annualPlanSeed.title}》`);
  });

  it("has every section's introduction and every item's heading verbatim", () => {
    for (const section of annualPlanSeed.sections) {
      const index = annualLines.indexOf(`${section.number}${section.title}`);
      expect(index, section.title).toBeGreaterThan(-1);
      expect(annualLines[index + 1]).toBe(section.fullText);
    }
    for (const point of points) expect(annualLines, point.title).toContain(`${point.number}${point.title}`);
  });

  it("has every item's full text verbatim, page breaks joined", () => {
    for (const point of points) {
      const index = annualLines.indexOf(`${point.number}${point.title}`);
      const paragraph = linesAfter(annualLines, index, (line) => /^（[一二三四五六七八九十]+）/.test(line) || /^[一二三四]、/.test(line));
      expect(point.fullText, point.number).toBe(paragraph.join(""));
      expect(point.pageBreaks ?? 0, point.number).toBe(paragraph.length - 1);
      expect(joinedSource).toContain(point.fullText);
    }
  });

  it("links every item to at least one real measure or safeguard of the master plan, with a reason quoting the texts", () => {
    const masterKeys = new Set([
      ...sections.flatMap((section) => section.measures.map((measure) => measure.key)),
      ...safeguards.safeguards.map((s) => s.key),
    ]);
    const sources = normalise(masterSource + annualSource);
    for (const point of points) {
      expect(point.serves.length, point.number).toBeGreaterThan(0);
      for (const link of point.serves) {
        expect(masterKeys.has(link.item), `${point.number} → ${link.item}`).toBe(true);
        const quotes = [...link.reason.replace(/[‘’]/g, "“").matchAll(/“([^“”]+)”/g)].flatMap((match) => match[1]!.split("……"));
        expect(quotes.length, `${point.number} → ${link.item} quotes its source`).toBeGreaterThan(0);
        for (const quote of quotes) expect(sources, `${point.number}: ${quote}`).toContain(normalise(quote));
      }
    }
  });

  it("records a supporting unit only where the text names it as a partner", () => {
    for (const point of points) {
      for (const support of point.support) {
        expect(point.fullText).toContain(support.unit);
        const quote = support.reason.match(/“([^”]+)”/)![1]!;
        expect(point.fullText).toContain(quote);
      }
    }
  });
});

describe("the plans as loaded by the setup", () => {
  it("match the seed counts", async () => {
    const master = await db.plan.findUniqueOrThrow({ where: { code: masterPlanSeed.code } });
    const count = (kind: "SECTION" | "MEASURE" | "SAFEGUARD" | "WORK_ITEM", planId = master.id) =>
      db.planItem.count({ where: { planId, kind } });
    expect(await count("SECTION")).toBe(10);
    expect(await count("MEASURE")).toBe(30);
    expect(await count("SAFEGUARD")).toBe(3);
    expect(await db.targetPopulation.count()).toBe(4);
    expect(await db.keyProject.count()).toBe(6);
    expect(await db.planPhase.count({ where: { planId: master.id } })).toBe(3);
    const annual = await db.plan.findUniqueOrThrow({ where: { code: annualPlanSeed.code } });
    expect(annual.parentPlanId).toBe(master.id);
    expect(await count("SECTION", annual.id)).toBe(4);
    expect(await count("WORK_ITEM", annual.id)).toBe(16);
    expect(await db.planItemLink.count()).toBe(
      annualPlanSeed.sections.flatMap((s) => s.items).reduce((sum, point) => sum + point.serves.length, 0),
    );
  });

  it("record each section's division of labour once per unit, the elderly action's double listing as a lead with a note", async () => {
    const elderly = await db.planItem.findFirstOrThrow({
      where: { key: "elderly" },
      include: { assignments: { include: { unit: true }, orderBy: [{ role: "asc" }, { position: "asc" }] } },
    });
    const health = elderly.assignments.filter((assignment) => assignment.unit.name === "市卫生健康委");
    expect(health).toEqual([expect.objectContaining({ role: "LEAD", note: DUPLICATE_ROLE_NOTE })]);
    expect(elderly.assignments).toHaveLength(2 + 10 - 1);
    const units = await db.assignment.findMany({ where: { item: { plan: { code: masterPlanSeed.code } } }, distinct: ["unitId"] });
    expect(units).toHaveLength(30);
  });

  it("keep the baseline and the 2025 target as data", async () => {
    const indicator = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" }, include: { goals: true } });
    expect(indicator).toMatchObject({ baselineYear: 2020, baselineValue: 21.1, unit: "%" });
    expect(indicator.goals).toEqual([expect.objectContaining({ year: 2025, targetValue: 25, comparator: "GT" })]);
  });
});
