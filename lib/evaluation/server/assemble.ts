import "server-only";
import { db } from "@/lib/core/db";
import { clientProvider, type DatabaseProvider } from "@/lib/core/db/provider";
import { AppError } from "@/lib/core/errors";
import { shanghaiDate } from "@/lib/core/time";
import { Prisma } from "@/lib/generated/prisma/client";
import { expectedValue, headlineTarget } from "@/lib/indicators/series";
import { reportLight } from "@/lib/reporting/server/rounds";
import {
  PROGRESS_STATUSES,
  targetMet,
  type ChaseLevelKey,
  type EvaluationFigures,
  type EvaluationStatusKey,
  type EvidenceRow,
  type IndicatorFigures,
  type LightKey,
  type MeasureFigures,
  type OutputTotal,
  type ProblemRow,
  type RoundFigures,
  type SectionFigures,
  type UnitOverall,
  type UnitReporting,
} from "@/lib/evaluation/figures";
import { ratingSummaryBySection } from "@/lib/feedback/server/ratings";

/**
 * Assembles a plan's summary evaluation from the database: a handful of grouped SQL queries over
 * the plan's reports (per section, measure, round, unit), never report rows loaded into JavaScript.
 * The only row lists are bounded: the newest PROBLEMS_PER_MEASURE open problems and
 * EVIDENCE_PER_MEASURE attachments per measure (with the totals counted in SQL).
 *
 * A report's section is its item, the item's parent or grandparent of kind SECTION or SAFEGUARD
 * (else its top-level ancestor); its measure the item or its parent of kind MEASURE (else none:
 * reports on the section's own item). The SQL is portable (CTEs, window functions, CASE, quoted
 * identifiers); the one date comparison differs per provider (inTime below).
 */

export const PROBLEMS_PER_MEASURE = 10;
export const EVIDENCE_PER_MEASURE = 200;

const DAY = 24 * 60 * 60 * 1000;

/** A report submitted before the end of its round's deadline day: SQLite compares julianday() of its text dates, PostgreSQL timestamps. */
function inTime(provider: DatabaseProvider) {
  return provider === "postgresql"
    ? Prisma.sql`"submittedAt" < "deadline" + INTERVAL '1 day'`
    : Prisma.sql`julianday("submittedAt") < julianday("deadline") + 1`;
}

const placed = (planId: number) => Prisma.sql`
  WITH "placed" AS (
    SELECT r."id", r."itemId", r."unitId", r."roundId", r."role", r."state", r."status", r."completion",
      r."eventsHeld", r."peopleReached", r."submittedAt", r."isDemo", g."deadline",
      CASE WHEN TRIM(r."problems") <> '' THEN 1 ELSE 0 END AS "hasProblems",
      COALESCE(
        CASE WHEN i."kind" IN ('SECTION', 'SAFEGUARD') THEN i."id" WHEN p."kind" IN ('SECTION', 'SAFEGUARD') THEN p."id"
          WHEN q."kind" IN ('SECTION', 'SAFEGUARD') THEN q."id" END,
        CASE WHEN i."parentId" IS NULL THEN i."id" WHEN p."parentId" IS NULL THEN p."id" ELSE q."id" END
      ) AS "sectionId",
      CASE WHEN i."kind" = 'MEASURE' THEN i."id" WHEN p."kind" = 'MEASURE' THEN p."id" END AS "measureId"
    FROM "ProgressReport" r
    JOIN "PlanItem" i ON i."id" = r."itemId"
    JOIN "ReportingRound" g ON g."id" = r."roundId"
    LEFT JOIN "PlanItem" p ON p."id" = i."parentId"
    LEFT JOIN "PlanItem" q ON q."id" = p."parentId"
    WHERE i."planId" = ${planId}
  )`;

type N = number | bigint | null;
const num = (value: N | undefined) => (value === null || value === undefined ? 0 : Number(value));
const idOf = (value: N | undefined) => (value === null || value === undefined ? null : Number(value));
const measureKey = (sectionId: number, measureId: number | null) => `${sectionId}:${measureId ?? "-"}`;

interface StatusRow {
  sectionId: N;
  measureId: N;
  roundId: N;
  state: string;
  status: string | null;
  n: N;
  completionSum: N;
  completionCount: N;
  events: N;
  people: N;
  demo: N;
}

interface OutputRow {
  sectionId: N;
  measureId: N;
  unit: string;
  value: N;
}

