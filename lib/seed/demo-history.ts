import type { AppPrismaClient } from "@/lib/core/db/create-client";
import { shanghaiDayStart } from "@/lib/core/time";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProgressStatus, ReportState } from "@/lib/generated/prisma/enums";
import { reportEvent } from "@/lib/reporting/events";

/**
 * A demo history so that a new installation shows a living dashboard, and the summary
 * evaluation, the yearly assessment and the index have years to show: reporting rounds with
 * deadlines in 2023, 2024 and 2025 (half-yearly and annual, as the plan's cycle), with
 * reports in every state (mostly approved, some returned then approved, some late, some never
 * sent and chased), outputs by unit of measure, and indicator values for 2022–2025 (city-wide,
 * and per district for the literacy rate). Every record is marked isDemo and shown with a
 * 示例数据 badge; SEED_DEMO_DATA=false leaves it out. Deterministic, so tests can rely on it;
 * written with bulk inserts, so it takes well under a few seconds on either provider.
 */
export const DEMO_MARK = "（示例数据）";
const DAY = 86_400_000;
/** Who the demo history says reviewed and chased: CAST's science-popularisation department, marked as demo. */
const DEMO_REVIEWER = { userId: null, displayName: "市科协科普部（示例）" };

/** A small deterministic hash, so the same database always gets the same demo history. */
function pick(seed: string, modulo: number): number {
  let hash = 2166136261;
  for (const char of seed) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return Math.abs(hash) % modulo;
}

interface RoundPlan {
  name: string;
  period: string;
  deadline: string;
  /** Maps a 0–9 draw to a state, so every state occurs (the two latest rounds, still open). */
  states?: ReportState[];
  /** A finished round: closed a month after its deadline; every report approved but a few never sent. */
  closed?: boolean;
  chase: boolean;
}

/** In the order they were opened; the bulletin numbers rounds by that order. */
const ROUNDS: RoundPlan[] = [
  { name: "2022年度全民科学素质工作进展报送", period: "2022年度", deadline: "2023-01-15", closed: true, chase: true },
  { name: "2023年上半年进展报送", period: "2023年上半年", deadline: "2023-07-15", closed: true, chase: true },
  { name: "2023年度全民科学素质工作进展报送", period: "2023年度", deadline: "2024-01-15", closed: true, chase: true },
  { name: "2024年上半年进展报送", period: "2024年上半年", deadline: "2024-07-15", closed: true, chase: true },
  {
    name: "2024年度全民科学素质工作进展报送",
    period: "2024年度",
    deadline: "2025-01-15",
    states: ["OWED", "RETURNED", "SUBMITTED", "APPROVED", "APPROVED", "APPROVED", "APPROVED", "APPROVED", "APPROVED", "APPROVED"],
    chase: true,
  },
  {
    name: "2025年第二季度进展报送",
    period: "2025年第二季度",
    deadline: "2025-07-15",
    states: ["OWED", "OWED", "DRAFT", "RETURNED", "SUBMITTED", "SUBMITTED", "APPROVED", "APPROVED", "APPROVED", "APPROVED"],
    chase: true,
  },
];

const STATUSES: ProgressStatus[] = ["ON_TRACK", "ON_TRACK", "ON_TRACK", "COMPLETED", "BEHIND", "ON_TRACK", "BLOCKED"];
const COMPLETION: Record<ProgressStatus, number> = { NOT_STARTED: 0, ON_TRACK: 70, BEHIND: 40, COMPLETED: 100, BLOCKED: 20 };
/** Outputs other than events and people, by unit of measure; each filled report lists one or two. */
const OUTPUTS: { name: string; unit: string; low: number; spread: number }[] = [
  { name: "科普讲座", unit: "场次", low: 2, spread: 15 },
  { name: "科普展览", unit: "场次", low: 1, spread: 6 },
  { name: "参与活动", unit: "人次", low: 200, spread: 4000 },
  { name: "发放科普资料", unit: "份", low: 500, spread: 5000 },
  { name: "培训科普骨干", unit: "人次", low: 20, spread: 300 },
  { name: "发布科普作品", unit: "件", low: 3, spread: 40 },
];

