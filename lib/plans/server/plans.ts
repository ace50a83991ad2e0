import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AssignmentRole, PlanItemKind } from "@/lib/generated/prisma/enums";
import { audit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { can } from "@/lib/core/permissions";
import { auditTarget } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { mayReadPlan, visiblePlans } from "./plan-access";
import { unitNameAsPrinted } from "@/lib/units/names";
import { currentMasterPlanId } from "@/lib/plans/server/periods";
import { readInChunks } from "@/lib/core/chunks";
import { PAGE_SIZE, pageInfo, pageWindow } from "@/lib/core/paging";

const unitRef = { select: { id: true, name: true, deactivatedAt: true } } as const;
const assignmentInclude = { unit: unitRef } as const;
const assignmentOrder: Prisma.AssignmentOrderByWithRelationInput[] = [{ role: "asc" }, { position: "asc" }, { id: "asc" }];

/** An assignment as pages show it: the unit's current name, and the name the plan printed (市科技创新局（原市科技创新委）). */
export type AssignmentView = {
  unit: { id: number; name: string; deactivatedAt?: Date | null };
  role: AssignmentRole;
  note: string | null;
  printedName?: string | null;
};

/** Lead and supporting units of an item: its own, or those of the nearest ancestor that has some. */
export interface EffectiveAssignments {
  lead: AssignmentView[];
  support: AssignmentView[];
  /** Set when the units come from an ancestor (a measure inherits its section's 分工). */
  inheritedFrom: { id: number; number: string | null; title: string } | null;
}

function split(assignments: AssignmentView[]) {
  return {
    lead: assignments.filter((assignment) => assignment.role === "LEAD"),
    support: assignments.filter((assignment) => assignment.role === "SUPPORT"),
  };
}

export async function listPlans(actor: Actor | null) {
  const reader = await authorize(actor, PLAN_OPERATIONS.readPlan);
  return db.plan.findMany({
    // Drafts only for those who may edit them.
    where: visiblePlans(reader),
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: {
      id: true,
      code: true,
      kind: true,
      title: true,
      shortTitle: true,
      issuer: true,
      documentNumber: true,
      startYear: true,
      endYear: true,
      parentPlanId: true,
      status: true,
      isCurrent: true,
      isDemo: true,
    },
  });
}

/** The master plan at a glance: goals, baseline, phases, the 4 population actions and 6 key projects. */
export async function getPlanOverview(actor: Actor | null) {
  const reader = await authorize(actor, PLAN_OPERATIONS.readPlan);
  // The master plan CAST marked current (or the newest published one): the overview follows it.
  const masterId = await currentMasterPlanId();
  const master =
    masterId === null
      ? null
      : await db.plan.findUnique({
          where: { id: masterId },
          include: {
            goals: { orderBy: { year: "asc" }, include: { indicator: true } },
            phases: { orderBy: { position: "asc" } },
            indicators: true,
          },
        });
  if (!master) return null;
  // The literacy rate is one series across periods: every target with the plan that set it, and the latest value.
  const literacy = await db.indicator.findUnique({
    where: { code: "literacy-rate" },
    include: {
      targets: { orderBy: { year: "asc" }, include: { plan: { select: { id: true, code: true, shortTitle: true } } } },
      values: { where: { districtId: null }, orderBy: { year: "desc" }, take: 1 },
    },
  });
  const focusInclude = {
    section: {
      select: {
        id: true,
        number: true,
        title: true,
        taskStatement: true,
        assignments: { where: { role: "LEAD" as const }, include: assignmentInclude, orderBy: assignmentOrder },
        _count: { select: { children: { where: { archivedAt: null } } } },
      },
    },
  } as const;
  const [populations, projects, plans] = await Promise.all([
    db.targetPopulation.findMany({ where: { section: { planId: master.id } }, orderBy: { position: "asc" }, include: focusInclude }),
    db.keyProject.findMany({ where: { section: { planId: master.id } }, orderBy: { position: "asc" }, include: focusInclude }),
    db.plan.findMany({
      where: visiblePlans(reader),
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { code: true, kind: true, title: true, issuer: true, startYear: true, endYear: true, status: true, isCurrent: true },
    }),
  ]);
  return { master, populations, projects, plans, literacy };
}

export interface TreeNode {
  id: number;
  kind: PlanItemKind;
  number: string | null;
  title: string;
  taskStatement: string | null;
  fullText: string;
  dueDate: Date | null;
  archivedAt: Date | null;
  matched: boolean;
  children: TreeNode[];
  /** Work items under this node beyond TREE_WORK_ITEM_LIMIT: not in `children`; the item's own page lists them all. */
  moreWorkItems: number;
}

/**
 * The tree shows at most this many work items under one node; the rest are a link to the node's
 * page. A real plan has a handful per measure (the 2023 work points: at most 5), but a plan of
 * 1,500 work items would otherwise make one page of megabytes.
 */
export const TREE_WORK_ITEM_LIMIT = 10;

export interface TreeOptions {
  /** Chinese substring searched in titles, task statements and full texts. */
  query?: string;
  includeArchived?: boolean;
}

/** A plan's items as a tree; with a query, only matching items and the path down to them. */
export async function getPlanTree(actor: Actor | null, planCode: string, options: TreeOptions = {}) {
  const reader = await authorize(actor, PLAN_OPERATIONS.readPlan, planCode);
  const plan = await db.plan.findUnique({
    where: { code: planCode },
    include: { parentPlan: { select: { code: true, title: true, isCurrent: true } } },
  });
  // A draft is not there for those who may not edit it.
  if (!plan || !mayReadPlan(reader, plan)) throw new AppError("NOT_FOUND");
  const query = options.query?.trim() ?? "";
  const items = await db.planItem.findMany({
    where: { planId: plan.id, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      parentId: true,
      kind: true,
      number: true,
      title: true,
      taskStatement: true,
      fullText: true,
      dueDate: true,
      archivedAt: true,
    },
  });
  const matchedIds = new Set<number>();
  if (query !== "") {
    const matches = await db.planItem.findMany({
      where: {
        planId: plan.id,
        ...(options.includeArchived ? {} : { archivedAt: null }),
        OR: [{ title: { contains: query } }, { fullText: { contains: query } }, { taskStatement: { contains: query } }],
      },
      select: { id: true },
    });
    for (const match of matches) matchedIds.add(match.id);
  }
  const nodes = new Map<number, TreeNode & { parentId: number | null }>();
  for (const item of items) nodes.set(item.id, { ...item, matched: matchedIds.has(item.id), children: [], moreWorkItems: 0 });
  // With a query, keep each match and its ancestors.
  const keep = new Set<number>();
  if (query !== "") {
    for (const id of matchedIds) {
      for (let node = nodes.get(id); node && !keep.has(node.id); node = node.parentId ? nodes.get(node.parentId) : undefined)
        keep.add(node.id);
    }
  }
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    if (query !== "" && !keep.has(node.id)) continue;
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (
      parent &&
      node.kind === "WORK_ITEM" &&
      parent.children.filter((child) => child.kind === "WORK_ITEM").length >= TREE_WORK_ITEM_LIMIT
    ) {
      parent.moreWorkItems += 1;
      continue;
    }
    (parent ? parent.children : roots).push(node);
  }
  return { plan, roots, query, matchCount: matchedIds.size };
}