interface UnitRow {
  sectionId: N;
  measureId: N;
  unitId: N;
  roundId: N;
  lead: N;
  owed: N;
  onTime: N;
  submitted: N;
  approved: N;
}

interface ReturnedRow {
  sectionId: N;
  measureId: N;
  unitId: N;
  n: N;
}

interface ProblemSqlRow {
  sectionId: N;
  measureId: N;
  total: N;
  problems: string;
  isDemo: boolean | number | bigint;
  unit: string;
  item: string;
  round: string;
}

interface EvidenceSqlRow {
  sectionId: N;
  measureId: N;
  total: N;
  fileName: string;
  unit: string;
  round: string;
  item: string;
}

async function groupedFigures(planId: number) {
  const provider = clientProvider(db);
  const base = placed(planId);
  return Promise.all([
    db.$queryRaw<StatusRow[]>`${base}
      SELECT "sectionId", "measureId", "roundId", "state", "status", COUNT(*) AS "n",
        SUM("completion") AS "completionSum", COUNT("completion") AS "completionCount",
        SUM("eventsHeld") AS "events", SUM("peopleReached") AS "people",
        SUM(CASE WHEN "isDemo" THEN 1 ELSE 0 END) AS "demo"
      FROM "placed"
      GROUP BY "sectionId", "measureId", "roundId", "state", "status"`,
    db.$queryRaw<OutputRow[]>`${base}
      SELECT pl."sectionId", pl."measureId", o."unit", SUM(o."value") AS "value"
      FROM "placed" pl JOIN "ReportOutput" o ON o."reportId" = pl."id"
      WHERE pl."state" = 'APPROVED'
      GROUP BY pl."sectionId", pl."measureId", o."unit"`,
    db.$queryRaw<UnitRow[]>`${base}
      SELECT "sectionId", "measureId", "unitId", "roundId",
        MAX(CASE WHEN "role" = 'LEAD' THEN 1 ELSE 0 END) AS "lead", COUNT(*) AS "owed",
        SUM(CASE WHEN "submittedAt" IS NOT NULL AND ${inTime(provider)} THEN 1 ELSE 0 END) AS "onTime",
        SUM(CASE WHEN "submittedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "submitted",
        SUM(CASE WHEN "state" = 'APPROVED' THEN 1 ELSE 0 END) AS "approved"
      FROM "placed"
      GROUP BY "sectionId", "measureId", "unitId", "roundId"`,
    db.$queryRaw<ReturnedRow[]>`${base}
      SELECT pl."sectionId", pl."measureId", pl."unitId", COUNT(*) AS "n"
      FROM "placed" pl JOIN "ReportEvent" e ON e."reportId" = pl."id"
      WHERE e."type" = 'RETURNED'
      GROUP BY pl."sectionId", pl."measureId", pl."unitId"`,
    db.$queryRaw<ProblemSqlRow[]>`${base},
      "latest" AS (
        SELECT pl."id", pl."sectionId", pl."measureId", pl."status", pl."hasProblems", pl."deadline",
          ROW_NUMBER() OVER (PARTITION BY pl."itemId", pl."unitId" ORDER BY pl."deadline" DESC, pl."roundId" DESC) AS "rank"
        FROM "placed" pl WHERE pl."state" = 'APPROVED'
      ),
      "open" AS (
        SELECT l."id", l."sectionId", l."measureId",
          ROW_NUMBER() OVER (PARTITION BY l."sectionId", l."measureId" ORDER BY l."deadline" DESC, l."id") AS "k",
          COUNT(*) OVER (PARTITION BY l."sectionId", l."measureId") AS "total"
        FROM "latest" l
        WHERE l."rank" = 1 AND l."hasProblems" = 1 AND (l."status" IS NULL OR l."status" <> 'COMPLETED')
      )
      SELECT o."sectionId", o."measureId", o."total", r."problems", r."isDemo", u."name" AS "unit", i."title" AS "item", g."name" AS "round"
      FROM "open" o
      JOIN "ProgressReport" r ON r."id" = o."id"
      JOIN "Unit" u ON u."id" = r."unitId"
      JOIN "PlanItem" i ON i."id" = r."itemId"
      JOIN "ReportingRound" g ON g."id" = r."roundId"
      WHERE o."k" <= ${PROBLEMS_PER_MEASURE}
      ORDER BY o."sectionId", o."measureId", o."k"`,
    db.$queryRaw<EvidenceSqlRow[]>`${base},
      "evidence" AS (
        SELECT a."id", pl."sectionId", pl."measureId",
          ROW_NUMBER() OVER (PARTITION BY pl."sectionId", pl."measureId" ORDER BY pl."deadline" DESC, a."id") AS "k",
          COUNT(*) OVER (PARTITION BY pl."sectionId", pl."measureId") AS "total"
        FROM "placed" pl JOIN "Attachment" a ON a."reportId" = pl."id"
        WHERE pl."state" = 'APPROVED'
      )
      SELECT ev."sectionId", ev."measureId", ev."total", a."fileName", u."name" AS "unit", g."name" AS "round", i."title" AS "item"
      FROM "evidence" ev
      JOIN "Attachment" a ON a."id" = ev."id"
      JOIN "ProgressReport" r ON r."id" = a."reportId"
      JOIN "Unit" u ON u."id" = r."unitId"
      JOIN "ReportingRound" g ON g."id" = r."roundId"
      JOIN "PlanItem" i ON i."id" = r."itemId"
      WHERE ev."k" <= ${EVIDENCE_PER_MEASURE}
      ORDER BY ev."sectionId", ev."measureId", ev."k"`,
  ]);
}

