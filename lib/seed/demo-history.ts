import type { AppPrismaClient } from "@/lib/core/db/create-client";
import { shanghaiDayStart } from "@/lib/core/time";
import type { ProgressStatus, ReportState } from "@/lib/generated/prisma/enums";
import { reportEvent } from "@/lib/reporting/events";

/**
 * A demo history so that a new installation shows a living dashboard: two past reporting
 * rounds with reports in every state, late units that were chased, and a few indicator
 * values after the 2020 baseline. Every record is marked isDemo and shown with a 示例数据
 * badge; SEED_DEMO_DATA=false leaves it out. Deterministic, so tests can rely on it.
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
  /** Maps a 0–9 draw to a state, so every state occurs. */
  states: ReportState[];
  chase: boolean;
}

const ROUNDS: RoundPlan[] = [
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

async function seedDemoRounds(client: AppPrismaClient) {
  const sections = await client.planItem.findMany({
    where: { kind: "SECTION", plan: { kind: "MASTER" } },
    orderBy: { id: "asc" },
    include: { assignments: { include: { unit: { select: { id: true, name: true } } } } },
  });
  let reports = 0;
  for (const plan of ROUNDS) {
    const deadline = shanghaiDayStart(plan.deadline);
    await client.$transaction(
      async (tx) => {
        const round = await tx.reportingRound.create({
          data: { name: plan.name, period: plan.period, deadline, openedAt: new Date(deadline.getTime() - 30 * DAY), isDemo: true },
        });
        await tx.roundItem.createMany({ data: sections.map((section) => ({ roundId: round.id, itemId: section.id })) });
        const lateUnits = new Set<number>();
        for (const section of sections) {
          for (const assignment of section.assignments) {
            const seed = `${plan.period}/${section.id}/${assignment.unitId}`;
            const state = plan.states[pick(seed, 10)]!;
            const status = STATUSES[pick(`${seed}/status`, STATUSES.length)]!;
            const filled = state !== "OWED";
            const late = pick(`${seed}/late`, 9) === 0;
            const submittedAt = ["SUBMITTED", "RETURNED", "APPROVED"].includes(state)
              ? new Date(deadline.getTime() + (late ? 3 * DAY + 36_000_000 : -(pick(`${seed}/day`, 10) * DAY) + 36_000_000))
              : null;
            const eventsHeld = 2 + pick(`${seed}/events`, 20);
            const peopleReached = 300 + pick(`${seed}/people`, 5000);
            const report = await tx.progressReport.create({
              data: {
                roundId: round.id,
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
                        status === "BLOCKED"
                          ? `${DEMO_MARK}场地与经费尚未落实。`
                          : status === "BEHIND"
                            ? `${DEMO_MARK}部分活动延期举办。`
                            : "",
                      nextSteps: `${DEMO_MARK}下一阶段继续按《实施方案》分工推进。`,
                      eventsHeld,
                      peopleReached,
                      submittedAt,
                      reviewedAt: state === "APPROVED" || state === "RETURNED" ? new Date((submittedAt?.getTime() ?? 0) + 2 * DAY) : null,
                    }
                  : {}),
              },
            });
            reports++;
            if (!["SUBMITTED", "RETURNED", "APPROVED"].includes(state)) lateUnits.add(assignment.unitId);
            const liaison = { userId: null, displayName: `${assignment.unit.name}联络员（示例）` };
            if (submittedAt) await tx.reportEvent.create({ data: reportEvent(report, "SUBMITTED", liaison, submittedAt) });
            if (state === "RETURNED" || state === "APPROVED") {
              const comment = state === "RETURNED" ? `${DEMO_MARK}请补充量化数据和佐证材料。` : null;
              await tx.reportEvent.create({
                data: reportEvent(report, state, DEMO_REVIEWER, new Date(submittedAt!.getTime() + 2 * DAY), comment),
              });
            }
          }
        }
        if (plan.chase) {
          for (const unitId of lateUnits) {
            for (const [level, days] of [
              ["REMIND", 1],
              ["URGE", 5],
            ] as const) {
              await tx.chase.create({
                data: {
                  roundId: round.id,
                  unitId,
                  level,
                  message: `${DEMO_MARK}请尽快完成《${plan.name}》的报送。`,
                  actorName: DEMO_REVIEWER.displayName,
                  createdAt: new Date(deadline.getTime() + days * DAY),
                },
              });
            }
          }
        }
        // A round's reports in one transaction: over a PostgreSQL connection on a busy machine that
        // takes longer than Prisma's default 5 s (as the plan seed, lib/seed/plans.ts).
      },
      { timeout: 60_000 },
    );
  }
  return reports;
}

const DEMO_SOURCE = "示例数据（非真实调查或统计结果）";

async function seedDemoIndicators(client: AppPrismaClient) {
  const literacy = await client.indicator.findUnique({ where: { code: "literacy-rate" } });
  const districts = new Map((await client.unit.findMany({ where: { type: "DISTRICT_GOVERNMENT" } })).map((unit) => [unit.name, unit.id]));
  let values = 0;
  if (literacy) {
    const method = "示例：按公民科学素质测评标准开展的抽样调查";
    for (const [year, value] of [
      [2022, 22.6],
      [2023, 23.4],
      [2024, 24.2],
    ] as const) {
      await client.indicatorValue.create({ data: { indicatorId: literacy.id, year, value, source: DEMO_SOURCE, method, isDemo: true } });
      values++;
    }
    for (const [district, value] of [
      ["福田区", 25.1],
      ["南山区", 26.3],
      ["宝安区", 22.8],
      ["龙岗区", 23.0],
    ] as const) {
      await client.indicatorValue.create({
        data: {
          indicatorId: literacy.id,
          year: 2024,
          districtId: districts.get(district)!,
          value,
          source: DEMO_SOURCE,
          method,
          isDemo: true,
        },
      });
      values++;
    }
  }
  const defined = [
    { code: "science-bases", name: "市级科普教育基地数量", unit: "个", baseline: 120, target: 200, series: [146, 163, 181] },
    { code: "tech-volunteers", name: "注册科技志愿者人数", unit: "万人", baseline: 3.2, target: 6, series: [4.1, 4.8, 5.5] },
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
      await client.indicatorValue.create({
        data: {
          indicatorId: indicator.id,
          year: 2022 + offset,
          value,
          source: DEMO_SOURCE,
          method: "示例：各区、各单位年度统计汇总",
          isDemo: true,
        },
      });
      values++;
    }
  }
  return values;
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
