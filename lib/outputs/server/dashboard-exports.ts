import "server-only";
import type { Actor } from "@/lib/core/actor";
import { createTranslator } from "next-intl";
import type { IndicatorRow, SummaryRow } from "@/lib/outputs/exports/progress";
import messages from "@/messages/zh-CN.json";
import { audit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { reportLight } from "@/lib/reporting/server/rounds";
import { districtReports } from "@/lib/outputs/district-scope";
import { OUTPUT_OPERATIONS } from "@/lib/outputs/operations";
import { auditTarget } from "@/lib/core/operations";
import { readInChunks } from "@/lib/core/chunks";

// Exports are Chinese official documents whatever the interface language.
const t = createTranslator({ locale: "zh-CN", messages });

const reportColumns = {
  id: true,
  state: true,
  status: true,
  completion: true,
  submittedAt: true,
  role: true,
  isDemo: true,
  workDone: true,
  problems: true,
  nextSteps: true,
  eventsHeld: true,
  peopleReached: true,
  outputs: { orderBy: { position: "asc" as const }, select: { name: true, value: true, unit: true } },
  unit: { select: { name: true } },
  item: { select: { number: true, title: true } },
} as const;

export async function progressSummaryRows(
  actor: Actor | null,
  roundId: number,
  now = new Date(),
  /** The dashboard's district filter: only that district's obligations (its reports and its district plans' items). */
  districtId?: number,
): Promise<{ name: string; rows: SummaryRow[]; district: string | null }> {
  const reader = await authorize(actor, OUTPUT_OPERATIONS.exportProgressSummary, roundId);
  const round = await db.reportingRound.findUnique({ where: { id: roundId } });
  if (!round) throw new AppError("NOT_FOUND");
  const district =
    districtId === undefined
      ? null
      : await db.unit.findFirst({ where: { id: districtId, type: "DISTRICT_GOVERNMENT" }, select: { id: true, name: true } });
  // The round's reports in order (ids only), then their contents in chunks: an `include` over every
  // report of a round would send one bound parameter per report in its child query.
  const order = await db.progressReport.findMany({
    where: { roundId, ...(district ? { AND: [districtReports(district.id)] } : {}) },
    orderBy: [{ unit: { sortOrder: "asc" } }, { itemId: "asc" }],
    select: { id: true },
  });
  const reports = await readInChunks(
    order.map((report) => report.id),
    (ids) => db.progressReport.findMany({ where: { id: { in: ids } }, select: reportColumns }),
    (report) => report.id,
  );
  await audit({
    ...auditTarget(OUTPUT_OPERATIONS.exportProgressSummary, roundId),
    result: "SUCCESS",
    actor: reader,
    details: { kind: "summary", rows: reports.length, ...(district ? { district: district.name } : {}) },
  });
  return {
    name: round.name,
    district: district?.name ?? null,
    rows: reports.map((report) => {
      const { light, reason } = reportLight(report, round.deadline, now);
      return {
        unit: report.unit.name,
        item: `${report.item.number ?? ""}${report.item.title}`,
        role: t(`plans.roles.${report.role}`),
        state: t(`reports.states.${report.state}`),
        status: report.status ? t(`reports.statuses.${report.status}`) : "",
        completion: report.completion,
        light: t(`lights.${light}`),
        reason: t(`lights.reasons.${reason.key}`, reason.values),
        submittedAt: report.submittedAt,
        workDone: report.workDone,
        problems: report.problems,
        nextSteps: report.nextSteps,
        eventsHeld: report.eventsHeld,
        peopleReached: report.peopleReached,
        outputs: report.outputs.map((output) => `${output.name}${output.value}${output.unit}`).join("；"),
        demo: report.isDemo,
      };
    }),
  };
}

export async function indicatorTableRows(actor: Actor | null): Promise<{ years: number[]; rows: IndicatorRow[] }> {
  const reader = await authorize(actor, OUTPUT_OPERATIONS.exportIndicatorTable);
  const indicators = await db.indicator.findMany({
    // Measured indicators only: each row is values with their source and method. A composite
    // (深圳科普指数) has none of its own; its page shows its computed values with the method and breakdown.
    where: { kind: "PLAIN" },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    include: { targets: { orderBy: { year: "asc" } }, values: { where: { districtId: null }, orderBy: { year: "asc" } } },
  });
  // Every period's years: the series spans the master plans in force or ended, not only the current one.
  const masters = await db.plan.findMany({
    where: { kind: "MASTER", status: { not: "DRAFT" } },
    select: { startYear: true, endYear: true },
  });
  const first = masters.length ? Math.min(...masters.map((plan) => plan.startYear)) : 2022;
  const last = masters.length ? Math.max(...masters.map((plan) => plan.endYear)) : 2025;
  const years = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  await audit({
    ...auditTarget(OUTPUT_OPERATIONS.exportIndicatorTable),
    result: "SUCCESS",
    actor: reader,
    details: { kind: "indicators", rows: indicators.length },
  });
  const comparator = (value: string) => (value === "GT" ? "超过" : value === "GTE" ? "不低于" : "不高于");
  return {
    years,
    rows: indicators.map((indicator) => ({
      name: indicator.name,
      unit: indicator.unit,
      baseline: indicator.baselineValue === null ? "" : `${indicator.baselineYear}年 ${indicator.baselineValue}${indicator.unit}`,
      target: indicator.targets
        .map((target) => `${target.year}年${comparator(target.comparator)}${target.value}${indicator.unit}`)
        .join("；"),
      values: Object.fromEntries(indicator.values.map((value) => [value.year, `${value.value}${value.isDemo ? "（示例）" : ""}`])),
      source: [indicator.baselineSource, ...new Set(indicator.values.map((value) => `${value.source}；${value.method}`))]
        .filter(Boolean)
        .join("\n"),
      demo: indicator.isDemo || indicator.values.some((value) => value.isDemo),
    })),
  };
}