async function ancestorsOf(itemId: number) {
  const chain: { id: number; parentId: number | null; kind: PlanItemKind; number: string | null; title: string }[] = [];
  let current = await db.planItem.findUnique({
    where: { id: itemId },
    select: { id: true, parentId: true, kind: true, number: true, title: true },
  });
  while (current?.parentId) {
    current = await db.planItem.findUnique({
      where: { id: current.parentId },
      select: { id: true, parentId: true, kind: true, number: true, title: true },
    });
    if (current) chain.unshift(current);
  }
  return chain;
}

export async function effectiveAssignments(itemId: number): Promise<EffectiveAssignments> {
  const own = await db.assignment.findMany({ where: { itemId }, include: assignmentInclude, orderBy: assignmentOrder });
  if (own.length > 0) return { ...split(own), inheritedFrom: null };
  for (const ancestor of (await ancestorsOf(itemId)).reverse()) {
    const inherited = await db.assignment.findMany({
      where: { itemId: ancestor.id },
      include: assignmentInclude,
      orderBy: assignmentOrder,
    });
    if (inherited.length > 0)
      return { ...split(inherited), inheritedFrom: { id: ancestor.id, number: ancestor.number, title: ancestor.title } };
  }
  return { lead: [], support: [], inheritedFrom: null };
}