interface ReportDraft {
  data: Prisma.ProgressReportCreateManyInput;
  submittedAt: Date | null;
  /** Returned once, then resubmitted and approved (finished rounds). */
  returnedOnce: boolean;
  liaison: string;
  outputs: { name: string; value: number; unit: string; position: number }[];
}

function draftReport(
  plan: RoundPlan,
  roundId: number,
  deadline: Date,
  section: SectionRow,
  assignment: SectionRow["assignments"][number],
): ReportDraft {
  const seed = `${plan.period}/${section.id}/${assignment.unitId}`;
  const state: ReportState = plan.states ? plan.states[pick(seed, 10)]! : pick(`${seed}/sent`, 16) === 0 ? "OWED" : "APPROVED";
  const status = STATUSES[pick(`${seed}/status`, STATUSES.length)]!;
  const filled = state !== "OWED";
  const late = pick(`${seed}/late`, 9) === 0;
  const submittedAt = ["SUBMITTED", "RETURNED", "APPROVED"].includes(state)
    ? new Date(deadline.getTime() + (late ? 3 * DAY + 36_000_000 : -(pick(`${seed}/day`, 10) * DAY) + 36_000_000))
    : null;
  const returnedOnce = Boolean(plan.closed && state === "APPROVED" && pick(`${seed}/returned`, 6) === 0);
  const eventsHeld = 2 + pick(`${seed}/events`, 20);
  const peopleReached = 300 + pick(`${seed}/people`, 5000);
  const outputs: ReportDraft["outputs"] = [];
  if (filled) {
    const first = pick(`${seed}/output`, OUTPUTS.length);
    const count = 1 + pick(`${seed}/outputs`, 2);
    for (let index = 0; index < count; index++) {
      const spec = OUTPUTS[(first + index * 3) % OUTPUTS.length]!;
      outputs.push({
        name: spec.name,
        unit: spec.unit,
        value: spec.low + pick(`${seed}/output/${index}`, spec.spread),
        position: index + 1,
      });
    }
  }
  // A returned-then-approved report was approved four days after its first submission.
  const reviewedAt =
    state === "APPROVED" || state === "RETURNED" ? new Date((submittedAt?.getTime() ?? 0) + (returnedOnce ? 6 : 2) * DAY) : null;
  return {
    submittedAt,
    returnedOnce,
    liaison: `${assignment.unit.name}联络员（示例）`,
    outputs,
    data: {
      roundId,
      itemId: section.id,
      unitId: assignment.unitId,
      role: assignment.role,
      state,
      isDemo: true,
      ...(filled
        ? {
            status,
            completion: COMPLETION[status],
            workDone: `${DEMO_MARK}${assignment.unit.name}围绕“${section.title}”推进本单位承担的工作，本期开展相关活动${eventsHeld}场，覆盖${peopleReached}人次。`,
            problems:
              status === "BLOCKED" ? `${DEMO_MARK}场地与经费尚未落实。` : status === "BEHIND" ? `${DEMO_MARK}部分活动延期举办。` : "",
            nextSteps: `${DEMO_MARK}下一阶段继续按《实施方案》分工推进。`,
            eventsHeld,
            peopleReached,
            submittedAt,
            reviewedAt,
            version: returnedOnce ? 2 : 1,
          }
        : {}),
    },
  };
}

type SectionRow = Awaited<ReturnType<typeof loadSections>>[number];

function loadSections(client: AppPrismaClient) {
  return client.planItem.findMany({
    where: { kind: "SECTION", plan: { kind: "MASTER" } },
    orderBy: { id: "asc" },
    include: { assignments: { include: { unit: { select: { id: true, name: true } } } } },
  });
}

