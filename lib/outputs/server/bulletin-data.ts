import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { BulletinData } from "@/lib/outputs/exports/bulletin";
import { audit } from "@/lib/audit/server/record";
import { getDashboard, HIGHLIGHT_CANDIDATES, SUGGESTED_HIGHLIGHTS, type GroupRow } from "./dashboard";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { auditTarget } from "@/lib/core/operations";
import { OUTPUT_OPERATIONS } from "@/lib/outputs/operations";

function chineseDate(date: Date): string {
  const shanghai = new Date(date.getTime() + 8 * 3_600_000);
  return `${shanghai.getUTCFullYear()}年${shanghai.getUTCMonth() + 1}月${shanghai.getUTCDate()}日`;
}

function groupParagraph(row: GroupRow): string {
  const completion = row.averageCompletion === null ? "" : `，已报送单位平均完成度${row.averageCompletion}%`;
  return `应报送${row.reports}份，已报送${row.submitted}份${completion}；红灯${row.counts.RED}项、黄灯${row.counts.YELLOW}项、绿灯${row.counts.GREEN}项。`;
}

/**
 * 第X期: the round's ordinal among all rounds in the order they were opened (then by id). Derived,
 * not stored: opening rounds only ever appends, so a bulletin keeps its number when later rounds
 * come; ties on the same instant fall back to the id.
 */
async function issueNumber(roundId: number): Promise<string> {
  const round = await db.reportingRound.findUniqueOrThrow({ where: { id: roundId }, select: { openedAt: true } });
  const earlier = await db.reportingRound.count({
    where: { OR: [{ openedAt: { lt: round.openedAt } }, { openedAt: round.openedAt, id: { lt: roundId } }] },
  });
  return `第${earlier + 1}期`;
}

function figuresSentence(report: {
  eventsHeld: number | null;
  peopleReached: number | null;
  outputs: { name: string; value: number; unit: string }[];
}) {
  const figures = [
    report.eventsHeld ? `举办活动${report.eventsHeld}场` : "",
    report.peopleReached ? `覆盖${report.peopleReached}人次` : "",
    ...report.outputs.map((output) => `${output.name}${output.value}${output.unit}`),
  ].filter(Boolean);
  return figures.length ? `${figures.join("，")}。` : "";
}

/**
 * The highlights (工作亮点): approved reports only — CAST's picks among the round's approved
 * reports, or else the ones with the largest outputs (people reached, then events held). Only the
 * work done and the figures are quoted: never problems, drafts, returned reports or comments.
 */
async function highlights(roundId: number, candidates: { id: number }[], picked: number[] | undefined) {
  // CAST's picks (at most as many as the dashboard offers), kept only when approved reports of this round.
  const ids = picked?.length
    ? [...new Set(picked)].slice(0, HIGHLIGHT_CANDIDATES)
    : candidates.slice(0, SUGGESTED_HIGHLIGHTS).map((c) => c.id);
  const reports = await db.progressReport.findMany({
    where: { id: { in: ids }, roundId, state: "APPROVED" },
    select: {
      id: true,
      workDone: true,
      eventsHeld: true,
      peopleReached: true,
      outputs: { orderBy: { position: "asc" }, select: { name: true, value: true, unit: true } },
      unit: { select: { name: true } },
      item: { select: { title: true } },
    },
  });
  return ids
    .map((id) => reports.find((report) => report.id === id))
    .filter((report) => report !== undefined)
    .map((report) => ({
      heading: `${report.unit.name}：${report.item.title}`,
      paragraphs: [...report.workDone.split(/\s*\n\s*/), figuresSentence(report)].map((text) => text.trim()).filter(Boolean),
    }));
}

/**
 * The 进展通报 of one round, assembled from the same aggregates as the dashboard. `highlightIds`
 * are CAST's picks for the highlights (ignored unless approved reports of this round).
 */
export async function bulletinData(actor: Actor | null, roundId: number, now = new Date(), highlightIds?: number[]): Promise<BulletinData> {
  const dashboard = await getDashboard(actor, { roundId }, now);
  if (!dashboard.round || !dashboard.groups || dashboard.round.id !== roundId) throw new AppError("NOT_FOUND");
  const { groups, literacy, round } = dashboard;
  const chased = await db.chase.findMany({ where: { roundId }, select: { unitId: true, level: true } });
  const late = groups.units
    .map((unit) => ({
      unit,
      overdue: unit.summary.light === "RED" ? (unit.summary.reasons.find((reason) => reason.key === "overdueNotSubmitted")?.count ?? 0) : 0,
    }))
    .filter(({ overdue }) => overdue > 0);
  const onTimeOverall = groups.ranking.reduce((sum, row) => sum + row.onTime, 0);
  const owedOverall = groups.ranking.reduce((sum, row) => sum + row.owed, 0);
  const literacySentence = literacy?.latest
    ? `${literacy.latest.year}年我市公民具备科学素质的比例为${literacy.latest.value}%${literacy.latest.demo ? "（示例数据）" : ""}，` +
      (literacy.reached ? `已达成${literacy.targetYear}年目标。` : `距${literacy.targetYear}年目标还差${literacy.gap}个百分点。`)
    : "";
  const data: BulletinData = {
    title: "全民科学素质行动规划纲要实施进展通报",
    issuer: "深圳市全民科学素质纲要实施工作办公室",
    documentNumber: "",
    issueNumber: await issueNumber(roundId),
    date: chineseDate(now),
    roundName: round.name,
    headline: [
      { label: "应报送", value: `${groups.overall.reports}份` },
      { label: "已报送", value: `${groups.overall.submitted}份` },
      { label: "红灯", value: `${groups.overall.counts.RED}项` },
      { label: "黄灯", value: `${groups.overall.counts.YELLOW}项` },
      { label: "历次按时报送率", value: owedOverall ? `${Math.round((onTimeOverall / owedOverall) * 100)}%` : "—" },
    ],
    literacySentence,
    sections: [...groups.populations, ...groups.projects].map((row) => ({ heading: row.name, paragraphs: [groupParagraph(row)] })),
    highlights: await highlights(roundId, groups.approved, highlightIds),
    lateUnits: late.map(({ unit, overdue }) => {
      const levels = chased.filter((chase) => chase.unitId === unit.id).map((chase) => chase.level);
      const chase = levels.includes("SUPERVISE")
        ? "（已督办）"
        : levels.includes("URGE")
          ? "（已催办）"
          : levels.includes("REMIND")
            ? "（已提醒）"
            : "";
      return { unit: unit.name, detail: `${overdue}项逾期未报送${chase}` };
    }),
    nextSteps: [
      late.length > 0 ? `对${late.length}个逾期未报送单位继续催办，必要时提请督办。` : "继续保持按时报送。",
      groups.overall.counts.RED > 0 ? "对红灯任务逐项分析原因，督促牵头单位制定整改措施。" : "对黄灯任务加强跟踪，防止滞后。",
      "做好下一轮进展报送和年度总结评估准备。",
    ],
    demo: round.isDemo || (literacy?.latest?.demo ?? false),
  };
  await audit({
    ...auditTarget(OUTPUT_OPERATIONS.makeBulletin, roundId),
    result: "SUCCESS",
    actor,
    ...(highlightIds?.length ? { details: { highlights: highlightIds } } : {}),
  });
  return data;
}