/** Everything the item page shows: text, units, links to other plans, children, history. */
export async function getPlanItem(actor: Actor | null, itemId: number) {
  const reader = await authorize(actor, PLAN_OPERATIONS.readItem, itemId);
  const item = await db.planItem.findUnique({
    where: { id: itemId },
    include: {
      plan: { select: { id: true, code: true, title: true, shortTitle: true, kind: true, status: true, districtId: true } },
      phase: true,
      children: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, number: true, title: true, dueDate: true, archivedAt: true },
      },
      linksFrom: {
        include: {
          toItem: { select: { id: true, number: true, title: true, kind: true, plan: { select: { code: true, shortTitle: true } } } },
        },
      },
      linksTo: {
        // Items of a draft plan serve nobody yet, for those who may not see the draft.
        where: { fromItem: { plan: visiblePlans(reader) } },
        include: {
          fromItem: { select: { id: true, number: true, title: true, kind: true, plan: { select: { code: true, shortTitle: true } } } },
        },
      },
      revisions: { orderBy: { version: "desc" } },
    },
  });
  if (!item || !mayReadPlan(reader, item.plan)) throw new AppError("NOT_FOUND");
  const [ancestors, assignments] = await Promise.all([ancestorsOf(itemId), effectiveAssignments(itemId)]);
  return { item, ancestors, assignments };
}

/** A unit as the unit pages show it: current name, state, and the names it had before (the registry's history). */
const unitWithHistory = {
  id: true,
  name: true,
  fullName: true,
  type: true,
  deactivatedAt: true,
  mergedInto: { select: { id: true, name: true } },
  names: { orderBy: { id: "asc" }, select: { name: true, validFrom: true, validTo: true } },
} as const satisfies Prisma.UnitSelect;

function withFormerNames<T extends { name: string; names: { name: string; validTo: Date | null }[] }>(unit: T) {
  const formerNames = [...new Set(unit.names.filter((row) => row.validTo !== null && row.name !== unit.name).map((row) => row.name))];
  return { ...unit, formerNames };
}

/**
 * Units by type (unit:read) with how many items each leads and supports — the counts, which show
 * plan work, only for roles that read plans (plan:read); for the others (the account
 * administrator) they are null and the page shows the bare list.
 */
export async function listUnitsWithWork(actor: Actor | null) {
  const reader = await authorize(actor, PLAN_OPERATIONS.listUnitsWithWork);
  const showsWork = can(reader.role, "plan:read");
  const [units, counts] = await Promise.all([
    db.unit.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: unitWithHistory }),
    showsWork
      ? db.assignment.groupBy({ by: ["unitId", "role"], where: { item: { archivedAt: null } }, _count: { _all: true } })
      : Promise.resolve([]),
  ]);
  const count = (unitId: number, role: AssignmentRole) =>
    showsWork ? (counts.find((row) => row.unitId === unitId && row.role === role)?._count._all ?? 0) : null;
  return units.map((unit) => ({
    ...withFormerNames(unit),
    leads: count(unit.id, "LEAD"),
    supports: count(unit.id, "SUPPORT"),
  }));
}

