import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/core/actor";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize, deny } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { isSafeDisplayName } from "@/lib/core/files/detect-type";
import { auditTarget, mayAttempt, mayAttemptOnAny, type OperationSpec } from "@/lib/core/operations";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PlanItemKind } from "@/lib/generated/prisma/enums";
import { checkAgainstPortal, type PortalFacts, type UnitResolution } from "@/lib/plans/import/check";
import { diffPlanItems, type ExistingItem, type PlanDiff } from "@/lib/plans/import/diff";
import { parsePlanWorkbook, REFUSAL_MESSAGES } from "@/lib/plans/import/parse";
import { buildPlanWorkbook } from "@/lib/plans/import/template";
import type { ParsedItem, ParsedPlanWorkbook, WorkbookProblem } from "@/lib/plans/import/types";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { assertMayEditPlan } from "./plan-access";
import { recordPlanVersion } from "./versions";

type Tx = Prisma.TransactionClient;

const UNIT_TYPE_WORDS: Record<string, string> = {
  PARTY_DEPARTMENT: "市委部门",
  GOVERNMENT_DEPARTMENT: "市政府工作部门",
  PEOPLES_ORGANISATION: "人民团体",
  STATE_OWNED_GROUP: "市属国有企业集团",
  CENTRAL_UNIT: "中央驻深单位",
  MILITARY: "驻深部队",
  DISTRICT_GOVERNMENT: "区人民政府",
};

/**
 * Who may import: CAST staff (plan:import) any plan; a district government's liaison (plan:district)
 * only their own district's plan — a liaison of any other unit is refused here, audited.
 */
async function importer(actor: Actor | null, operation: OperationSpec, objectId?: string | number | null) {
  const checked = await authorize(actor, operation, objectId);
  if (mayAttemptOnAny(checked.role, operation)) return { actor: checked, ownDistrictId: null };
  const unit = checked.unitId
    ? await db.unit.findUnique({ where: { id: checked.unitId }, select: { type: true, deactivatedAt: true } })
    : null;
  if (!unit || unit.type !== "DISTRICT_GOVERNMENT" || unit.deactivatedAt) await deny(checked, operation, objectId, "not_district_liaison");
  return { actor: checked, ownDistrictId: checked.unitId };
}

