import "server-only";
import { REPORTING_STAMP } from "@/lib/core/content-stamp";
import { stampedCache } from "@/lib/core/stamped-cache";
import type { Actor } from "@/lib/core/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { summarize, type Light, type LightSummary } from "@/lib/reporting/traffic-light";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { clientProvider, type DatabaseProvider } from "@/lib/core/db/provider";
import { reportLight } from "@/lib/reporting/server/rounds";
import { OUTPUT_OPERATIONS } from "@/lib/outputs/operations";
import { expectedValue, headlineTarget } from "@/lib/indicators/series";
import { currentMasterPlanId } from "@/lib/plans/server/periods";
import { districtReports } from "@/lib/outputs/district-scope";

const DAY = 86_400_000;
const SUBMITTED = ["SUBMITTED", "APPROVED"];

export interface LiteracyPoint {
  year: number;
  actual: number | null;
  expected: number | null;
  target: number | null;
  demo: boolean;
}

export interface LiteracyOverview {
  name: string;
  baselineYear: number;
  baselineValue: number;
  /** The headline target: the current plan's own (or the last within its years). */
  targetYear: number;
  targetValue: number;
  comparator: string;
  /** Every target of the series, oldest first, with the plan that set it. */
  targets: { year: number; value: number; comparator: string; plan: string | null; current: boolean }[];
  points: LiteracyPoint[];
  latest: { year: number; value: number; demo: boolean } | null;
  /** Percentage points still missing to the target; 0 or less when reached. */
  gap: number | null;
  reached: boolean;
}

/**
 * The headline: actuals against the current plan's target, and the expected path from the
 * baseline through every target of the series (one series across plan periods).
 */
export async function literacyOverview(): Promise<LiteracyOverview | null> {
  const indicator = await db.indicator.findUnique({
    where: { code: "literacy-rate" },
    include: {
      targets: { orderBy: { year: "asc" }, include: { plan: { select: { id: true, shortTitle: true } } } },
      values: { where: { districtId: null }, orderBy: { year: "asc" } },
    },
  });
  if (!indicator || indicator.baselineYear === null || indicator.baselineValue === null) return null;
  const masterId = await currentMasterPlanId();
  const master =
    masterId === null ? null : await db.plan.findUnique({ where: { id: masterId }, select: { id: true, startYear: true, endYear: true } });
  const target = headlineTarget(indicator.targets, master);
  if (!target) return null;
  const baseline = { year: indicator.baselineYear, value: indicator.baselineValue };
  const lastYear = indicator.targets.at(-1)?.year ?? target.year;
  const points: LiteracyPoint[] = [];
  for (let year = indicator.baselineYear; year <= lastYear; year++) {
    const value = indicator.values.find((row) => row.year === year);
    points.push({
      year,
      actual: year === indicator.baselineYear ? indicator.baselineValue : (value?.value ?? null),
      expected: expectedValue(baseline, indicator.targets, year),
      target: indicator.targets.find((row) => row.year === year)?.value ?? null,
      demo: value?.isDemo ?? false,
    });
  }
  const latestValue = indicator.values.at(-1);
  const latest = latestValue
    ? { year: latestValue.year, value: latestValue.value, demo: latestValue.isDemo }
    : { year: indicator.baselineYear, value: indicator.baselineValue, demo: false };
  const gap = Math.round((target.value - latest.value) * 10) / 10;
  const reached = target.comparator === "GT" ? latest.value > target.value : latest.value >= target.value;
  return {
    name: indicator.name,
    baselineYear: indicator.baselineYear,
    baselineValue: indicator.baselineValue,
    targetYear: target.year,
    targetValue: target.value,
    comparator: target.comparator,
    targets: indicator.targets.map((row) => ({
      year: row.year,
      value: row.value,
      comparator: row.comparator,
      plan: row.plan?.shortTitle ?? null,
      current: row.id === target.id,
    })),
    points,
    latest,
    gap,
    reached,
  };
}

export interface GroupRow {
  id: number;
  name: string;
  summary: LightSummary;
  counts: Record<Light, number>;
  reports: number;
  submitted: number;
  averageCompletion: number | null;
}

const OVERDUE_STATES = ["OWED", "DRAFT"] as const;

/** How many approved reports the bulletin suggests as highlights when CAST picks none: the first of `approved`. */
export const SUGGESTED_HIGHLIGHTS = 3;
/** The dashboard offers this many approved reports (largest outputs first) as highlight candidates. */
export const HIGHLIGHT_CANDIDATES = 50;
/** Each unit in 逾期与退回 lists at most this many of its reports, then links to its full (paged) list. */
export const ATTENTION_REPORTS_PER_UNIT = 5;
/** At most this many overdue and returned reports are read for the list (the counts come from grouped queries). */
export const ATTENTION_REPORTS = 200;