/** Everything a unit leads or supports, across plans, with the measures each section covers. */
export async function getUnitWork(actor: Actor | null, unitId: number) {
  await authorize(actor, PLAN_OPERATIONS.readUnitWork, unitId);
  const found = await db.unit.findUnique({ where: { id: unitId }, select: unitWithHistory });
  if (!found) throw new AppError("NOT_FOUND");
  const unit = withFormerNames(found);
  const assignments = await db.assignment.findMany({
    where: { unitId, item: { archivedAt: null } },
    orderBy: [
      { item: { plan: { sortOrder: "asc" } } },
      { item: { parentId: { sort: "asc", nulls: "first" } } },
      { item: { position: "asc" } },
    ],
    include: {
      item: {
        select: {
          id: true,
          kind: true,
          number: true,
          title: true,
          dueDate: true,
          plan: { select: { code: true, shortTitle: true, title: true } },
          parent: { select: { id: true, number: true, title: true } },
          children: {
            where: { archivedAt: null },
            orderBy: { position: "asc" },
            select: { id: true, kind: true, number: true, title: true },
          },
        },
      },
    },
  });
  return { unit, assignments };
}

export interface DivisionFilter {
  plan?: string;
  section?: number;
  unit?: number;
  role?: AssignmentRole;
  /** 含各区实施方案: include the items of district plans (a plan filter naming a district plan includes it anyway). */
  districts?: boolean;
}

/**
 * The plans the division table covers: the one asked for, or every plan but the district plans —
 * with them when asked, their drafts excepted (a draft is its editors' business).
 */
function divisionPlans(filter: DivisionFilter): Prisma.PlanWhereInput {
  if (filter.plan) return { code: filter.plan };
  return filter.districts ? { OR: [{ kind: { not: "DISTRICT" } }, { status: { not: "DRAFT" } }] } : { kind: { not: "DISTRICT" } };
}

export interface DivisionRow {
  itemId: number;
  plan: string;
  planCode: string;
  section: string;
  number: string;
  title: string;
  lead: string[];
  support: string[];
  dueDate: Date | null;
  /** The filtered unit's role on this row, when filtering by unit. */
  unitRole: AssignmentRole | null;
  notes: string[];
}

function divisionWhere(reader: Actor, filter: DivisionFilter): Prisma.PlanItemWhereInput {
  const unitCondition: Prisma.AssignmentListRelationFilter | undefined = filter.unit
    ? { some: { unitId: filter.unit, ...(filter.role ? { role: filter.role } : {}) } }
    : filter.role
      ? { some: { role: filter.role } }
      : undefined;
  return {
    archivedAt: null,
    assignments: unitCondition ?? { some: {} },
    // Drafts only for those who may edit them.
    plan: { AND: [divisionPlans(filter), visiblePlans(reader)] },
    ...(filter.section ? { OR: [{ id: filter.section }, { parentId: filter.section }, { parent: { parentId: filter.section } }] } : {}),
  };
}

const divisionItemSelect = { id: true, kind: true, planId: true, parentId: true, position: true } as const;

/**
 * The ids of the division table's rows in document order: each section, then the work items under
 * it (by measure, then position); district plans after the city's own, each in one block. Reads
 * only the items' keys (and their parents' and grandparents' in chunks), never their texts.
 */