async function templateLists(client: Tx | typeof db) {
  const [units, items] = await Promise.all([
    client.unit.findMany({ where: { deactivatedAt: null }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
    client.planItem.findMany({
      where: { plan: { status: "PUBLISHED" }, archivedAt: null },
      orderBy: [{ planId: "asc" }, { id: "asc" }],
      select: { id: true, key: true, number: true, title: true, plan: { select: { code: true, title: true } } },
    }),
  ]);
  return {
    units: units.map((unit) => ({ name: unit.name, fullName: unit.fullName, typeLabel: UNIT_TYPE_WORDS[unit.type] ?? unit.type })),
    referenceItems: items.map((item) => ({
      planCode: item.plan.code,
      planTitle: item.plan.title,
      key: item.key ?? `item-${item.id}`,
      number: item.number,
      title: item.title,
    })),
  };
}

/** The empty plan workbook with its reference sheets (current units, published plans' items). */
export async function downloadPlanTemplate(actor: Actor | null) {
  await importer(actor, PLAN_OPERATIONS.downloadTemplate);
  return buildPlanWorkbook(await templateLists(db));
}

/** The key an item is matched by: its own, or `item-<id>` for one created without a key. */
const itemKey = (item: { id: number; key: string | null }) => item.key ?? `item-${item.id}`;

/** A plan as the workbook describes it, plus its items as ExistingItem for the diff. */
async function planAsWorkbook(client: Tx | typeof db, planId: number): Promise<{ workbook: ParsedPlanWorkbook; existing: ExistingItem[] }> {
  const plan = await client.plan.findUniqueOrThrow({
    where: { id: planId },
    include: { parentPlan: { select: { code: true } }, district: { select: { name: true } } },
  });
  const [phases, items, assignments, goals, targets, links] = await Promise.all([
    client.planPhase.findMany({ where: { planId }, orderBy: { position: "asc" } }),
    client.planItem.findMany({
      where: { planId },
      orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }, { id: "asc" }],
      include: { phase: true },
    }),
    client.assignment.findMany({
      where: { item: { planId } },
      orderBy: [{ role: "asc" }, { position: "asc" }, { id: "asc" }],
      select: { itemId: true, role: true, printedName: true, unit: { select: { name: true } } },
    }),
    client.planGoal.findMany({ where: { planId }, orderBy: { year: "asc" }, include: { indicator: { select: { code: true } } } }),
    client.indicatorTarget.findMany({
      where: { planId },
      orderBy: [{ indicatorId: "asc" }, { year: "asc" }],
      include: { indicator: true },
    }),
    client.planItemLink.findMany({
      where: { fromItem: { planId } },
      orderBy: { id: "asc" },
      include: { toItem: { select: { id: true, key: true, plan: { select: { code: true } } } } },
    }),
  ]);
  const byId = new Map(items.map((item) => [item.id, item]));
  const units = new Map<number, { lead: string[]; support: string[]; printedLead: string[]; printedSupport: string[] }>();
  for (const assignment of assignments) {
    const entry = units.get(assignment.itemId) ?? { lead: [], support: [], printedLead: [], printedSupport: [] };
    const printed = assignment.printedName ?? assignment.unit.name;
    if (assignment.role === "LEAD") {
      entry.lead.push(assignment.unit.name);
      entry.printedLead.push(printed);
    } else {
      entry.support.push(assignment.unit.name);
      entry.printedSupport.push(printed);
    }
    units.set(assignment.itemId, entry);
  }
  // Parents before children, siblings in order: the order the workbook lists them.
  const children = new Map<number | null, typeof items>();
  for (const item of items) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
  const ordered: typeof items = [];
  const visit = (parentId: number | null) => {
    for (const item of children.get(parentId) ?? []) {
      ordered.push(item);
      visit(item.id);
    }
  };
  visit(null);
  const day = (date: Date | null) => (date ? shanghaiDate(date) : null);
  const existing: ExistingItem[] = ordered.map((item) => ({
    id: item.id,
    key: itemKey(item),
    parentKey: item.parentId ? itemKey(byId.get(item.parentId)!) : null,
    kind: item.kind,
    number: item.number,
    title: item.title,
    taskStatement: item.taskStatement,
    fullText: item.fullText,
    lead: units.get(item.id)?.lead ?? [],
    support: units.get(item.id)?.support ?? [],
    phase: item.phase?.name ?? null,
    startDate: day(item.startDate),
    dueDate: day(item.dueDate),
    reportingCycle: item.reportingCycle,
    note: item.sourceNote,
    archived: item.archivedAt !== null,
  }));
  const workbook: ParsedPlanWorkbook = {
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
      parentCode: plan.parentPlan?.code ?? null,
      district: plan.district?.name ?? null,
      preamble: plan.preamble,
      source: plan.source,
      labelRows: {},
    },
    phases: phases.map((phase) => ({ row: 0, ...phase })),
    // The archived items stay out: a new version imported from this workbook keeps them archived.
    items: existing
      .filter((item) => !item.archived)
      .map((item) => ({
        row: 0,
        key: item.key,
        parentKey: item.parentKey,
        kind: item.kind as ParsedItem["kind"],
        number: item.number,
        title: item.title,
        taskStatement: item.taskStatement,
        fullText: item.fullText,
        // The names as the plan prints them: a re-import keeps the printed text and maps to the current unit.
        lead: units.get(item.id)?.printedLead ?? [],
        support: units.get(item.id)?.printedSupport ?? [],
        phase: item.phase,
        startDate: item.startDate,
        dueDate: item.dueDate,
        reportingCycle: item.reportingCycle as ParsedItem["reportingCycle"],
        note: item.note,
      })),
    goals: goals.map((goal) => ({
      row: 0,
      year: goal.year,
      text: goal.text,
      indicatorCode: goal.indicator?.code ?? null,
      targetValue: goal.targetValue,
      comparator: (goal.comparator as ParsedPlanWorkbook["goals"][number]["comparator"]) ?? null,
    })),
    targets: targets.map((target) => ({
      row: 0,
      code: target.indicator.code,
      name: target.indicator.name,
      unit: target.indicator.unit,
      direction: target.indicator.direction,
      itemKey: target.indicator.itemId && byId.has(target.indicator.itemId) ? itemKey(byId.get(target.indicator.itemId)!) : null,
      baselineYear: target.indicator.baselineYear,
      baselineValue: target.indicator.baselineValue,
      baselineText: target.indicator.baselineText,
      targetYear: target.year,
      targetValue: target.value,
      comparator: target.comparator as ParsedPlanWorkbook["targets"][number]["comparator"],
      targetText: target.text,
    })),
    links: links
      .filter((link) => byId.get(link.fromItemId)?.archivedAt === null)
      .map((link) => ({
        row: 0,
        fromKey: itemKey(byId.get(link.fromItemId)!),
        planCode: link.toItem.plan.code,
        toKey: itemKey(link.toItem),
        type: link.type,
        reason: link.reason,
      })),
  };
  return { workbook, existing };
}

