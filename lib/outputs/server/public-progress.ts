import "server-only";
import { db } from "@/lib/core/db";
import { PUBLIC_STAMP } from "@/lib/core/content-stamp";
import { stampedCache } from "@/lib/core/stamped-cache";
import { Prisma, type ProgressStatus } from "@/lib/generated/prisma/client";
import { literacyOverview } from "./dashboard";
import { currentMasterPlanId } from "@/lib/plans/server/periods";

/**
 * The public page's data, for anyone, signed in or not (the plan asks for progress to be
 * published for public supervision). Deliberately narrow: approved reports only, and of
 * them only status, completion, the work done and the period — never drafts, returned
 * reports, review comments, problems, attachments or anyone's name.
 *
 * Each unit's latest approved report on an item stands for its progress there. Its cost is
 * bounded by what the page shows, not by the history: per section and measure, counts and the
 * average completion come from one grouped SQL query, and only the newest few reports are read
 * (PUBLIC_SECTION_REPORTS per section, PUBLIC_MEASURE_REPORTS per measure), with 共 N 份 for the rest.
 * The SQL is portable (window functions, CASE, quoted identifiers: SQLite ≥ 3.25 and PostgreSQL).
 */

/** The newest reports listed under a section, and under each of its measures. */
export const PUBLIC_SECTION_REPORTS = 5;
export const PUBLIC_MEASURE_REPORTS = 3;

const STATUSES = ["NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED"] as const satisfies readonly ProgressStatus[];

export interface PublicReport {
  id: number;
  unit: string;
  role: string;
  period: string;
  status: ProgressStatus | null;
  completion: number | null;
  workDone: string;
  demo: boolean;
}

export interface PublicSummary {
  /** Latest approved reports (one per item and unit). */
  reports: number;
  /** Items with at least one approved report. */
  items: number;
  /** Average completion of those reports (rounded), or null when none gives one. */
  averageCompletion: number | null;
  statuses: Record<ProgressStatus, number>;
}

/**
 * Where a report's item sits: its section is the item itself, its parent or its grandparent
 * (section → measure → work item, or a work item directly under a section); its measure the item
 * itself or its parent. Reports on items outside the sections (none in the printed plans) are left out.
 */
const placed = (planId: number) => Prisma.sql`
  WITH "latest" AS (
    SELECT r."id", r."itemId", r."unitId", r."roundId", r."status", r."completion", g."deadline",
      CASE WHEN i."kind" = 'SECTION' THEN i."id" WHEN p."kind" = 'SECTION' THEN p."id" WHEN q."kind" = 'SECTION' THEN q."id" END AS "sectionId",
      CASE WHEN i."kind" = 'MEASURE' THEN i."id" WHEN p."kind" = 'MEASURE' THEN p."id" END AS "measureId",
      ROW_NUMBER() OVER (PARTITION BY r."itemId", r."unitId" ORDER BY g."deadline" DESC, r."roundId" DESC) AS "rank"
    FROM "ProgressReport" r
    JOIN "PlanItem" i ON i."id" = r."itemId"
    JOIN "ReportingRound" g ON g."id" = r."roundId"
    LEFT JOIN "PlanItem" p ON p."id" = i."parentId"
    LEFT JOIN "PlanItem" q ON q."id" = p."parentId"
    WHERE r."state" = 'APPROVED' AND i."planId" = ${planId}
  )`;

const SUMMARY_SQL = Prisma.raw(`
  SELECT "sectionId", "measureId", COUNT(*) AS "reports", COUNT(DISTINCT "itemId") AS "items",
    SUM("completion") AS "completionSum", COUNT("completion") AS "completionCount",
    ${STATUSES.map((status) => `SUM(CASE WHEN "status" = '${status}' THEN 1 ELSE 0 END) AS "${status}"`).join(", ")}
  FROM "latest" WHERE "rank" = 1 AND "sectionId" IS NOT NULL
  GROUP BY "sectionId", "measureId"`);

const NEWEST_SQL = Prisma.raw(`,
  "ranked" AS (
    SELECT l."id", l."sectionId", l."measureId",
      ROW_NUMBER() OVER (PARTITION BY l."sectionId" ORDER BY l."deadline" DESC, l."roundId" DESC, u."sortOrder", l."id") AS "inSection",
      ROW_NUMBER() OVER (PARTITION BY l."measureId" ORDER BY l."deadline" DESC, l."roundId" DESC, u."sortOrder", l."id") AS "inMeasure"
    FROM "latest" l JOIN "Unit" u ON u."id" = l."unitId"
    WHERE l."rank" = 1 AND l."sectionId" IS NOT NULL
  )
  SELECT k."id", k."sectionId", k."measureId", k."inSection", k."inMeasure", u."name" AS "unit", r."role", g."period",
    r."status", r."completion", r."workDone", r."isDemo"
  FROM "ranked" k
  JOIN "ProgressReport" r ON r."id" = k."id"
  JOIN "Unit" u ON u."id" = r."unitId"
  JOIN "ReportingRound" g ON g."id" = r."roundId"
  WHERE k."inSection" <= ${PUBLIC_SECTION_REPORTS} OR (k."measureId" IS NOT NULL AND k."inMeasure" <= ${PUBLIC_MEASURE_REPORTS})
  ORDER BY k."inSection"`);