async function divisionOrder(reader: Actor, filter: DivisionFilter): Promise<number[]> {
  // The plans it covers (a handful), so the items are found through their plan index; for one unit,
  // through the unit's assignments instead (its index), then its items in chunks.
  const plans = await db.plan.findMany({
    where: { AND: [divisionPlans(filter), visiblePlans(reader)] },
    select: { id: true, kind: true, sortOrder: true },
  });
  const planOf = new Map(plans.map((plan) => [plan.id, plan]));
  const where = { ...divisionWhere(reader, filter), planId: { in: [...planOf.keys()] } };
  const items = filter.unit
    ? await readInChunks(
        (
          await db.assignment.findMany({
            where: { unitId: filter.unit, ...(filter.role ? { role: filter.role } : {}) },
            select: { itemId: true },
          })
        ).map((assignment) => assignment.itemId),
        (ids) => db.planItem.findMany({ where: { ...where, id: { in: ids } }, select: divisionItemSelect }),
      )
    : await db.planItem.findMany({ where, select: divisionItemSelect });
  const ancestors = new Map<number, { id: number; kind: PlanItemKind; parentId: number | null; position: number }>();
  // Parents, then grandparents (a work item's section sits two levels up), in chunks of ids.
  const readAncestors = async (ids: (number | null)[]) => {
    const wanted = [...new Set(ids)].filter((id): id is number => id !== null && !ancestors.has(id));
    const found = await readInChunks(wanted, (chunk) => db.planItem.findMany({ where: { id: { in: chunk } }, select: divisionItemSelect }));
    for (const item of found) ancestors.set(item.id, item);
    return found;
  };
  await readAncestors((await readAncestors(items.map((item) => item.parentId))).map((parent) => parent.parentId));
  const sortKey = (item: (typeof items)[number]) => {
    const parent = item.parentId === null ? undefined : ancestors.get(item.parentId);
    const grandparent = parent?.parentId ? ancestors.get(parent.parentId) : undefined;
    const sectionId = item.kind === "SECTION" ? item.id : parent?.kind === "SECTION" ? parent.id : (grandparent?.id ?? item.id);
    const measurePosition = parent?.kind === "MEASURE" ? parent.position : 0;
    const plan = planOf.get(item.planId);
    const district = plan?.kind === "DISTRICT" ? 1 : 0;
    return [
      district,
      plan?.sortOrder ?? 0,
      district ? item.planId : 0,
      sectionId,
      item.kind === "SECTION" ? 0 : 1,
      measurePosition,
      item.position,
      item.id,
    ];
  };
  const compare = (a: number[], b: number[]) => a.reduce((result, value, index) => result || value - b[index]!, 0);
  const keyed = items.map((item) => ({ id: item.id, key: sortKey(item) }));
  return keyed.sort((a, b) => compare(a.key, b.key)).map((entry) => entry.id);
}

/** The division table's rows for the given item ids, in their order; read in chunks of ids. */
async function divisionRows(ids: number[], filter: DivisionFilter): Promise<DivisionRow[]> {
  const [items, assignments] = await Promise.all([
    readInChunks(ids, (chunk) =>
      db.planItem.findMany({
        where: { id: { in: chunk } },
        include: {
          plan: { select: { code: true, shortTitle: true } },
          parent: {
            select: {
              id: true,
              number: true,
              title: true,
              kind: true,
              parent: { select: { id: true, number: true, title: true, kind: true } },
            },
          },
        },
      }),
    ),
    // The assignments in a query of their own per chunk: as an `include` over every item they would
    // be fetched with one bound parameter per item, which SQLite refuses past its limit.
    readInChunks(ids, (chunk) =>
      db.assignment.findMany({ where: { itemId: { in: chunk } }, include: assignmentInclude, orderBy: assignmentOrder }),
    ),
  ]);
  const itemOf = new Map(items.map((item) => [item.id, item]));
  const assignmentsOf = new Map<number, typeof assignments>();
  for (const assignment of assignments) {
    const list = assignmentsOf.get(assignment.itemId) ?? [];
    list.push(assignment);
    assignmentsOf.set(assignment.itemId, list);
  }
  // The column shows where the row sits: a section's part, a work item's section.
  const sectionLabel = (item: (typeof items)[number]) => {
    if (item.kind === "SECTION") return item.parent ? `${item.parent.number ?? ""}${item.parent.title}` : "";
    const section = item.parent?.kind === "SECTION" ? item.parent : item.parent?.parent?.kind === "SECTION" ? item.parent.parent : null;
    return section ? `${section.number ?? ""}${section.title}` : "";
  };
  return ids.flatMap((id) => {
    const item = itemOf.get(id);
    if (!item) return [];
    const itemAssignments = assignmentsOf.get(item.id) ?? [];
    return [
      {
        itemId: item.id,
        plan: item.plan.shortTitle,
        planCode: item.plan.code,
        section: sectionLabel(item),
        number: item.number ?? "",
        title: item.title,
        lead: itemAssignments.filter((a) => a.role === "LEAD").map((a) => unitNameAsPrinted(a.unit.name, a.printedName)),
        support: itemAssignments.filter((a) => a.role === "SUPPORT").map((a) => unitNameAsPrinted(a.unit.name, a.printedName)),
        dueDate: item.dueDate,
        unitRole: filter.unit ? (itemAssignments.find((a) => a.unitId === filter.unit)?.role ?? null) : null,
        notes: itemAssignments.filter((a) => a.note).map((a) => `${a.unit.name}：${a.note}`),
      },
    ];
  });
}