/** A plan as a filled workbook, to edit offline and import as its new version. */
export async function downloadPlanWorkbook(actor: Actor | null, planCode: string) {
  const { actor: checked } = await importer(actor, PLAN_OPERATIONS.downloadTemplate, planCode);
  const plan = await db.plan.findUnique({
    where: { code: planCode },
    select: { id: true, code: true, kind: true, status: true, districtId: true },
  });
  if (!plan) throw new AppError("NOT_FOUND");
  if (!mayAttemptOnAny(checked.role, PLAN_OPERATIONS.downloadTemplate) && !(plan.kind === "DISTRICT" && plan.districtId === checked.unitId))
    await deny(checked, PLAN_OPERATIONS.downloadTemplate, planCode, "not_own_district_plan");
  const { workbook } = await planAsWorkbook(db, plan.id);
  return { code: plan.code, bytes: await buildPlanWorkbook({ ...(await templateLists(db)), plan: workbook }) };
}

async function portalFacts(client: Tx | typeof db): Promise<PortalFacts> {
  const [units, plans, indicators] = await Promise.all([
    client.unit.findMany({ include: { names: { select: { name: true } } } }),
    client.plan.findMany({
      select: {
        id: true,
        code: true,
        kind: true,
        status: true,
        districtId: true,
        items: { select: { id: true, key: true } },
        phases: { select: { id: true, name: true } },
      },
    }),
    client.indicator.findMany({ select: { id: true, code: true, targets: { select: { year: true, planId: true } } } }),
  ]);
  return {
    units: units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      type: unit.type,
      active: unit.deactivatedAt === null && unit.mergedIntoId === null,
      mergedIntoId: unit.mergedIntoId,
      formerNames: unit.names.map((name) => name.name).filter((name) => name !== unit.name),
    })),
    plans: plans.map((plan) => ({
      ...plan,
      itemKeys: new Map(plan.items.map((item) => [itemKey(item), item.id])),
      phases: new Map(plan.phases.map((phase) => [phase.name, phase.id])),
    })),
    indicators: new Map(
      indicators.map((indicator) => [
        indicator.code,
        { id: indicator.id, targets: new Map(indicator.targets.map((target) => [target.year, target.planId])) },
      ]),
    ),
  };
}

/** The workbook's items with each written unit name replaced by the current unit's name. */
function withCurrentNames(items: ParsedItem[], units: UnitResolution): ParsedItem[] {
  const current = (name: string) => units[name]?.name ?? name;
  return items.map((item) => ({ ...item, lead: item.lead.map(current), support: item.support.map(current) }));
}

interface StoredImport {
  workbook: ParsedPlanWorkbook;
  units: UnitResolution;
  /** The district government the workbook's 所属区 names, when it is one. */
  districtId: number | null;
  diff: PlanDiff | null;
}

export interface PreviewInput {
  fileName: string;
  bytes: Uint8Array;
  /** The plan a new version is imported into; empty for a new plan. */
  planCode?: string | null;
}

/**
 * Reads and checks an uploaded workbook and stores it as a pending import, with every problem
 * found; nothing reaches the plan tables. A file that is not a plain workbook, or too large, is
 * refused with a message and not stored.
 */
