import type { AppPrismaClient } from "@/lib/core/db/create-client";
import { shanghaiDayStart } from "@/lib/core/time";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AssignmentRole, PlanItemKind } from "@/lib/generated/prisma/enums";
import { recordPlanVersion } from "@/lib/plans/versions";
import { annualPlanSeed, masterPlanSeed } from "./plan-files";

type Tx = Prisma.TransactionClient;

export const DUPLICATE_ROLE_NOTE = "《实施方案》分工同时将其列为配合部门，按牵头部门记录。";

interface ItemInput {
  planId: number;
  parentId: number | null;
  kind: PlanItemKind;
  key: string;
  number: string | null;
  position: number;
  title: string;
  taskStatement?: string;
  fullText: string;
  phaseId?: number;
  startDate?: Date;
  dueDate?: Date;
  sourceNote?: string;
}

/** Creates an item and its first revision, "imported from the source". */
async function createItem(tx: Tx, input: ItemInput, source: string) {
  const item = await tx.planItem.create({ data: input });
  await tx.planItemRevision.create({
    data: {
      itemId: item.id,
      version: 1,
      action: "IMPORT",
      actorName: `导入自原文 ${source}`,
      after: JSON.stringify({ number: item.number, title: item.title, taskStatement: item.taskStatement, fullText: item.fullText }),
    },
  });
  return item;
}

/** Lead units first, then supporters, each in printed order; a unit listed as both stays a lead, with a note. */
async function assign(tx: Tx, itemId: number, units: Map<string, number>, lead: string[], support: { unit: string; reason?: string }[]) {
  const seen = new Map<string, number>();
  const rows: { unitId: number; role: AssignmentRole; position: number; note?: string; printedName: string }[] = [];
  const unitId = (name: string) => {
    const id = units.get(name);
    if (id === undefined) throw new Error(`seed: unknown unit ${name}`);
    return id;
  };
  lead.forEach((name, index) => {
    seen.set(name, rows.length);
    rows.push({ unitId: unitId(name), role: "LEAD", position: index + 1, printedName: name });
  });
  support.forEach(({ unit, reason }, index) => {
    const existing = seen.get(unit);
    if (existing !== undefined) {
      rows[existing]!.note = DUPLICATE_ROLE_NOTE;
      return;
    }
    seen.set(unit, rows.length);
    rows.push({ unitId: unitId(unit), role: "SUPPORT", position: index + 1, note: reason, printedName: unit });
  });
  await tx.assignment.createMany({ data: rows.map((row) => ({ ...row, itemId })) });
}

async function seedMasterPlan(tx: Tx, units: Map<string, number>) {
  const seed = masterPlanSeed;
  const plan = await tx.plan.create({
    data: {
      code: seed.code,
      kind: "MASTER",
      title: seed.title,
      shortTitle: seed.shortTitle,
      issuer: seed.issuer,
      documentNumber: seed.documentNumber,
      signedOn: shanghaiDayStart(seed.signedOn),
      publishedOn: shanghaiDayStart(seed.publishedOn),
      startYear: seed.startYear,
      endYear: seed.endYear,
      source: seed.source,
      sortOrder: 1,
      isCurrent: true,
    },
  });
  const indicator = await tx.indicator.create({
    data: {
      code: seed.indicator.code,
      name: seed.indicator.name,
      unit: seed.indicator.unit,
      direction: "HIGHER_IS_BETTER",
      planId: plan.id,
      baselineYear: seed.indicator.baselineYear,
      baselineValue: seed.indicator.baselineValue,
      baselineText: seed.indicator.baselineText,
    },
  });
  for (const goal of seed.goals) {
    await tx.planGoal.create({
      data: {
        planId: plan.id,
        year: goal.year,
        text: goal.text,
        indicatorId: goal.indicator === indicator.code ? indicator.id : null,
        targetValue: goal.targetValue ?? null,
        comparator: goal.comparator ?? null,
      },
    });
  }
  for (const [index, phase] of seed.phases.entries()) {
    await tx.planPhase.create({ data: { planId: plan.id, position: index + 1, ...phase } });
  }

  const [populations, projects, safeguards] = seed.parts;
  for (const [partIndex, part] of [populations, projects].entries()) {
    const partItem = await createItem(
      tx,
      {
        planId: plan.id,
        parentId: null,
        kind: "PART",
        key: part.key,
        number: part.number,
        position: partIndex + 1,
        title: part.title,
        fullText: part.fullText,
      },
      seed.source,
    );
    for (const [sectionIndex, section] of part.sections.entries()) {
      const duplicate = section.lead.some((name) => section.support.includes(name));
      const sectionItem = await createItem(
        tx,
        {
          planId: plan.id,
          parentId: partItem.id,
          kind: "SECTION",
          key: section.key,
          number: section.number,
          position: sectionIndex + 1,
          title: section.title,
          taskStatement: section.task,
          fullText: "",
          sourceNote: duplicate
            ? `原文分工将 ${section.lead.filter((name) => section.support.includes(name)).join("、")} 同时列为牵头部门和配合部门。`
            : undefined,
        },
        seed.source,
      );
      await assign(
        tx,
        sectionItem.id,
        units,
        section.lead,
        section.support.map((unit) => ({ unit })),
      );
      const focus = { code: section.focus.code, name: section.focus.name, sectionId: sectionItem.id, position: sectionIndex + 1 };
      if (section.focus.type === "population") await tx.targetPopulation.create({ data: focus });
      else await tx.keyProject.create({ data: focus });
      for (const [measureIndex, measure] of section.measures.entries()) {
        await createItem(
          tx,
          {
            planId: plan.id,
            parentId: sectionItem.id,
            kind: "MEASURE",
            key: measure.key,
            number: null,
            position: measureIndex + 1,
            title: measure.title,
            fullText: measure.fullText,
          },
          seed.source,
        );
      }
    }
  }
  const safeguardPart = await createItem(
    tx,
    {
      planId: plan.id,
      parentId: null,
      kind: "PART",
      key: safeguards.key,
      number: safeguards.number,
      position: 3,
      title: safeguards.title,
      fullText: "",
    },
    seed.source,
  );
  for (const [index, safeguard] of safeguards.safeguards.entries()) {
    await createItem(
      tx,
      {
        planId: plan.id,
        parentId: safeguardPart.id,
        kind: "SAFEGUARD",
        key: safeguard.key,
        number: safeguard.number,
        position: index + 1,
        title: safeguard.title,
        fullText: safeguard.paragraphs.join("\n"),
      },
      seed.source,
    );
  }
  return plan;
}

