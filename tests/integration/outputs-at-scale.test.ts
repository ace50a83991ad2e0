/**
 * The dashboard, the division table, the audit search and the progress export at a size well
 * above a page (issue 16): 1,500 assigned work items, six past rounds of 3,000 reports each and
 * more audit events than the count's cap. Each figure is checked against a count made here by hand
 * from the rows themselves; each list against its bound.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { COUNT_CAP, PAGE_SIZE } from "@/lib/core/paging";
import { ATTENTION_REPORTS_PER_UNIT, HIGHLIGHT_CANDIDATES, getDashboard, onTimeRanking } from "@/lib/outputs/server/dashboard";
import { progressSummaryRows } from "@/lib/outputs/server/dashboard-exports";
import { getDivisionPage, getDivisionTable } from "@/lib/plans/server/plans";
import { listAuditActions, searchAuditEvents } from "@/lib/audit/server/log";
import { actorForRole } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";

const WORK_ITEMS = 1_500;
const ROUNDS = 6;
const NOW = new Date("2025-12-15T10:00:00+08:00");
const DAY = 86_400_000;
const STATES = ["OWED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;

const roundIds: number[] = [];
let education = 0;
let cast = 0;

beforeAll(async () => {
  const measure = await itemByKey("youth.m3");
  [education, cast] = [await unitId("市教育局"), await unitId("市科协")];
  const existing = await db.planItem.count({ where: { parentId: measure.id } });
  await db.planItem.createMany({
    data: Array.from({ length: WORK_ITEMS }, (_, index) => ({
      planId: measure.planId,
      parentId: measure.id,
      kind: "WORK_ITEM" as const,
      position: existing + index + 1,
      title: `规模测试工作任务 ${index + 1}`,
    })),
  });
  const items = await db.planItem.findMany({ where: { parentId: measure.id, title: { startsWith: "规模测试" } }, select: { id: true } });
  await db.assignment.createMany({
    data: items.flatMap((item) => [
      { itemId: item.id, unitId: education, role: "LEAD" as const, position: 1 },
      { itemId: item.id, unitId: cast, role: "SUPPORT" as const, position: 1 },
    ]),
  });
  // Six quarterly rounds, all past their deadline; a fixed sequence of states and submission times.
  let seed = 16;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let index = 0; index < ROUNDS; index++) {
    const deadline = new Date(Date.UTC(2024, index * 2, 28, 16));
    const round = await db.reportingRound.create({ data: { name: `规模测试轮次${index + 1}`, period: `第${index + 1}期`, deadline } });
    roundIds.push(round.id);
    await db.roundItem.createMany({ data: items.map((item) => ({ roundId: round.id, itemId: item.id })) });
    await db.progressReport.createMany({
      data: items.flatMap((item) =>
        [education, cast].map((unit) => {
          const state = STATES[Math.floor(random() * STATES.length)]!;
          const submitted = state === "SUBMITTED" || state === "APPROVED" || state === "RETURNED";
          // Before the deadline, on the deadline day itself (still on time) or two days after.
          const when = random();
          const offset = when < 0.25 ? 2 * DAY : when < 0.5 ? DAY / 2 : -DAY;
          return {
            roundId: round.id,
            itemId: item.id,
            unitId: unit,
            role: unit === education ? ("LEAD" as const) : ("SUPPORT" as const),
            state,
            completion: submitted ? Math.floor(random() * 101) : null,
            peopleReached: state === "APPROVED" ? Math.floor(random() * 10_000) : null,
            submittedAt: submitted ? new Date(deadline.getTime() + offset) : null,
          };
        }),
      ),
    });
  }
  // More audit events than the count's cap (their hashes only need to be unique here).
  const last = (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
  const events = Array.from({ length: COUNT_CAP + 500 }, (_, index) => ({
    id: last + index + 1,
    occurredAt: new Date(NOW.getTime() - (COUNT_CAP + 500 - index) * 60_000),
    actorUsername: index % 100 === 0 ? "scale-auditor" : "scale-user",
    action: "test.scale",
    result: "SUCCESS" as const,
    prevHash: `scale-prev-${index}`,
    hash: `scale-hash-${index}`,
  }));
  for (let start = 0; start < events.length; start += 2_000) await db.auditEvent.createMany({ data: events.slice(start, start + 2_000) });
}, 240_000);

describe("the dashboard at scale", () => {
  it("ranks units by on-time reports over every due round, equal to a count by hand, in one query", async () => {
    const reports = await db.progressReport.findMany({
      where: { round: { deadline: { lt: new Date(NOW.getTime() - DAY) } } },
      select: { unitId: true, submittedAt: true, round: { select: { deadline: true } } },
    });
    const byHand = new Map<number, { owed: number; onTime: number }>();
    for (const report of reports) {
      const row = byHand.get(report.unitId) ?? { owed: 0, onTime: 0 };
      row.owed += 1;
      if (report.submittedAt && report.submittedAt.getTime() < report.round.deadline.getTime() + DAY) row.onTime += 1;
      byHand.set(report.unitId, row);
    }
    const ranking = await onTimeRanking(NOW);
    expect(ranking.length).toBe(byHand.size);
    for (const row of ranking) {
      expect({ unitId: row.unitId, owed: row.owed, onTime: row.onTime }).toEqual({ unitId: row.unitId, ...byHand.get(row.unitId) });
      expect(row.rate).toBe(Math.round((row.onTime / row.owed) * 100));
    }
    expect(ranking.find((row) => row.unitId === education)!.owed).toBeGreaterThanOrEqual(ROUNDS * WORK_ITEMS);
  });

  it("counts a round's late and returned reports in full and lists a bounded few of them", async () => {
    const roundId = roundIds.at(-1)!;
    const { groups } = await getDashboard(await actorForRole("LEADER"), { roundId }, NOW);
    const count = (unit: number, states: string[]) =>
      db.progressReport.count({ where: { roundId, unitId: unit, state: { in: states as never } } });
    const attention = groups!.attention.units.find((unit) => unit.unitId === education)!;
    expect(attention.overdue).toBe(await count(education, ["OWED", "DRAFT"]));
    expect(attention.returned).toBe(await count(education, ["RETURNED"]));
    expect(attention.overdue).toBeGreaterThan(ATTENTION_REPORTS_PER_UNIT);
    expect(attention.reports).toHaveLength(ATTENTION_REPORTS_PER_UNIT);
    expect(groups!.attention.units.every((unit) => unit.reports.length <= ATTENTION_REPORTS_PER_UNIT)).toBe(true);
    // The highlight candidates: the approved reports with the largest outputs, no more than offered.
    const approved = await db.progressReport.findMany({
      where: { roundId, state: "APPROVED" },
      orderBy: [{ peopleReached: "desc" }, { id: "asc" }],
      select: { peopleReached: true },
    });
    expect(approved.length).toBeGreaterThan(HIGHLIGHT_CANDIDATES);
    expect(groups!.approved).toHaveLength(HIGHLIGHT_CANDIDATES);
    expect(groups!.approved[0]!.peopleReached).toBe(approved[0]!.peopleReached);
    expect(groups!.overall.reports).toBe(await db.progressReport.count({ where: { roundId } }));
  });

  it("exports every report of a round larger than a chunk, in the table's order", async () => {
    const roundId = roundIds[0]!;
    const { rows } = await progressSummaryRows(await actorForRole("ADMIN"), roundId, NOW);
    expect(rows).toHaveLength(await db.progressReport.count({ where: { roundId } }));
    expect(rows.length).toBeGreaterThan(2 * WORK_ITEMS - 1);
    // The units in their registry order (市教育局 before 市科协 or after, as sortOrder says), items ascending within.
    const order = await db.unit.findMany({
      where: { id: { in: [education, cast] } },
      orderBy: { sortOrder: "asc" },
      select: { name: true },
    });
    expect([...new Set(rows.map((row) => row.unit))]).toEqual(order.map((unit) => unit.name));
  });
});

describe("the division table at scale", () => {
  it("shows one page of rows, with the total, in the same order as the full table", async () => {
    const leader = await actorForRole("LEADER");
    const all = await getDivisionTable(leader, {});
    const first = await getDivisionPage(leader, {}, 1);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.info).toMatchObject({ page: 1, total: all.length, capped: false, pageCount: Math.ceil(all.length / PAGE_SIZE) });
    expect(first.rows.map((row) => row.itemId)).toEqual(all.slice(0, PAGE_SIZE).map((row) => row.itemId));
    const third = await getDivisionPage(leader, {}, 3);
    expect(third.offset).toBe(2 * PAGE_SIZE);
    expect(third.rows).toEqual(all.slice(2 * PAGE_SIZE, 3 * PAGE_SIZE));
    // Past the last page: the last page.
    const beyond = await getDivisionPage(leader, {}, 10_000);
    expect(beyond.info.page).toBe(first.info.pageCount);
    expect(beyond.rows.at(-1)).toEqual(all.at(-1));
  });

  it("keeps the unit filter across pages: 1,500 more rows for 市科协 as supporting unit", async () => {
    const leader = await actorForRole("LEADER");
    const all = await getDivisionTable(leader, { unit: cast, role: "SUPPORT" });
    expect(all.filter((row) => row.title.startsWith("规模测试"))).toHaveLength(WORK_ITEMS);
    const page = await getDivisionPage(leader, { unit: cast, role: "SUPPORT" }, 2);
    expect(page.info.total).toBe(all.length);
    expect(page.rows).toEqual(all.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    expect(page.rows.every((row) => row.unitRole === "SUPPORT")).toBe(true);
  });
});

describe("the audit search at scale", () => {
  it("stops counting at the cap and still pages", async () => {
    const auditor = await actorForRole("AUDITOR");
    const result = await searchAuditEvents(auditor, { page: 3, action: "test.scale" });
    expect(result).toMatchObject({ total: COUNT_CAP, capped: true });
    expect(result.info.pageCount).toBeGreaterThan(3);
    expect(result.events).toHaveLength(50);
    expect(result.events.every((event) => event.action === "test.scale")).toBe(true);
    // Newest first.
    expect(result.events[0]!.id).toBeGreaterThan(result.events.at(-1)!.id);
  });

  it("counts exactly below the cap, and a date range pages newest first", async () => {
    const auditor = await actorForRole("AUDITOR");
    const few = await searchAuditEvents(auditor, { page: 1, username: "scale-auditor" });
    expect(few).toMatchObject({ total: (COUNT_CAP + 500) / 100, capped: false });
    const dated = await searchAuditEvents(auditor, { page: 1, action: "test.scale", from: "2025-12-10", to: "2025-12-15" });
    const inRange = await db.auditEvent.count({
      where: {
        action: "test.scale",
        occurredAt: { gte: new Date("2025-12-10T00:00:00+08:00"), lt: new Date("2025-12-16T00:00:00+08:00") },
      },
    });
    expect(dated.total).toBe(Math.min(inRange, COUNT_CAP));
    expect(dated.events[0]!.occurredAt.getTime()).toBeGreaterThanOrEqual(dated.events.at(-1)!.occurredAt.getTime());
  });

  it("lists each distinct action once, as SELECT DISTINCT does", async () => {
    const actions = await listAuditActions(await actorForRole("AUDITOR"));
    const distinct = await db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
    expect(actions).toEqual(distinct.map((row) => row.action));
    expect(actions).toContain("test.scale");
  });
});