export async function previewPlanImport(actor: Actor | null, input: PreviewInput) {
  const { actor: checked, ownDistrictId } = await importer(actor, PLAN_OPERATIONS.previewImport, input.planCode ?? null);
  // The name is shown on the preview and kept in the audit trail: no control characters (NUL…),
  // paths or bidi overrides, the same rule as evidence files.
  const fileName = input.fileName.trim();
  if (!isSafeDisplayName(fileName)) throw new AppError("VALIDATION", "fileNameInvalid", {}, { file: "fileNameInvalid" });
  let target: {
    id: number;
    code: string;
    kind: PlanItemKind | string;
    status: "DRAFT" | "PUBLISHED" | "ENDED";
    districtId: number | null;
  } | null = null;
  if (input.planCode) {
    target = await db.plan.findUnique({
      where: { code: input.planCode },
      select: { id: true, code: true, kind: true, status: true, districtId: true },
    });
    if (!target) throw new AppError("NOT_FOUND");
    await assertMayEditPlan(checked, PLAN_OPERATIONS.previewImport, target as Parameters<typeof assertMayEditPlan>[2], input.planCode);
  }
  const parsed = await parsePlanWorkbook(input.bytes);
  if (parsed.refusal)
    throw new AppError("VALIDATION", "planImportRefused", { reason: REFUSAL_MESSAGES[parsed.refusal] }, { file: "planImportFile" });
  const facts = await portalFacts(db);
  const checkedResult = checkAgainstPortal(parsed.workbook, facts, { targetPlanCode: target?.code ?? null, ownDistrictId });
  const problems: WorkbookProblem[] = [...parsed.problems, ...checkedResult.problems];
  let diff: PlanDiff | null = null;
  if (target) {
    const { existing } = await planAsWorkbook(db, target.id);
    diff = diffPlanItems(existing, withCurrentNames(parsed.workbook.items, checkedResult.units));
  }
  const stored: StoredImport = { workbook: parsed.workbook, units: checkedResult.units, districtId: checkedResult.districtId, diff };
  const row = await db.$transaction(async (tx) => {
    const created = await tx.planImport.create({
      data: {
        planId: target?.id ?? null,
        fileName,
        sha256: createHash("sha256").update(input.bytes).digest("hex"),
        size: input.bytes.byteLength,
        parsed: JSON.stringify(stored),
        problems: JSON.stringify(problems),
        createdById: checked.userId,
      },
    });
    await appendAudit(tx, {
      ...auditTarget(PLAN_OPERATIONS.previewImport, created.id),
      result: "SUCCESS",
      actor: checked,
      details: {
        fileName: created.fileName,
        planCode: parsed.workbook.plan.code,
        items: parsed.workbook.items.length,
        problems: problems.length,
      },
    });
    return created;
  });
  return { importId: row.id, problems, workbook: parsed.workbook, diff };
}

export interface PreviewNode {
  key: string;
  kind: string;
  number: string | null;
  title: string;
  lead: { written: string; current: string | null }[];
  support: { written: string; current: string | null }[];
  dueDate: string | null;
  children: PreviewNode[];
}

function previewTree(items: ParsedItem[], units: UnitResolution): PreviewNode[] {
  const nodes = new Map<string, PreviewNode>();
  const roots: PreviewNode[] = [];
  const named = (names: string[]) => names.map((written) => ({ written, current: units[written]?.name ?? null }));
  for (const item of items) {
    if (nodes.has(item.key)) continue;
    nodes.set(item.key, {
      key: item.key,
      kind: item.kind,
      number: item.number,
      title: item.title,
      lead: named(item.lead),
      support: named(item.support),
      dueDate: item.dueDate,
      children: [],
    });
  }
  for (const item of items) {
    const node = nodes.get(item.key)!;
    const parent = item.parentKey ? nodes.get(item.parentKey) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else if (!item.parentKey || !parent) roots.push(node);
  }
  return roots;
}

/** A pending (or finished) import as its preview page shows it: only to the one who uploaded it, or CAST. */
export async function getPlanImport(actor: Actor | null, importId: number) {
  const { actor: checked } = await importer(actor, PLAN_OPERATIONS.readImport, importId);
  const row = await db.planImport.findUnique({ where: { id: importId }, include: { plan: { select: { code: true, title: true } } } });
  if (!row) throw new AppError("NOT_FOUND");
  if (!mayAttemptOnAny(checked.role, PLAN_OPERATIONS.readImport) && row.createdById !== checked.userId)
    await deny(checked, PLAN_OPERATIONS.readImport, importId, "not_own_import");
  const stored = JSON.parse(row.parsed) as StoredImport;
  const problems = JSON.parse(row.problems) as WorkbookProblem[];
  const applied =
    row.status === "APPLIED" && row.planId ? await db.plan.findUnique({ where: { id: row.planId }, select: { code: true } }) : null;
  return {
    id: row.id,
    status: row.status as "PENDING" | "APPLIED" | "DISCARDED",
    fileName: row.fileName,
    createdAt: row.createdAt,
    target: row.plan,
    appliedPlanCode: applied?.code ?? null,
    plan: stored.workbook.plan,
    counts: {
      items: stored.workbook.items.length,
      phases: stored.workbook.phases.length,
      goals: stored.workbook.goals.length,
      targets: stored.workbook.targets.length,
      links: stored.workbook.links.length,
    },
    tree: previewTree(stored.workbook.items, stored.units),
    diff: stored.diff,
    problems,
    canApply: row.status === "PENDING" && problems.length === 0,
  };
}