async function seedAnnualPlan(tx: Tx, units: Map<string, number>, master: { id: number }) {
  const seed = annualPlanSeed;
  const plan = await tx.plan.create({
    data: {
      code: seed.code,
      kind: "ANNUAL",
      title: seed.title,
      shortTitle: seed.shortTitle,
      issuer: seed.issuer,
      startYear: seed.startYear,
      endYear: seed.endYear,
      preamble: seed.preamble,
      source: seed.source,
      parentPlanId: master.id,
      sortOrder: 2,
    },
  });
  // A year's work points run through that year, in the master plan's phase covering it.
  const phase = await tx.planPhase.findFirst({
    where: { planId: master.id, startYear: { lte: seed.startYear }, endYear: { gte: seed.endYear } },
    orderBy: { position: "asc" },
  });
  const masterItems = new Map(
    (await tx.planItem.findMany({ where: { planId: master.id }, select: { id: true, key: true } })).map((item) => [item.key, item.id]),
  );
  for (const [sectionIndex, section] of seed.sections.entries()) {
    const sectionItem = await createItem(
      tx,
      {
        planId: plan.id,
        parentId: null,
        kind: "SECTION",
        key: section.key,
        number: section.number,
        position: sectionIndex + 1,
        title: section.title,
        fullText: section.fullText,
      },
      seed.source,
    );
    for (const [index, point] of section.items.entries()) {
      const item = await createItem(
        tx,
        {
          planId: plan.id,
          parentId: sectionItem.id,
          kind: "WORK_ITEM",
          key: point.key,
          number: point.number,
          position: index + 1,
          title: point.title,
          fullText: point.fullText,
          phaseId: phase?.id,
          startDate: shanghaiDayStart(`${seed.startYear}-01-01`),
          dueDate: shanghaiDayStart(`${seed.endYear}-12-31`),
          sourceNote: point.pageBreaks ? `原文此段有 ${point.pageBreaks} 处分页断行，已按原文字符相接。` : undefined,
        },
        seed.source,
      );
      await assign(tx, item.id, units, point.lead, point.support);
      for (const link of point.serves) {
        const toItemId = masterItems.get(link.item);
        if (toItemId === undefined) throw new Error(`seed: ${point.key} serves unknown item ${link.item}`);
        await tx.planItemLink.create({ data: { fromItemId: item.id, toItemId, type: "SERVES", reason: link.reason } });
      }
    }
  }
}

/** Loads the master plan and the 2023 work points when there are no plans yet. Returns how many plans. */
export async function seedPlans(client: AppPrismaClient): Promise<number> {
  if ((await client.plan.count()) > 0) return 0;
  const units = new Map((await client.unit.findMany({ select: { id: true, name: true } })).map((unit) => [unit.name, unit.id]));
  await client.$transaction(
    async (tx) => {
      const master = await seedMasterPlan(tx, units);
      await seedAnnualPlan(tx, units, master);
      // Each seeded plan starts at version 1 (an import), so versions compare from day one.
      for (const plan of await tx.plan.findMany({ select: { id: true }, orderBy: { id: "asc" } }))
        await recordPlanVersion(tx, plan.id, "IMPORT", null);
    },
    { timeout: 60_000 },
  );
  return 2;
}