/** A unit with overdue or returned reports in the round, and those reports. */
export interface AttentionUnit {
  unitId: number;
  name: string;
  overdue: number;
  returned: number;
  /** At most ATTENTION_REPORTS_PER_UNIT of them; `overdue + returned` says how many there are in all. */
  reports: { id: number; state: string; isDemo: boolean; item: { number: string | null; title: string } }[];
}

export interface DashboardFilter {
  roundId?: number;
  planCode?: string;
  /** A district government: only its obligations — its own reports and those on its district plan's items. */
  districtId?: number;
}

/** The newest value of an indicator measured for one district, or null when none is recorded. */
async function districtLiteracy(districtId: number) {
  const value = await db.indicatorValue.findFirst({
    where: { districtId, indicator: { code: "literacy-rate" } },
    orderBy: { year: "desc" },
    select: { year: true, value: true, isDemo: true },
  });
  return value ? { year: value.year, value: value.value, demo: value.isDemo } : null;
}

/**
 * Everything the leadership dashboard shows for one round, from grouped counts rather than
 * by loading every report: per population action, key project and unit, with lights.
 */
export async function getDashboard(actor: Actor | null, filter: DashboardFilter, now = new Date()) {
  await authorize(actor, OUTPUT_OPERATIONS.readDashboard, filter.roundId);
  return buildDashboard(filter, now);
}

/**
 * The dashboard page's copy: the same figures, kept per process and filter while the `reporting`
 * content stamp is unchanged (every write to reports, rounds, chasing, plans, units or indicators
 * moves it, in whichever process it is made) and for at most a minute (a deadline passing turns
 * reports late). Checked per viewer before any copy is served.
 */
export async function getDashboardForPage(actor: Actor | null, filter: DashboardFilter) {
  await authorize(actor, OUTPUT_OPERATIONS.readDashboard, filter.roundId);
  return dashboardCache.get(filter);
}

const dashboardCache = stampedCache(REPORTING_STAMP, (filter: DashboardFilter) => buildDashboard(filter, new Date()), {
  maxAgeMs: 60_000,
  keyOf: (filter) => JSON.stringify([filter.roundId ?? null, filter.planCode ?? null, filter.districtId ?? null]),
});

/** How many times this process built the dashboard page's figures (for tests). */
export function dashboardBuilds(): number {
  return dashboardCache.builds();
}