function emptyStatuses(): Record<EvaluationStatusKey, number> {
  return { NOT_STARTED: 0, ON_TRACK: 0, BEHIND: 0, COMPLETED: 0, BLOCKED: 0 };
}

function addOutput(into: OutputTotal[], unit: string, value: number) {
  const existing = into.find((output) => output.unit === unit);
  if (existing) existing.value += value;
  else into.push({ unit, value });
}

async function indicatorFigures(plan: { id: number; startYear: number; endYear: number }): Promise<IndicatorFigures[]> {
  const indicators = await db.indicator.findMany({
    where: { OR: [{ planId: plan.id }, { targets: { some: { planId: plan.id } } }] },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    include: { targets: { orderBy: { year: "asc" } } },
  });
  return Promise.all(
    indicators.map(async (indicator) => {
      const latest = await db.indicatorValue.findFirst({
        where: { indicatorId: indicator.id, districtId: null },
        orderBy: { year: "desc" },
        select: { year: true, value: true, source: true, method: true, isDemo: true },
      });
      const target = headlineTarget(indicator.targets, plan);
      const baseline =
        indicator.baselineYear !== null && indicator.baselineValue !== null
          ? { year: indicator.baselineYear, value: indicator.baselineValue, text: indicator.baselineText, source: indicator.baselineSource }
          : null;
      const expected: { year: number; value: number }[] = [];
      if (baseline) {
        for (let year = plan.startYear; year <= plan.endYear; year++) {
          const value = expectedValue(baseline, indicator.targets, year);
          if (value !== null) expected.push({ year, value });
        }
      }
      return {
        id: indicator.id,
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        demo: indicator.isDemo,
        baseline,
        target: target ? { year: target.year, value: target.value, comparator: target.comparator, text: target.text } : null,
        latest: latest
          ? { year: latest.year, value: latest.value, source: latest.source, method: latest.method, demo: latest.isDemo }
          : null,
        met: latest && target ? targetMet(latest.value, target) : null,
        targets: indicator.targets.map((t) => ({ year: t.year, value: t.value, comparator: t.comparator, text: t.text })),
        expected,
      };
    }),
  );
}