interface SummaryRow {
  sectionId: number | bigint;
  measureId: number | bigint | null;
  reports: number | bigint;
  items: number | bigint;
  completionSum: number | bigint | null;
  completionCount: number | bigint;
  NOT_STARTED: number | bigint | null;
  ON_TRACK: number | bigint | null;
  BEHIND: number | bigint | null;
  COMPLETED: number | bigint | null;
  BLOCKED: number | bigint | null;
}

interface NewestRow {
  id: number | bigint;
  sectionId: number | bigint;
  measureId: number | bigint | null;
  inSection: number | bigint;
  inMeasure: number | bigint;
  unit: string;
  role: string;
  period: string;
  status: ProgressStatus | null;
  completion: number | bigint | null;
  workDone: string;
  isDemo: number | bigint | boolean;
}

const num = (value: number | bigint | null | undefined) => (value === null || value === undefined ? 0 : Number(value));

function emptySummary(): PublicSummary & { completionSum: number; completionCount: number } {
  return {
    reports: 0,
    items: 0,
    averageCompletion: null,
    statuses: { NOT_STARTED: 0, ON_TRACK: 0, BEHIND: 0, COMPLETED: 0, BLOCKED: 0 },
    completionSum: 0,
    completionCount: 0,
  };
}

type Accumulator = ReturnType<typeof emptySummary>;

function add(into: Accumulator, row: SummaryRow) {
  into.reports += num(row.reports);
  into.items += num(row.items);
  into.completionSum += num(row.completionSum);
  into.completionCount += num(row.completionCount);
  for (const status of STATUSES) into.statuses[status] += num(row[status]);
}

function finish({ completionSum, completionCount, ...summary }: Accumulator): PublicSummary {
  return { ...summary, averageCompletion: completionCount > 0 ? Math.round(completionSum / completionCount) : null };
}

/** Builds the public page's data from the database (uncached; getPublicProgress caches it). */
export async function buildPublicProgress() {
  // The master plan CAST marked current (or the newest published one), with its sections and measures.
  const masterId = (await currentMasterPlanId()) ?? 0;
  const [master, literacy, sections, summaryRows, newestRows] = await Promise.all([
    db.plan.findUnique({
      where: { id: masterId },
      select: { title: true, issuer: true, documentNumber: true, goals: { orderBy: { year: "asc" }, select: { year: true, text: true } } },
    }),
    literacyOverview(),
    db.planItem.findMany({
      where: { kind: "SECTION", planId: masterId },
      orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }],
      select: {
        id: true,
        number: true,
        title: true,
        taskStatement: true,
        children: { where: { kind: "MEASURE" }, orderBy: { position: "asc" }, select: { id: true, title: true } },
      },
    }),
    db.$queryRaw<SummaryRow[]>`${placed(masterId)}${SUMMARY_SQL}`,
    db.$queryRaw<NewestRow[]>`${placed(masterId)}${NEWEST_SQL}`,
  ]);
  const publicView = (row: NewestRow): PublicReport => ({
    id: num(row.id),
    unit: row.unit,
    role: row.role,
    period: row.period,
    status: row.status,
    completion: row.completion === null ? null : num(row.completion),
    workDone: row.workDone,
    demo: Boolean(num(row.isDemo as number | bigint)),
  });
  const sectionSummary = new Map<number, Accumulator>();
  const measureSummary = new Map<number, Accumulator>();
  for (const row of summaryRows) {
    const sectionId = num(row.sectionId);
    if (!sectionSummary.has(sectionId)) sectionSummary.set(sectionId, emptySummary());
    add(sectionSummary.get(sectionId)!, row);
    if (row.measureId !== null) {
      const measureId = num(row.measureId);
      if (!measureSummary.has(measureId)) measureSummary.set(measureId, emptySummary());
      add(measureSummary.get(measureId)!, row);
    }
  }
  const sectionReports = (sectionId: number) =>
    newestRows.filter((row) => num(row.sectionId) === sectionId && num(row.inSection) <= PUBLIC_SECTION_REPORTS).map(publicView);
  const measureReports = (measureId: number) =>
    newestRows
      .filter((row) => row.measureId !== null && num(row.measureId) === measureId && num(row.inMeasure) <= PUBLIC_MEASURE_REPORTS)
      .sort((a, b) => num(a.inMeasure) - num(b.inMeasure))
      .map(publicView);
  return {
    master,
    literacy,
    sections: sections.map(({ children, ...section }) => ({
      ...section,
      summary: finish(sectionSummary.get(section.id) ?? emptySummary()),
      reports: sectionReports(section.id),
      measures: children.map((measure) => ({
        ...measure,
        summary: finish(measureSummary.get(measure.id) ?? emptySummary()),
        reports: measureReports(measure.id),
      })),
    })),
  };
}

export type PublicProgress = Awaited<ReturnType<typeof buildPublicProgress>>;

/** This process's copy of the public data, kept while the `public` content stamp is unchanged (lib/core/stamped-cache.ts). */
const cache = stampedCache(PUBLIC_STAMP, () => buildPublicProgress(), { maxEntries: 1 });

export function getPublicProgress(): Promise<PublicProgress> {
  return cache.get(null);
}

/** How many times this process built the public data (for tests and the benchmark). */
export function publicProgressBuilds(): number {
  return cache.builds();
}
