import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Light } from "@/lib/reporting/traffic-light";
import type { ReportSearch } from "@/lib/reporting/schemas";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { shanghaiDate, shanghaiDayStart } from "@/lib/core/time";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";
import { reportLight } from "./rounds";

export const REPORT_SEARCH_PAGE_SIZE = 50;

const DAY_MS = 24 * 60 * 60 * 1000;
const NOT_SUBMITTED = ["OWED", "DRAFT", "RETURNED"] as const;
const SUBMITTED = ["SUBMITTED", "APPROVED"] as const;

/**
 * The traffic light as a database condition: exactly the reports `reportLight` (lib/reporting/
 * traffic-light.ts) gives this colour at `now`, so a light filter is applied before paging and the
 * total is true. Not (re)submitted reports are judged by the deadline's Shenzhen day against
 * today and the near-deadline window; submitted and approved ones by their reported status (none
 * counts as 未启动). A round's deadline is any instant of its day, so the day boundaries are compared.
 * `search.test.ts` checks it against `reportLight` for every state, status and deadline position.
 */
export function lightCondition(light: Light, now: Date, nearDays: number): Prisma.ProgressReportWhereInput {
  const todayStart = shanghaiDayStart(shanghaiDate(now));
  // The first instant after the near-deadline window (deadline day ≤ today + nearDays).
  const afterWindow = new Date(todayStart.getTime() + (nearDays + 1) * DAY_MS);
  const overdue = { round: { deadline: { lt: todayStart } } };
  const notOverdue = { round: { deadline: { gte: todayStart } } };
  switch (light) {
    case "RED":
      return {
        OR: [
          { state: { in: [...NOT_SUBMITTED] }, ...overdue },
          { state: { in: [...SUBMITTED] }, status: "BLOCKED" },
        ],
      };
    case "YELLOW":
      return {
        OR: [
          { state: "RETURNED", ...notOverdue },
          { state: { in: ["OWED", "DRAFT"] }, round: { deadline: { gte: todayStart, lt: afterWindow } } },
          { state: { in: [...SUBMITTED] }, OR: [{ status: { in: ["BEHIND", "NOT_STARTED"] } }, { status: null }] },
        ],
      };
    case "GREEN":
      return {
        OR: [
          { state: { in: ["OWED", "DRAFT"] }, round: { deadline: { gte: afterWindow } } },
          { state: { in: [...SUBMITTED] }, status: { in: ["ON_TRACK", "COMPLETED"] } },
        ],
      };
  }
}

function whereFor(filter: ReportSearch, now: Date): Prisma.ProgressReportWhereInput {
  const conditions: Prisma.ProgressReportWhereInput[] = [];
  if (filter.q) {
    const contains = filter.q;
    conditions.push({
      OR: [{ workDone: { contains } }, { problems: { contains } }, { nextSteps: { contains } }, { item: { title: { contains } } }],
    });
  }
  if (filter.round) conditions.push({ roundId: filter.round });
  if (filter.unit) conditions.push({ unitId: filter.unit });
  if (filter.state) conditions.push({ state: filter.state });
  if (filter.light) conditions.push(lightCondition(filter.light, now, env().NEAR_DEADLINE_DAYS));
  return conditions.length > 0 ? { AND: conditions } : {};
}

/**
 * CAST's and leaders' search across every unit's reports. It finds exactly what `getReport` lets
 * them open — both read every report, drafts included (the board and the dashboard show drafts'
 * lights to leaders too) — so nothing listed is refused and nothing readable is hidden. Filtering
 * and paging happen in the database: a page holds at most REPORT_SEARCH_PAGE_SIZE rows and the
 * total is counted, never loaded. The filters' choices (rounds, units with reports) come along.
 */
export async function searchReports(actor: Actor | null, filter: ReportSearch, now = new Date()) {
  await authorize(actor, REPORTING_OPERATIONS.searchReports);
  const where = whereFor(filter, now);
  const [total, reports, rounds, units] = await Promise.all([
    db.progressReport.count({ where }),
    db.progressReport.findMany({
      where,
      orderBy: [{ round: { deadline: "desc" } }, { roundId: "desc" }, { unit: { sortOrder: "asc" } }, { itemId: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * REPORT_SEARCH_PAGE_SIZE,
      take: REPORT_SEARCH_PAGE_SIZE,
      select: {
        id: true,
        state: true,
        status: true,
        role: true,
        completion: true,
        submittedAt: true,
        isDemo: true,
        unit: { select: { id: true, name: true } },
        item: { select: { id: true, number: true, title: true } },
        round: { select: { id: true, name: true, deadline: true } },
      },
    }),
    db.reportingRound.findMany({ orderBy: [{ deadline: "desc" }, { id: "desc" }], select: { id: true, name: true } }),
    db.unit.findMany({
      where: { reports: { some: {} } },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  return {
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / REPORT_SEARCH_PAGE_SIZE)),
    reports: reports.map((report) => ({ ...report, ...reportLight(report, report.round.deadline, now) })),
    options: { rounds, units },
  };
}