async function seedDemoRounds(client: AppPrismaClient) {
  const sections = await loadSections(client);
  let reports = 0;
  // One transaction, bulk inserts: a few statements per round whatever the number of reports.
  await client.$transaction(
    async (tx) => {
      for (const plan of ROUNDS) {
        const deadline = shanghaiDayStart(plan.deadline);
        const round = await tx.reportingRound.create({
          data: {
            name: plan.name,
            period: plan.period,
            deadline,
            openedAt: new Date(deadline.getTime() - 30 * DAY),
            isDemo: true,
            ...(plan.closed ? { status: "CLOSED" as const, closedAt: new Date(deadline.getTime() + 30 * DAY) } : {}),
          },
        });
        await tx.roundItem.createMany({ data: sections.map((section) => ({ roundId: round.id, itemId: section.id })) });
        const drafts = sections.flatMap((section) =>
          section.assignments.map((assignment) => draftReport(plan, round.id, deadline, section, assignment)),
        );
        const created = await tx.progressReport.createManyAndReturn({
          data: drafts.map((draft) => draft.data),
          select: { id: true, roundId: true, itemId: true, unitId: true },
        });
        const ids = new Map(created.map((row) => [`${row.itemId}/${row.unitId}`, row]));
        const events: Prisma.ReportEventCreateManyInput[] = [];
        const outputs: Prisma.ReportOutputCreateManyInput[] = [];
        const lateUnits = new Set<number>();
        const unsentUnits = new Set<number>();
        for (const draft of drafts) {
          const report = ids.get(`${draft.data.itemId}/${draft.data.unitId}`)!;
          const state = draft.data.state!;
          const liaison = { userId: null, displayName: draft.liaison };
          outputs.push(...draft.outputs.map((output) => ({ ...output, reportId: report.id })));
          if (!draft.submittedAt) unsentUnits.add(report.unitId);
          else if (draft.submittedAt > deadline) lateUnits.add(report.unitId);
          if (!draft.submittedAt) continue;
          events.push(reportEvent(report, "SUBMITTED", liaison, draft.submittedAt));
          if (draft.returnedOnce) {
            const returnedAt = new Date(draft.submittedAt.getTime() + 2 * DAY);
            events.push(reportEvent(report, "RETURNED", DEMO_REVIEWER, returnedAt, `${DEMO_MARK}请补充量化数据和佐证材料。`));
            events.push(reportEvent(report, "RESUBMITTED", liaison, new Date(returnedAt.getTime() + 2 * DAY)));
          }
          if (state === "RETURNED" || state === "APPROVED") {
            const comment = state === "RETURNED" ? `${DEMO_MARK}请补充量化数据和佐证材料。` : null;
            events.push(reportEvent(report, state, DEMO_REVIEWER, (draft.data.reviewedAt as Date | null) ?? draft.submittedAt, comment));
          }
        }
        await tx.reportEvent.createMany({ data: events });
        await tx.reportOutput.createMany({ data: outputs });
        if (plan.chase) {
          // Open rounds: every unit with a report not yet in is reminded, then urged. Finished rounds:
          // units that sent late were reminded; units that never sent were reminded and urged.
          const chases: Prisma.ChaseCreateManyInput[] = [];
          const chased = plan.closed
            ? [...lateUnits].filter((unitId) => !unsentUnits.has(unitId)).map((unitId) => [unitId, ["REMIND"]] as const)
            : [];
          const stillOwed = plan.closed
            ? [...unsentUnits]
            : [...new Set(drafts.filter((draft) => !draft.submittedAt).map((draft) => draft.data.unitId))];
          for (const [unitId, levels] of [...chased, ...stillOwed.map((unitId) => [unitId, ["REMIND", "URGE"]] as const)]) {
            for (const level of levels) {
              chases.push({
                roundId: round.id,
                unitId,
                level,
                message: `${DEMO_MARK}请尽快完成《${plan.name}》的报送。`,
                actorName: DEMO_REVIEWER.displayName,
                createdAt: new Date(deadline.getTime() + (level === "REMIND" ? 1 : 5) * DAY),
              });
            }
          }
          await tx.chase.createMany({ data: chases });
        }
        reports += created.length;
      }
    },
    // Over a PostgreSQL connection on a busy machine this can take longer than Prisma's default 5 s.
    { timeout: 60_000 },
  );
  return reports;
}

const DEMO_SOURCE = "示例数据（非真实调查或统计结果）";

/** The demo literacy rate per district and year; the four districts of 2024 as before, others drawn near the city's value. */
const DISTRICT_LITERACY_2024: Record<string, number> = { 福田区: 25.1, 南山区: 26.3, 宝安区: 22.8, 龙岗区: 23.0 };
const CITY_LITERACY: [number, number][] = [
  [2022, 22.6],
  [2023, 23.4],
  [2024, 24.2],
  [2025, 24.8],
];