/** The plans the actor may import a new version into (not ended): CAST any, a district liaison their own. */
export async function listImportTargets(actor: Actor | null) {
  const { ownDistrictId } = await importer(actor, PLAN_OPERATIONS.previewImport);
  return db.plan.findMany({
    where: { status: { not: "ENDED" }, ...(ownDistrictId === null ? {} : { kind: "DISTRICT", districtId: ownDistrictId }) },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, code: true, title: true, kind: true, status: true },
  });
}

/** Loads a pending import for a change; a liaison only their own upload. */
async function pendingImport(actor: Actor, operation: OperationSpec, importId: number) {
  const row = await db.planImport.findUnique({ where: { id: importId } });
  if (!row) throw new AppError("NOT_FOUND");
  if (!mayAttemptOnAny(actor.role, operation) && row.createdById !== actor.userId) await deny(actor, operation, importId, "not_own_import");
  if (row.status !== "PENDING") throw new AppError("CONFLICT", "planImportNotPending");
  return row;
}

export async function discardPlanImport(actor: Actor | null, input: { importId: number }) {
  const { actor: checked } = await importer(actor, PLAN_OPERATIONS.discardImport, input.importId);
  await pendingImport(checked, PLAN_OPERATIONS.discardImport, input.importId);
  await db.$transaction(async (tx) => {
    const { count } = await tx.planImport.updateMany({ where: { id: input.importId, status: "PENDING" }, data: { status: "DISCARDED" } });
    if (count === 0) throw new AppError("CONFLICT", "planImportNotPending");
    await appendAudit(tx, { ...auditTarget(PLAN_OPERATIONS.discardImport, input.importId), result: "SUCCESS", actor: checked });
  });
}

const dayOrNull = (day: string | null) => (day ? shanghaiDayStart(day) : null);

/** What a revision records about an imported item: the fields a reader compares, units by current name. */
function revisionView(item: Omit<ExistingItem, "id" | "key" | "parentKey" | "kind">, parent: string | null) {
  return {
    number: item.number,
    title: item.title,
    taskStatement: item.taskStatement,
    fullText: item.fullText,
    parent,
    startDate: item.startDate,
    dueDate: item.dueDate,
    reportingCycle: item.reportingCycle,
    phase: item.phase,
    lead: item.lead,
    support: item.support,
    sourceNote: item.note,
    archived: item.archived,
  };
}

const CHUNK = 50;

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < rows.length; at += size) out.push(rows.slice(at, at + size));
  return out;
}

/** Depth of each item in the workbook's tree: parents are written before their children. */
function byDepth(items: ParsedItem[]): ParsedItem[][] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const depth = new Map<string, number>();
  const depthOf = (item: ParsedItem): number => {
    const known = depth.get(item.key);
    if (known !== undefined) return known;
    const parent = item.parentKey ? byKey.get(item.parentKey) : undefined;
    const value = parent ? depthOf(parent) + 1 : 0;
    depth.set(item.key, value);
    return value;
  };
  const levels: ParsedItem[][] = [];
  for (const item of items) (levels[depthOf(item)] ??= []).push(item);
  return levels;
}

/**
 * Confirms a pending import in one transaction: a new plan (as a draft) or a new version of the
 * plan it names — items matched by 识别码 are updated through recorded revisions, new ones added,
 * missing ones archived (never deleted), so every report, revision and link of the items that stay
 * is kept. The workbook is checked again against the portal as it is now; a second confirm of the
 * same import changes nothing.
 */