/** Everything a summary evaluation of the plan shows, as of `now`. No permission check: the data layer calling it does that. */
export async function assembleEvaluation(planId: number, now = new Date()): Promise<EvaluationFigures> {
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: { id: true, code: true, title: true, shortTitle: true, startYear: true, endYear: true },
  });
  if (!plan) throw new AppError("NOT_FOUND");
  const [items, assignments, [statusRows, outputRows, unitRows, returnedRows, problemRows, evidenceRows], indicators, ratings] =
    await Promise.all([
      db.planItem.findMany({
        where: { planId, kind: { in: ["PART", "SECTION", "SAFEGUARD", "MEASURE"] } },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, parentId: true, number: true, title: true, archivedAt: true },
      }),
      db.assignment.findMany({
        where: { item: { planId, kind: { in: ["SECTION", "SAFEGUARD", "MEASURE"] } } },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { itemId: true, unitId: true, role: true },
      }),
      groupedFigures(planId),
      indicatorFigures(plan),
      ratingSummaryBySection(planId),
    ]);

  const roundIds = [...new Set(statusRows.map((row) => num(row.roundId)))];
  const [rounds, chaseRows] = await Promise.all([
    db.reportingRound.findMany({
      where: { id: { in: roundIds } },
      orderBy: [{ deadline: "asc" }, { id: "asc" }],
      select: { id: true, name: true, period: true, deadline: true, isDemo: true },
    }),
    db.chase.groupBy({ by: ["unitId", "level"], where: { roundId: { in: roundIds } }, _count: { _all: true } }),
  ]);
  const roundById = new Map(rounds.map((round) => [round.id, round]));

  // The tree: parts, sections (with the reports' fallback top-level items), measures.
  const byId = new Map(items.map((item) => [item.id, item]));
  const sectionIds = new Set(items.filter((item) => item.kind === "SECTION" || item.kind === "SAFEGUARD").map((item) => item.id));
  for (const row of statusRows) sectionIds.add(num(row.sectionId));
  const missing = [...sectionIds].filter((id) => !byId.has(id));
  if (missing.length) {
    const extra = await db.planItem.findMany({
      where: { id: { in: missing } },
      select: { id: true, kind: true, parentId: true, number: true, title: true, archivedAt: true },
    });
    for (const item of extra) byId.set(item.id, item);
  }
  const order = (id: number) => {
    const item = byId.get(id);
    const parent = item?.parentId ? byId.get(item.parentId) : undefined;
    return [items.indexOf(parent as (typeof items)[number]), items.indexOf(item as (typeof items)[number])];
  };
  const orderedSections = [...sectionIds]
    .filter((id) => byId.has(id))
    .sort((a, b) => {
      const [pa, ia] = order(a);
      const [pb, ib] = order(b);
      return pa! - pb! || ia! - ib! || a - b;
    });

  const unitIds = new Set<number>();
  for (const row of unitRows) unitIds.add(num(row.unitId));
  for (const assignment of assignments) unitIds.add(assignment.unitId);
  const units = await db.unit.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, name: true, sortOrder: true } });
  const unitName = new Map(units.map((unit) => [unit.id, unit.name]));
  const unitOrder = new Map(units.map((unit) => [unit.id, unit.sortOrder]));

  const measures = new Map<string, MeasureFigures>();
  const measureOf = (sectionId: number, measureId: number | null): MeasureFigures => {
    const key = measureKey(sectionId, measureId);
    let measure = measures.get(key);
    if (!measure) {
      const item = measureId === null ? null : byId.get(measureId);
      measure = {
        id: measureId,
        number: item?.number ?? "",
        title: item ? item.title : "直接对应本部分的任务",
        approvedReports: 0,
        eventsHeld: 0,
        peopleReached: 0,
        outputs: [],
        units: [],
        problems: [],
        problemsTotal: 0,
        evidence: [],
        evidenceTotal: 0,
      };
      measures.set(key, measure);
    }
    return measure;
  };
  // Every measure of a section is listed, reported on or not (archived ones only when they have reports).
  for (const item of items) {
    if (item.kind === "MEASURE" && item.archivedAt === null && item.parentId !== null && sectionIds.has(item.parentId)) {
      measureOf(item.parentId, item.id);
    }
  }

  // A light depends only on the round's deadline, the state and the status: worked out once per combination.
  const lights = new Map<string, LightKey | null>();
  const lightOf = (roundId: number, state: string, status: string | null): LightKey | null => {
    const key = `${roundId}:${state}:${status ?? ""}`;
    if (!lights.has(key)) {
      const deadline = roundById.get(roundId)?.deadline;
      lights.set(key, deadline ? (reportLight({ state, status, submittedAt: null }, deadline, now).light as LightKey) : null);
    }
    return lights.get(key)!;
  };
  const sectionRounds = new Map<number, Map<number, RoundFigures & { completionSum: number; completionCount: number }>>();
  let demo = rounds.some((round) => round.isDemo);
  for (const row of statusRows) {
    const sectionId = num(row.sectionId);
    const roundId = num(row.roundId);
    const n = num(row.n);
    if (num(row.demo) > 0) demo = true;
    const measure = measureOf(sectionId, idOf(row.measureId));
    const perRound = sectionRounds.get(sectionId) ?? new Map();
    sectionRounds.set(sectionId, perRound);
    const round = perRound.get(roundId) ?? {
      roundId,
      reports: 0,
      approved: 0,
      averageCompletion: null,
      statuses: emptyStatuses(),
      lights: { RED: 0, YELLOW: 0, GREEN: 0 },
      completionSum: 0,
      completionCount: 0,
    };
    perRound.set(roundId, round);
    round.reports += n;
    const light = lightOf(roundId, row.state, row.status);
    if (light) round.lights[light] += n;
    if (row.state === "APPROVED") {
      round.approved += n;
      round.completionSum += num(row.completionSum);
      round.completionCount += num(row.completionCount);
      if (row.status && (PROGRESS_STATUSES as readonly string[]).includes(row.status))
        round.statuses[row.status as EvaluationStatusKey] += n;
      measure.approvedReports += n;
      measure.eventsHeld += num(row.events);
      measure.peopleReached += num(row.people);
    }
  }
  for (const row of outputRows) addOutput(measureOf(num(row.sectionId), idOf(row.measureId)).outputs, row.unit, num(row.value));

  // How each unit reported on each measure; obligations of rounds not yet due are not counted as missed.
  const reporting = new Map<string, UnitReporting>();
  const overall = new Map<number, UnitOverall>();
  const overallOf = (unitId: number) => {
    let row = overall.get(unitId);
    if (!row) {
      row = {
        unitId,
        name: unitName.get(unitId) ?? "",
        owed: 0,
        onTime: 0,
        late: 0,
        notSubmitted: 0,
        returned: 0,
        chases: { REMIND: 0, URGE: 0, SUPERVISE: 0 },
      };
      overall.set(unitId, row);
    }
    return row;
  };
  const reportingOf = (sectionId: number, measureId: number | null, unitId: number) => {
    const key = `${measureKey(sectionId, measureId)}:${unitId}`;
    let row = reporting.get(key);
    if (!row) {
      row = {
        unitId,
        name: unitName.get(unitId) ?? "",
        role: null,
        owed: 0,
        onTime: 0,
        late: 0,
        notSubmitted: 0,
        approved: 0,
        returned: 0,
      };
      reporting.set(key, row);
      measureOf(sectionId, measureId).units.push(row);
    }
    return row;
  };
  for (const assignment of assignments) {
    const item = byId.get(assignment.itemId);
    if (item?.kind === "MEASURE" && item.parentId !== null && sectionIds.has(item.parentId)) {
      reportingOf(item.parentId, item.id, assignment.unitId).role = assignment.role;
    } else if (item && sectionIds.has(item.id)) {
      reportingOf(item.id, null, assignment.unitId).role = assignment.role;
    }
  }
  for (const row of unitRows) {
    const unitId = num(row.unitId);
    const target = reportingOf(num(row.sectionId), idOf(row.measureId), unitId);
    target.role ??= num(row.lead) > 0 ? "LEAD" : "SUPPORT";
    const deadline = roundById.get(num(row.roundId))?.deadline;
    const due = deadline !== undefined && now.getTime() >= deadline.getTime() + DAY;
    const submitted = num(row.submitted);
    const onTime = num(row.onTime);
    const owed = due ? num(row.owed) : submitted;
    const counts = { owed, onTime, late: submitted - onTime, notSubmitted: owed - submitted };
    const total = overallOf(unitId);
    for (const key of ["owed", "onTime", "late", "notSubmitted"] as const) {
      target[key] += counts[key];
      total[key] += counts[key];
    }
    target.approved += num(row.approved);
  }
  for (const row of returnedRows) {
    const unitId = num(row.unitId);
    reportingOf(num(row.sectionId), idOf(row.measureId), unitId).returned += num(row.n);
    overallOf(unitId).returned += num(row.n);
  }
  for (const row of chaseRows) {
    if (overall.has(row.unitId)) overallOf(row.unitId).chases[row.level as ChaseLevelKey] += row._count._all;
  }
  for (const row of problemRows) {
    const measure = measureOf(num(row.sectionId), idOf(row.measureId));
    measure.problemsTotal = num(row.total);
    const problem: ProblemRow = {
      unit: row.unit,
      item: row.item,
      round: row.round,
      text: row.problems.trim(),
      demo: Boolean(Number(row.isDemo)),
    };
    measure.problems.push(problem);
  }
  for (const row of evidenceRows) {
    const measure = measureOf(num(row.sectionId), idOf(row.measureId));
    measure.evidenceTotal = num(row.total);
    const evidence: EvidenceRow = { fileName: row.fileName, unit: row.unit, round: row.round, item: row.item };
    measure.evidence.push(evidence);
  }

  const byUnitOrder = (a: { unitId: number; role?: string | null }, b: { unitId: number; role?: string | null }) =>
    (a.role === "LEAD" ? 0 : 1) - (b.role === "LEAD" ? 0 : 1) ||
    (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) ||
    a.unitId - b.unitId;
  const roundOrder = new Map(rounds.map((round, index) => [round.id, index]));
  const sections: SectionFigures[] = orderedSections.map((sectionId) => {
    const item = byId.get(sectionId)!;
    const part = item.parentId ? byId.get(item.parentId) : undefined;
    const sectionMeasures = [...measures.entries()]
      .filter(([key]) => key.startsWith(`${sectionId}:`))
      .map(([, measure]) => measure)
      .sort((a, b) =>
        a.id === null ? -1 : b.id === null ? 1 : items.findIndex((i) => i.id === a.id) - items.findIndex((i) => i.id === b.id),
      );
    for (const measure of sectionMeasures) {
      measure.units.sort(byUnitOrder);
      measure.outputs.sort((a, b) => a.unit.localeCompare(b.unit, "zh-CN"));
    }
    const outputs: OutputTotal[] = [];
    for (const measure of sectionMeasures) for (const output of measure.outputs) addOutput(outputs, output.unit, output.value);
    const roles = sectionMeasures.flatMap((measure) => measure.units);
    const lead = new Set(roles.filter((unit) => unit.role === "LEAD").map((unit) => unit.unitId));
    const support = new Set(roles.filter((unit) => unit.role !== "LEAD").map((unit) => unit.unitId));
    const perRound = [...(sectionRounds.get(sectionId)?.values() ?? [])]
      .sort((a, b) => (roundOrder.get(a.roundId) ?? 0) - (roundOrder.get(b.roundId) ?? 0))
      .map(({ completionSum, completionCount, ...round }) => ({
        ...round,
        averageCompletion: completionCount ? Math.round(completionSum / completionCount) : null,
      }));
    const rating = ratings.get(sectionId);
    return {
      id: sectionId,
      number: item.number ?? "",
      title: item.title,
      part: part && part.kind === "PART" ? `${part.number ?? ""}${part.title}` : "",
      measureCount: sectionMeasures.filter((measure) => measure.id !== null).length,
      leadUnits: lead.size,
      supportUnits: support.size,
      approvedReports: sectionMeasures.reduce((sum, measure) => sum + measure.approvedReports, 0),
      eventsHeld: sectionMeasures.reduce((sum, measure) => sum + measure.eventsHeld, 0),
      peopleReached: sectionMeasures.reduce((sum, measure) => sum + measure.peopleReached, 0),
      outputs,
      measures: sectionMeasures,
      rounds: perRound,
      rating:
        rating && rating.count > 0 && rating.average !== null
          ? { count: rating.count, average: Math.round(rating.average * 100) / 100, comments: rating.comments }
          : null,
    };
  });

  const totalOutputs: OutputTotal[] = [];
  for (const section of sections) for (const output of section.outputs) addOutput(totalOutputs, output.unit, output.value);
  const indicatorsDemo = indicators.some((indicator) => indicator.latest?.demo);
  return {
    schema: 1,
    assembledAt: now.toISOString(),
    plan,
    demo: demo || indicatorsDemo,
    totals: {
      sectionCount: sections.length,
      measureCount: sections.reduce((sum, section) => sum + section.measureCount, 0),
      approvedReports: sections.reduce((sum, section) => sum + section.approvedReports, 0),
      eventsHeld: sections.reduce((sum, section) => sum + section.eventsHeld, 0),
      peopleReached: sections.reduce((sum, section) => sum + section.peopleReached, 0),
      outputs: totalOutputs.sort((a, b) => a.unit.localeCompare(b.unit, "zh-CN")),
    },
    rounds: rounds.map((round) => ({
      id: round.id,
      name: round.name,
      period: round.period,
      deadline: shanghaiDate(round.deadline),
      demo: round.isDemo,
    })),
    sections,
    units: [...overall.values()].sort(byUnitOrder),
    indicators,
    ratingsAvailable: true,
  };
}