async function buildDashboard(filter: DashboardFilter, now: Date) {
  const rounds = await db.reportingRound.findMany({
    orderBy: [{ deadline: "desc" }, { id: "desc" }],
    select: { id: true, name: true, deadline: true, isDemo: true },
  });
  const round = rounds.find((candidate) => candidate.id === filter.roundId) ?? rounds[0] ?? null;
  // The district filter offers the district governments; any other id is left out, as a bad filter is.
  const districts = await db.unit.findMany({
    where: { type: "DISTRICT_GOVERNMENT", mergedIntoId: null },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  const district = districts.find((candidate) => candidate.id === filter.districtId) ?? null;
  const districtValue = district ? await districtLiteracy(district.id) : null;
  const [literacy, plans, master] = await Promise.all([
    literacyOverview(),
    db.plan.findMany({ orderBy: { sortOrder: "asc" }, select: { code: true, shortTitle: true } }),
    // The master plan CAST marked current (or the newest published one): its phases on the timeline.
    currentMasterPlanId().then((id) =>
      id === null ? null : db.plan.findUnique({ where: { id }, include: { phases: { orderBy: { position: "asc" } } } }),
    ),
  ]);
  if (!round) return { rounds, round: null, literacy, plans, master, districts, district, districtValue, groups: null };

  const scope: Prisma.ProgressReportWhereInput = {
    roundId: round.id,
    ...(filter.planCode ? { item: { plan: { code: filter.planCode } } } : {}),
    ...(district ? { AND: [districtReports(district.id)] } : {}),
  };
  // Unsubmitted reports are overdue from the day after the deadline (Shenzhen time).
  const pastDeadline = now.getTime() >= round.deadline.getTime() + DAY;
  // Which section (and so which population action or key project) each item in the round belongs to.
  const roundItems = await db.roundItem.findMany({
    where: { roundId: round.id },
    select: { item: { select: { id: true, kind: true, parentId: true, parent: { select: { id: true, kind: true, parentId: true } } } } },
  });
  const sectionOf = new Map<number, number>();
  for (const { item } of roundItems) {
    sectionOf.set(
      item.id,
      item.kind === "SECTION" ? item.id : item.parent?.kind === "SECTION" ? item.parent.id : (item.parent?.parentId ?? item.id),
    );
  }
  const [byItem, byUnit, completionByItem, completionByUnit, populations, projects, units, approved, attentionRows] = await Promise.all([
    db.progressReport.groupBy({ by: ["itemId", "state", "status"], where: scope, _count: { _all: true } }),
    db.progressReport.groupBy({ by: ["unitId", "state", "status"], where: scope, _count: { _all: true } }),
    db.progressReport.groupBy({
      by: ["itemId"],
      where: { ...scope, state: { in: ["SUBMITTED", "APPROVED"] } },
      _avg: { completion: true },
    }),
    db.progressReport.groupBy({
      by: ["unitId"],
      where: { ...scope, state: { in: ["SUBMITTED", "APPROVED"] } },
      _avg: { completion: true },
    }),
    db.targetPopulation.findMany({ orderBy: { position: "asc" }, select: { name: true, sectionId: true } }),
    db.keyProject.findMany({ orderBy: { position: "asc" }, select: { name: true, sectionId: true } }),
    db.unit.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    // The round's approved reports, largest outputs first: the candidates for the bulletin's highlights.
    db.progressReport.findMany({
      where: { ...scope, state: "APPROVED" },
      orderBy: [
        { peopleReached: { sort: "desc", nulls: "last" } },
        { eventsHeld: { sort: "desc", nulls: "last" } },
        { unit: { sortOrder: "asc" } },
        { id: "asc" },
      ],
      take: HIGHLIGHT_CANDIDATES,
      select: { id: true, peopleReached: true, eventsHeld: true, unit: { select: { name: true } }, item: { select: { title: true } } },
    }),
    // The first overdue and returned reports of this round, listed under their units (a few each,
    // then a link to the unit's full list); the counts come from the grouped query above.
    db.progressReport.findMany({
      where: { ...scope, state: { in: pastDeadline ? ["RETURNED", ...OVERDUE_STATES] : ["RETURNED"] } },
      orderBy: [{ unit: { sortOrder: "asc" } }, { state: "asc" }, { itemId: "asc" }],
      take: ATTENTION_REPORTS,
      select: { id: true, state: true, isDemo: true, unitId: true, item: { select: { title: true, number: true } } },
    }),
  ]);

  type Grouped = { state: string; status: string | null; _count: { _all: number } };
  const rowFrom = (id: number, name: string, groups: Grouped[], averageCompletion: number | null): GroupRow => {
    const results = groups.flatMap((group) =>
      Array.from({ length: group._count._all }, () =>
        reportLight({ state: group.state, status: group.status, submittedAt: null }, round.deadline, now),
      ),
    );
    const summary = summarize(results);
    return {
      id,
      name,
      summary,
      counts: summary.counts,
      reports: results.length,
      submitted: groups.filter((group) => SUBMITTED.includes(group.state)).reduce((sum, group) => sum + group._count._all, 0),
      averageCompletion: averageCompletion === null ? null : Math.round(averageCompletion),
    };
  };
  const completionOfSection = (sectionId: number) => {
    const values = completionByItem
      .filter((row) => sectionOf.get(row.itemId) === sectionId && row._avg.completion !== null)
      .map((row) => row._avg.completion!);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  };
  const focusRows = (focus: { name: string; sectionId: number }[]) =>
    focus.map((entry) =>
      rowFrom(
        entry.sectionId,
        entry.name,
        byItem.filter((group) => sectionOf.get(group.itemId) === entry.sectionId),
        completionOfSection(entry.sectionId),
      ),
    );
  const unitRows = units
    .map((unit) =>
      rowFrom(
        unit.id,
        unit.name,
        byUnit.filter((group) => group.unitId === unit.id),
        completionByUnit.find((row) => row.unitId === unit.id)?._avg.completion ?? null,
      ),
    )
    .filter((row) => row.reports > 0);
  const overall = rowFrom(round.id, round.name, byItem, null);
  const countOf = (unitId: number, states: readonly string[]) =>
    byUnit.filter((group) => group.unitId === unitId && states.includes(group.state)).reduce((sum, group) => sum + group._count._all, 0);
  const attentionUnits: AttentionUnit[] = units
    .map((unit) => ({
      unitId: unit.id,
      name: unit.name,
      overdue: pastDeadline ? countOf(unit.id, OVERDUE_STATES) : 0,
      returned: countOf(unit.id, ["RETURNED"]),
      reports: attentionRows
        .filter((report) => report.unitId === unit.id)
        .slice(0, ATTENTION_REPORTS_PER_UNIT)
        .map((report) => ({ id: report.id, state: report.state, isDemo: report.isDemo, item: report.item })),
    }))
    .filter((unit) => unit.overdue + unit.returned > 0);
  const attentionOverdue = attentionUnits.reduce((sum, unit) => sum + unit.overdue, 0);
  const attentionReturned = attentionUnits.reduce((sum, unit) => sum + unit.returned, 0);

  return {
    rounds,
    round,
    literacy,
    plans,
    master,
    districts,
    district,
    districtValue,
    groups: {
      overall,
      populations: focusRows(populations),
      projects: focusRows(projects),
      units: unitRows,
      attention: {
        overdue: attentionOverdue,
        returned: attentionReturned,
        total: attentionOverdue + attentionReturned,
        units: attentionUnits,
      },
      ranking: await onTimeRanking(now, district?.id),
      approved: approved.map((report) => ({
        id: report.id,
        unit: report.unit.name,
        item: report.item.title,
        peopleReached: report.peopleReached,
        eventsHeld: report.eventsHeld,
      })),
    },
  };
}

/**
 * onTimeRanking's two date conditions in each database's SQL: SQLite stores DateTime as text and
 * compares through julianday(); PostgreSQL has timestamp columns (UTC, see postgres-adapter.ts) and
 * interval arithmetic. `p` is the report, `r` its round.
 */
function onTimeDateConditions(provider: DatabaseProvider) {
  if (provider === "postgresql") {
    return {
      submittedInTime: Prisma.sql`p."submittedAt" < r."deadline" + INTERVAL '1 day'`,
      dueBefore: (cutoff: Date) => Prisma.sql`r."deadline" < CAST(${cutoff.toISOString()} AS timestamp(3))`,
    };
  }
  return {
    submittedInTime: Prisma.sql`julianday(p."submittedAt") < julianday(r."deadline") + 1`,
    dueBefore: (cutoff: Date) => Prisma.sql`julianday(r."deadline") < julianday(${cutoff.toISOString()})`,
  };
}

export interface OnTimeRow {
  unitId: number;
  name: string;
  owed: number;
  onTime: number;
  rate: number;
}

/**
 * Units ranked by the share of their reports submitted by the deadline, over every round already
 * due: one grouped query over the history (rounds by their deadline index, each round's reports by
 * the report index), never a query per round nor report rows loaded into JavaScript. A report is on
 * time when submitted before the end of its round's deadline day (the deadline plus one day).
 * `districtId` keeps a district government's obligations (lib/outputs/district-scope.ts, as SQL).
 */
export async function onTimeRanking(now = new Date(), districtId?: number): Promise<OnTimeRow[]> {
  const cutoff = new Date(now.getTime() - DAY);
  const district =
    districtId === undefined
      ? Prisma.empty
      : Prisma.sql`AND (p."unitId" = ${districtId} OR p."itemId" IN (
          SELECT i."id" FROM "PlanItem" i JOIN "Plan" pl ON pl."id" = i."planId" WHERE pl."kind" = 'DISTRICT' AND pl."districtId" = ${districtId}))`;
  const dates = onTimeDateConditions(clientProvider(db));
  // Rounds first (CROSS JOIN keeps that order), then each round's reports through the covering
  // report index (roundId, unitId, …, submittedAt): no report row is read, only index entries.
  const [rows, units] = await Promise.all([
    db.$queryRaw<{ unitId: number; owed: number | bigint; onTime: number | bigint }[]>`
      SELECT p."unitId" AS "unitId", COUNT(*) AS "owed",
        SUM(CASE WHEN p."submittedAt" IS NOT NULL AND ${dates.submittedInTime} THEN 1 ELSE 0 END) AS "onTime"
      FROM "ReportingRound" r CROSS JOIN "ProgressReport" p
      WHERE p."roundId" = r."id" AND ${dates.dueBefore(cutoff)} ${district}
      GROUP BY p."unitId"`,
    db.unit.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  return rows
    .map((row) => {
      const owed = Number(row.owed);
      const onTime = Number(row.onTime);
      return { unitId: row.unitId, name: names.get(row.unitId) ?? "", owed, onTime, rate: Math.round((onTime / owed) * 100) };
    })
    .sort((a, b) => b.rate - a.rate || b.owed - a.owed || a.name.localeCompare(b.name, "zh-CN"));
}