export async function applyPlanImport(actor: Actor | null, input: { importId: number }, now = new Date()) {
  const { actor: checked, ownDistrictId } = await importer(actor, PLAN_OPERATIONS.applyImport, input.importId);
  const row = await pendingImport(checked, PLAN_OPERATIONS.applyImport, input.importId);
  const stored = JSON.parse(row.parsed) as StoredImport;
  const workbook = stored.workbook;
  if ((JSON.parse(row.problems) as WorkbookProblem[]).length > 0) throw new AppError("VALIDATION", "planImportHasProblems");
  if (row.planId) {
    const target = await db.plan.findUniqueOrThrow({
      where: { id: row.planId },
      select: { id: true, kind: true, status: true, districtId: true },
    });
    await assertMayEditPlan(checked, PLAN_OPERATIONS.applyImport, target, input.importId);
  } else if (ownDistrictId !== null && (workbook.plan.kind !== "DISTRICT" || stored.districtId !== ownDistrictId)) {
    await deny(checked, PLAN_OPERATIONS.applyImport, input.importId, "not_own_district_plan");
  }
  return db.$transaction(
    async (tx) => {
      const claimed = await tx.planImport.updateMany({
        where: { id: row.id, status: "PENDING" },
        data: { status: "APPLIED", appliedAt: now },
      });
      if (claimed.count === 0) throw new AppError("CONFLICT", "planImportNotPending");
      const facts = await portalFacts(tx);
      const targetCode = row.planId ? (facts.plans.find((plan) => plan.id === row.planId)?.code ?? null) : null;
      const check = checkAgainstPortal(workbook, facts, { targetPlanCode: targetCode, ownDistrictId });
      if (check.problems.length > 0) throw new AppError("VALIDATION", "planImportStale");
      const result = await writePlan(tx, checked, workbook, check, row.planId, facts, now);
      await tx.planImport.update({ where: { id: row.id }, data: { planId: result.planId } });
      const version = await recordPlanVersion(tx, result.planId, row.planId ? "REIMPORT" : "IMPORT", checked, now);
      const operation = row.planId ? PLAN_OPERATIONS.applyReimport : PLAN_OPERATIONS.applyImport;
      await appendAudit(
        tx,
        {
          ...auditTarget(operation, result.planId),
          result: "SUCCESS",
          actor: checked,
          details: { importId: row.id, fileName: row.fileName, code: workbook.plan.code, version, ...result.counts },
        },
        now,
      );
      return { planId: result.planId, code: workbook.plan.code, version, counts: result.counts };
    },
    { timeout: 300_000, maxWait: 20_000 },
  );
}