/**
 * 工作分工表: one row per assigned item (sections of the master plan, work items), with its lead and
 * supporting units — every row (the export's and the tests' view), read in chunks.
 */
export async function getDivisionTable(actor: Actor | null, filter: DivisionFilter): Promise<DivisionRow[]> {
  const reader = await authorize(actor, PLAN_OPERATIONS.readDivision);
  return divisionRows(await divisionOrder(reader, filter), filter);
}

/**
 * One page of the division table (/division): the rows' order comes from their keys alone, and
 * only the page's PAGE_SIZE rows are read in full. `offset` numbers the rows across pages.
 */
export async function getDivisionPage(actor: Actor | null, filter: DivisionFilter, page = 1) {
  const reader = await authorize(actor, PLAN_OPERATIONS.readDivision);
  const order = await divisionOrder(reader, filter);
  const pageCount = Math.max(1, Math.ceil(order.length / PAGE_SIZE));
  const request = { page: Math.min(page, pageCount), size: PAGE_SIZE };
  const info = pageInfo(request, { total: order.length, capped: false });
  const { skip, take } = pageWindow(request);
  return { rows: await divisionRows(order.slice(skip, skip + take), filter), info, offset: skip };
}

/**
 * The division table as a file: its rows and the name of the unit it is filtered to, with
 * the export itself recorded in the audit trail.
 */
export async function exportDivisionTable(actor: Actor | null, filter: DivisionFilter, format: "xlsx" | "csv") {
  const exporter = await authorize(actor, PLAN_OPERATIONS.exportDivision);
  const rows = await getDivisionTable(exporter, filter);
  const [unit, plans] = await Promise.all([
    filter.unit ? db.unit.findUnique({ where: { id: filter.unit }, select: { name: true } }) : null,
    // What the file covers, stated in it: every plan the filter admits, in the table's order.
    db.plan.findMany({
      where: divisionPlans(filter),
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { title: true, shortTitle: true, kind: true },
    }),
  ]);
  await audit({
    ...auditTarget(PLAN_OPERATIONS.exportDivision),
    result: "SUCCESS",
    actor: exporter,
    details: { format, filter, rows: rows.length },
  });
  const covered = [...plans.filter((plan) => plan.kind !== "DISTRICT"), ...plans.filter((plan) => plan.kind === "DISTRICT")];
  return { rows, unitName: unit?.name ?? null, plans: covered.map((plan) => plan.title), districts: filter.districts === true };
}

/** Sections of a plan, for the division table's filter. */
export async function listSections(actor: Actor | null, planCode?: string) {
  const reader = await authorize(actor, PLAN_OPERATIONS.readPlan);
  return db.planItem.findMany({
    where: { kind: "SECTION", plan: { ...visiblePlans(reader), ...(planCode ? { code: planCode } : {}) } },
    orderBy: [{ plan: { sortOrder: "asc" } }, { parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }],
    select: { id: true, number: true, title: true, plan: { select: { code: true, shortTitle: true } } },
  });
}