async function seedDemoIndicators(client: AppPrismaClient) {
  const literacy = await client.indicator.findUnique({ where: { code: "literacy-rate" } });
  const districts = await client.unit.findMany({ where: { type: "DISTRICT_GOVERNMENT" }, orderBy: { id: "asc" } });
  const rows: Prisma.IndicatorValueCreateManyInput[] = [];
  if (literacy) {
    const method = "示例：按公民科学素质测评标准开展的抽样调查";
    for (const [year, value] of CITY_LITERACY) {
      rows.push({ indicatorId: literacy.id, year, value, source: DEMO_SOURCE, method, isDemo: true });
    }
    for (const district of districts) {
      // A district's distance from the city's rate, steady over the years: -2.0 … +2.5.
      const offset =
        district.name in DISTRICT_LITERACY_2024 ? DISTRICT_LITERACY_2024[district.name]! - 24.2 : pick(district.name, 46) / 10 - 2;
      for (const [year, city] of CITY_LITERACY) {
        if (year < 2023) continue;
        const drift = year === 2024 ? 0 : (pick(`${district.name}/${year}`, 7) - 3) / 10;
        rows.push({
          indicatorId: literacy.id,
          year,
          districtId: district.id,
          value: Math.round((city + offset + drift) * 10) / 10,
          source: DEMO_SOURCE,
          method,
          isDemo: true,
        });
      }
    }
  }
  const defined = [
    { code: "science-bases", name: "市级科普教育基地数量", unit: "个", baseline: 120, target: 200, series: [146, 163, 181, 196] },
    { code: "tech-volunteers", name: "注册科技志愿者人数", unit: "万人", baseline: 3.2, target: 6, series: [4.1, 4.8, 5.5, 6.1] },
  ];
  for (const [index, spec] of defined.entries()) {
    const indicator = await client.indicator.create({
      data: {
        code: spec.code,
        name: spec.name,
        unit: spec.unit,
        direction: "HIGHER_IS_BETTER",
        baselineYear: 2020,
        baselineValue: spec.baseline,
        baselineSource: DEMO_SOURCE,
        isDemo: true,
        position: index + 2,
        targets: { create: { year: 2025, value: spec.target, comparator: "GTE" } },
      },
    });
    for (const [offset, value] of spec.series.entries()) {
      rows.push({
        indicatorId: indicator.id,
        year: 2022 + offset,
        value,
        source: DEMO_SOURCE,
        method: "示例：各区、各单位年度统计汇总",
        isDemo: true,
      });
    }
  }
  await client.indicatorValue.createMany({ data: rows });
  return rows.length;
}

/** Loads the demo history when there are no rounds and no indicator values yet. */
export async function seedDemoHistory(client: AppPrismaClient): Promise<{ reports: number; values: number }> {
  if ((await client.reportingRound.count()) > 0 || (await client.indicatorValue.count()) > 0) return { reports: 0, values: 0 };
  const reports = await seedDemoRounds(client);
  const values = await seedDemoIndicators(client);
  return { reports, values };
}

/** The plan's own target for the literacy rate (over 25% in 2025) as indicator data: real, never demo. */
export async function seedIndicatorTargets(client: AppPrismaClient): Promise<number> {
  const goals = await client.planGoal.findMany({ where: { indicatorId: { not: null }, targetValue: { not: null } } });
  // Each target names the plan that set it: the literacy rate is one series across plan periods.
  let created = 0;
  for (const goal of goals) {
    const exists = await client.indicatorTarget.findUnique({
      where: { indicatorId_year: { indicatorId: goal.indicatorId!, year: goal.year } },
    });
    if (exists) continue;
    await client.indicatorTarget.create({
      data: {
        indicatorId: goal.indicatorId!,
        year: goal.year,
        value: goal.targetValue!,
        comparator: goal.comparator ?? "GT",
        planId: goal.planId,
        text: goal.text,
      },
    });
    created++;
  }
  const literacy = await client.indicator.findUnique({ where: { code: "literacy-rate" } });
  if (literacy && !literacy.baselineSource) {
    await client.indicator.update({
      where: { id: literacy.id },
      data: { baselineSource: "《深圳市全民科学素质行动规划纲要实施方案(2022-2025年)》（深府函〔2022〕14号）前言" },
    });
  }
  return created;
}