async function writePlan(
  tx: Tx,
  actor: Actor,
  workbook: ParsedPlanWorkbook,
  check: ReturnType<typeof checkAgainstPortal>,
  existingPlanId: number | null,
  facts: PortalFacts,
  now: Date,
) {
  const info = workbook.plan;
  const particulars = {
    title: info.title,
    shortTitle: info.shortTitle,
    issuer: info.issuer,
    documentNumber: info.documentNumber,
    signedOn: dayOrNull(info.signedOn),
    publishedOn: dayOrNull(info.publishedOn),
    startYear: info.startYear!,
    endYear: info.endYear!,
    preamble: info.preamble,
    source: info.source,
    parentPlanId: check.parentPlanId,
  };
  let planId: number;
  if (existingPlanId) {
    planId = existingPlanId;
    await tx.plan.update({ where: { id: planId }, data: particulars });
  } else {
    const last = await tx.plan.findFirst({ orderBy: { sortOrder: "desc" }, select: { sortOrder: true } });
    planId = (
      await tx.plan.create({
        data: {
          ...particulars,
          code: info.code,
          kind: info.kind!,
          status: "DRAFT",
          districtId: check.districtId,
          isDemo: info.title.startsWith("示例"),
          createdById: actor.userId,
          sortOrder: (last?.sortOrder ?? 0) + 1,
        },
      })
    ).id;
  }

  // Phases by position: updated in place, so items keep theirs. An item may name a phase of the parent plan.
  const phaseIds = new Map<string, number>(facts.plans.find((candidate) => candidate.id === check.parentPlanId)?.phases ?? []);
  for (const phase of workbook.phases) {
    const saved = await tx.planPhase.upsert({
      where: { planId_position: { planId, position: phase.position } },
      create: { planId, position: phase.position, name: phase.name, startYear: phase.startYear, endYear: phase.endYear, text: phase.text },
      update: { name: phase.name, startYear: phase.startYear, endYear: phase.endYear, text: phase.text },
    });
    phaseIds.set(phase.name, saved.id);
  }

  const previous = existingPlanId ? await planAsWorkbook(tx, planId) : null;
  const existingByKey = new Map((previous?.existing ?? []).map((item) => [item.key, item]));
  const incoming = withCurrentNames(workbook.items, check.units);
  const incomingByKey = new Map(incoming.map((item) => [item.key, item]));
  const diff = diffPlanItems(previous?.existing ?? [], incoming);
  const changedKeys = new Set(diff.changed.map((change) => change.key));
  const titleOf = (key: string | null) => {
    if (!key) return null;
    const item = incomingByKey.get(key) ?? existingByKey.get(key);
    return item ? [item.number, item.title].filter(Boolean).join(" ") : key;
  };
  const ids = new Map<string, number>([...existingByKey].map(([key, item]) => [key, item.id]));
  const positions = new Map<string | null, number>();
  const position = (parentKey: string | null) => {
    const next = (positions.get(parentKey) ?? 0) + 1;
    positions.set(parentKey, next);
    return next;
  };
  const revisionBase = { actorId: actor.userId, actorUsername: actor.username, actorName: actor.displayName, changedAt: now };
  const counts = {
    items: incoming.length,
    added: 0,
    changed: 0,
    archived: 0,
    assignments: 0,
    goals: 0,
    targets: 0,
    indicators: 0,
    links: 0,
  };
  const assignmentRows: Prisma.AssignmentCreateManyInput[] = [];
  /** Lead units first, then supporters, each in the order written; the name as written is kept as printed. */
  const assignmentsFor = (itemId: number, written: ParsedItem) => {
    const seen = new Set<number>();
    let lead = 0;
    let support = 0;
    for (const [role, names] of [
      ["LEAD", written.lead],
      ["SUPPORT", written.support],
    ] as const) {
      for (const name of names) {
        const unitId = check.units[name]?.unitId;
        if (unitId === undefined || seen.has(unitId)) continue;
        seen.add(unitId);
        assignmentRows.push({ itemId, unitId, role, position: role === "LEAD" ? ++lead : ++support, printedName: name });
      }
    }
  };
  const writtenByKey = new Map(workbook.items.map((item) => [item.key, item]));

  for (const level of byDepth(incoming)) {
    const created: { item: ParsedItem; data: Prisma.PlanItemCreateManyInput }[] = [];
    for (const item of level) {
      const data = {
        parentId: item.parentKey ? ids.get(item.parentKey)! : null,
        position: position(item.parentKey),
        kind: item.kind as PlanItemKind,
        key: item.key,
        number: item.number,
        title: item.title,
        taskStatement: item.taskStatement,
        fullText: item.fullText,
        phaseId: item.phase ? (phaseIds.get(item.phase) ?? null) : null,
        startDate: dayOrNull(item.startDate),
        dueDate: dayOrNull(item.dueDate),
        reportingCycle: item.reportingCycle,
        sourceNote: item.note,
      };
      const before = existingByKey.get(item.key);
      if (!before) {
        created.push({ item, data: { ...data, planId } });
        continue;
      }
      if (!changedKeys.has(item.key)) {
        await tx.planItem.update({ where: { id: before.id }, data: { position: data.position, key: item.key } });
        continue;
      }
      const updated = await tx.planItem.update({
        where: { id: before.id },
        data: { ...data, archivedAt: null, version: { increment: 1 } },
        select: { version: true },
      });
      if (JSON.stringify([before.lead, before.support]) !== JSON.stringify([item.lead, item.support])) {
        await tx.assignment.deleteMany({ where: { itemId: before.id } });
        assignmentsFor(before.id, writtenByKey.get(item.key)!);
      }
      await tx.planItemRevision.create({
        data: {
          ...revisionBase,
          itemId: before.id,
          version: updated.version,
          action: "UPDATE",
          before: JSON.stringify(revisionView(before, titleOf(before.parentKey))),
          after: JSON.stringify(revisionView({ ...item, archived: false }, titleOf(item.parentKey))),
        },
      });
      counts.changed++;
    }
    if (created.length === 0) continue;
    // In chunks: one statement per chunk keeps Prisma's per-query overhead low for thousands of rows.
    for (const chunk of chunks(created, CHUNK)) {
      const rows = await tx.planItem.createManyAndReturn({ data: chunk.map((entry) => entry.data), select: { id: true, key: true } });
      for (const saved of rows) ids.set(saved.key!, saved.id);
    }
    for (const chunk of chunks(created, CHUNK)) {
      await tx.planItemRevision.createMany({
        data: chunk.map(({ item }) => ({
          ...revisionBase,
          itemId: ids.get(item.key)!,
          version: 1,
          action: "IMPORT",
          after: JSON.stringify(revisionView({ ...item, archived: false }, titleOf(item.parentKey))),
        })),
      });
    }
    for (const { item } of created) assignmentsFor(ids.get(item.key)!, writtenByKey.get(item.key)!);
    counts.added += created.length;
  }
  for (const chunk of chunks(assignmentRows, CHUNK)) await tx.assignment.createMany({ data: chunk });
  counts.assignments = assignmentRows.length;

  for (const gone of diff.archived) {
    const before = existingByKey.get(gone.key)!;
    const updated = await tx.planItem.update({
      where: { id: before.id },
      data: { archivedAt: now, version: { increment: 1 } },
      select: { version: true },
    });
    await tx.planItemRevision.create({
      data: {
        ...revisionBase,
        itemId: before.id,
        version: updated.version,
        action: "ARCHIVE",
        before: JSON.stringify(revisionView(before, titleOf(before.parentKey))),
        after: JSON.stringify(revisionView({ ...before, archived: true }, titleOf(before.parentKey))),
      },
    });
    counts.archived++;
  }

  // Indicators: an existing code gains this plan's targets; a new one is created with this plan.
  const indicatorIds = new Map<string, number>([...facts.indicators].map(([code, indicator]) => [code, indicator.id]));
  await tx.indicatorTarget.deleteMany({ where: { planId } });
  for (const target of workbook.targets) {
    let indicatorId = indicatorIds.get(target.code);
    if (indicatorId === undefined) {
      indicatorId = (
        await tx.indicator.create({
          data: {
            code: target.code,
            name: target.name,
            unit: target.unit,
            direction: target.direction ?? "HIGHER_IS_BETTER",
            planId,
            itemId: target.itemKey ? (ids.get(target.itemKey) ?? null) : null,
            baselineYear: target.baselineYear,
            baselineValue: target.baselineValue,
            baselineText: target.baselineText,
            isDemo: info.title.startsWith("示例"),
          },
        })
      ).id;
      indicatorIds.set(target.code, indicatorId);
      counts.indicators++;
    }
    if (target.targetYear === null || target.targetValue === null) continue;
    await tx.indicatorTarget.create({
      data: {
        indicatorId,
        year: target.targetYear,
        value: target.targetValue,
        comparator: target.comparator ?? "GTE",
        planId,
        text: target.targetText,
      },
    });
    counts.targets++;
  }

  await tx.planGoal.deleteMany({ where: { planId } });
  if (workbook.goals.length > 0) {
    await tx.planGoal.createMany({
      data: workbook.goals.map((goal) => ({
        planId,
        year: goal.year,
        text: goal.text,
        indicatorId: goal.indicatorCode ? (indicatorIds.get(goal.indicatorCode) ?? null) : null,
        targetValue: goal.targetValue,
        comparator: goal.comparator,
      })),
    });
  }
  counts.goals = workbook.goals.length;

  // Links are added, never removed: a link of an item that stays is kept.
  for (const link of workbook.links) {
    const toItemId = facts.plans.find((plan) => plan.code === link.planCode)?.itemKeys.get(link.toKey);
    const fromItemId = ids.get(link.fromKey);
    if (toItemId === undefined || fromItemId === undefined) continue;
    const exists = await tx.planItemLink.findUnique({ where: { fromItemId_toItemId_type: { fromItemId, toItemId, type: link.type } } });
    if (exists) continue;
    await tx.planItemLink.create({ data: { fromItemId, toItemId, type: link.type, reason: link.reason } });
    counts.links++;
  }
  return { planId, counts };
}

/**
 * Whether to offer the import link: CAST staff, or a district government's liaison. Not an access
 * check (every import function makes its own) and not audited: pages ask it on every view.
 */
export async function mayImportPlans(actor: Actor | null): Promise<boolean> {
  if (!actor || actor.mustChangePassword || !mayAttempt(actor.role, PLAN_OPERATIONS.previewImport)) return false;
  if (mayAttemptOnAny(actor.role, PLAN_OPERATIONS.previewImport)) return true;
  if (!actor.unitId) return false;
  const unit = await db.unit.findUnique({ where: { id: actor.unitId }, select: { type: true, deactivatedAt: true } });
  return unit?.type === "DISTRICT_GOVERNMENT" && unit.deactivatedAt === null;
}
