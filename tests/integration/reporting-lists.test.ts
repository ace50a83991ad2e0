/**
 * The reporting pages cost what they show (issue 16): the rounds list, the round board, the review
 * queue, 我的任务's history and the inbox are paged in the database, and their counts and lights come
 * from grouped queries that must agree with the reports one by one. Fixtures are written directly
 * (120 rounds, a round with 400+ reports): the app's own path would take minutes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { db } from "@/lib/core/db";
import { PAGE_SIZE } from "@/lib/core/paging";
import type { ProgressStatus, ReportState } from "@/lib/generated/prisma/enums";
import { listInbox } from "@/lib/reporting/server/inbox";
import { myTasks, reviewQueue } from "@/lib/reporting/server/reports";
import { approveReports } from "@/lib/reporting/server/review";
import { getRoundBoard, listRounds, reportLight, summarizeCounts } from "@/lib/reporting/server/rounds";
import { summarize } from "@/lib/reporting/traffic-light";
import { actorFor, actorForRole } from "../support/actors";

const NOW = new Date("2025-10-03T10:00:00+08:00");
const ROUNDS = 120;
const STATES: ReportState[] = ["OWED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"];
const STATUSES: ProgressStatus[] = ["ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED", "NOT_STARTED"];

let admin: Actor;
let liaison: Actor;
/** The round with a report from every unit on each of ten items. */
let bigRoundId = 0;
let greenRoundId = 0;
let bigRoundDeadline = new Date("2025-09-30T00:00:00+08:00");
/** Rounds created here, oldest deadline first. */
let createdRounds: { id: number; deadline: Date }[] = [];

beforeAll(async () => {
  admin = await actorForRole("ADMIN");
  liaison = await actorFor("jyj");
  const base = Date.UTC(2010, 0, 1);
  await db.reportingRound.createMany({
    data: Array.from({ length: ROUNDS }, (_, index) => ({
      name: `分页测试轮次${index + 1}`,
      period: `第${index + 1}期`,
      // One a month back from 2010, so all older than the demo rounds, and distinct.
      deadline: new Date(base - (ROUNDS - index) * 30 * 86_400_000),
      status: "CLOSED" as const,
    })),
  });
  createdRounds = await db.reportingRound.findMany({
    where: { name: { startsWith: "分页测试轮次" } },
    orderBy: { deadline: "asc" },
    select: { id: true, deadline: true },
  });
  // 市教育局 reported on one item in each of these closed rounds: its history in 我的任务.
  const item = await db.planItem.findFirstOrThrow({ where: { kind: "SECTION" }, orderBy: { id: "asc" } });
  await db.progressReport.createMany({
    data: createdRounds.map((round) => ({
      roundId: round.id,
      itemId: item.id,
      unitId: liaison.unitId!,
      role: "LEAD" as const,
      state: "APPROVED" as const,
      status: "ON_TRACK" as const,
    })),
  });

  // The big round: every unit on ten items, states and statuses in a fixed mix, some on-track
  // reports submitted after the deadline day (逾期后报送), 120 waiting for review.
  const big = await db.reportingRound.create({ data: { name: "分页测试大轮次", period: "2025年第三季度", deadline: bigRoundDeadline } });
  bigRoundId = big.id;
  bigRoundDeadline = big.deadline;
  const [items, units] = await Promise.all([
    db.planItem.findMany({ orderBy: { id: "asc" }, take: 10, select: { id: true } }),
    db.unit.findMany({ orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  let index = 0;
  const rows = items.flatMap((item) =>
    units.map((unit) => {
      index += 1;
      const state = STATES[index % STATES.length]!;
      const status = state === "OWED" ? null : STATUSES[Math.floor(index / 5) % STATUSES.length]!;
      const late = index % 3 === 0;
      return {
        roundId: big.id,
        itemId: item.id,
        unitId: unit.id,
        role: (index % 4 === 0 ? "LEAD" : "SUPPORT") as "LEAD" | "SUPPORT",
        state,
        status,
        submittedAt:
          state === "SUBMITTED" || state === "APPROVED"
            ? new Date(big.deadline.getTime() + (late ? 2 : -2) * 86_400_000 + index * 1000)
            : null,
      };
    }),
  );
  await db.progressReport.createMany({ data: rows });

  // An all-green round: 按计划推进 on time (to the last instant of the deadline day) and late (from
  // the first instant after it), so its summary's reasons are where lateness shows.
  const green = await db.reportingRound.create({
    data: { name: "分页测试全绿轮次", period: "2025年8月", deadline: new Date("2025-08-31T00:00:00+08:00") },
  });
  greenRoundId = green.id;
  const greenItems = await db.planItem.findMany({ orderBy: { id: "asc" }, take: 4, select: { id: true } });
  const submittedAt = [
    "2025-08-31T23:59:59.999+08:00",
    "2025-09-01T00:00:00+08:00",
    "2025-09-03T10:00:00+08:00",
    "2025-08-20T10:00:00+08:00",
  ];
  await db.progressReport.createMany({
    data: greenItems.map((item, n) => ({
      roundId: green.id,
      itemId: item.id,
      unitId: liaison.unitId!,
      role: "LEAD" as const,
      state: n === 3 ? ("SUBMITTED" as const) : ("APPROVED" as const),
      status: "ON_TRACK" as const,
      submittedAt: new Date(submittedAt[n]!),
    })),
  });

  // 120 messages in jyj's inbox, a minute apart, the newest 7 unread.
  const start = Date.UTC(2030, 0, 1);
  await db.inboxMessage.createMany({
    data: Array.from({ length: 120 }, (_, n) => ({
      userId: liaison.userId,
      kind: "REMIND",
      title: `分页测试消息${n + 1}`,
      body: "请报送",
      createdAt: new Date(start + n * 60_000),
      readAt: n < 113 ? new Date(start) : null,
    })),
  });
}, 120_000);

/** The light summary of reports computed one by one, as the board did before it grouped them. */
function oneByOne(reports: { state: string; status: string | null; submittedAt: Date | null }[]) {
  return summarize(reports.map((report) => reportLight(report, bigRoundDeadline, NOW)));
}

describe("the rounds list", () => {
  it("shows one page of 50, newest deadline first, with the true total, and the next page the next rounds", async () => {
    const total = await db.reportingRound.count();
    const first = await listRounds(admin, { page: 1 }, NOW);
    expect(first.rounds).toHaveLength(PAGE_SIZE);
    expect(first.info).toMatchObject({ page: 1, total, capped: false, pageCount: Math.ceil(total / PAGE_SIZE) });
    const all = await db.reportingRound.findMany({ orderBy: [{ deadline: "desc" }, { id: "desc" }], select: { id: true } });
    expect(first.rounds.map((round) => round.id)).toEqual(all.slice(0, PAGE_SIZE).map((round) => round.id));
    const second = await listRounds(admin, { page: 2 }, NOW);
    expect(second.rounds.map((round) => round.id)).toEqual(all.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((round) => round.id));
    const last = await listRounds(admin, { page: first.info.pageCount }, NOW);
    expect(last.rounds.map((round) => round.id)).toEqual(all.slice((first.info.pageCount - 1) * PAGE_SIZE).map((round) => round.id));
  });

  it("counts each round's reports and lights from grouped queries, equal to the reports one by one", async () => {
    const { rounds } = await listRounds(admin, { page: 1 }, NOW);
    const big = rounds.find((round) => round.id === bigRoundId)!;
    const reports = await db.progressReport.findMany({
      where: { roundId: bigRoundId },
      select: { state: true, status: true, submittedAt: true },
    });
    expect(big.reportCount).toBe(reports.length);
    expect(big.submitted).toBe(reports.filter((report) => report.state === "SUBMITTED" || report.state === "APPROVED").length);
    expect(big.summary).toEqual(oneByOne(reports));
    // Every round of the page, demo rounds included.
    for (const round of rounds) {
      const own = await db.progressReport.findMany({
        where: { roundId: round.id },
        select: { state: true, status: true, submittedAt: true },
      });
      expect(round.summary).toEqual(summarize(own.map((report) => reportLight(report, round.deadline, NOW))));
    }
  });
});

describe("a round whose reports are all green", () => {
  it("names on-track reports submitted after the deadline day 逾期后报送, on the list and the board, as one by one", async () => {
    const reports = await db.progressReport.findMany({
      where: { roundId: greenRoundId },
      select: { state: true, status: true, submittedAt: true },
    });
    const deadline = new Date("2025-08-31T00:00:00+08:00");
    const expected = summarize(reports.map((report) => reportLight(report, deadline, NOW)));
    expect(expected.reasons).toEqual([
      { key: "reportedOnTrack", count: 2 },
      { key: "submittedLate", count: 2 },
    ]);
    const { rounds } = await listRounds(admin, { page: 1 }, NOW);
    expect(rounds.find((round) => round.id === greenRoundId)!.summary).toEqual(expected);
    const board = await getRoundBoard(admin, greenRoundId, NOW);
    expect(board.summary).toEqual(expected);
    expect(board.units.map((unit) => unit.summary)).toEqual([expected]);
  });
});

describe("the light summary of grouped reports", () => {
  it("equals the one-by-one summary, late on-track reports (逾期后报送) included, and with no reports at all", () => {
    const deadline = new Date("2025-09-30T00:00:00+08:00");
    const now = new Date("2025-09-10T10:00:00+08:00");
    const onTime = { state: "SUBMITTED", status: "ON_TRACK", submittedAt: new Date("2025-09-29T10:00:00+08:00") };
    const late = { state: "APPROVED", status: "ON_TRACK", submittedAt: new Date("2025-10-02T10:00:00+08:00") };
    const reports = [onTime, late, late, { state: "APPROVED", status: "COMPLETED", submittedAt: null }];
    expect(
      summarizeCounts(
        [
          { state: "SUBMITTED", status: "ON_TRACK", count: 1 },
          { state: "APPROVED", status: "ON_TRACK", count: 2 },
          { state: "APPROVED", status: "COMPLETED", count: 1 },
        ],
        2,
        deadline,
        now,
      ),
    ).toEqual(summarize(reports.map((report) => reportLight(report, deadline, now))));
    expect(summarizeCounts([], 0, deadline, now)).toEqual(summarize([]));
  });
});

describe("the round board", () => {
  it("sums up every unit from grouped queries, equal to its reports one by one", async () => {
    const board = await getRoundBoard(admin, bigRoundId, NOW);
    const reports = await db.progressReport.findMany({
      where: { roundId: bigRoundId },
      select: { unitId: true, state: true, status: true, submittedAt: true },
    });
    const unitIds = [...new Set(reports.map((report) => report.unitId))];
    expect(board.units.map((unit) => unit.id).sort((a, b) => a - b)).toEqual(unitIds.sort((a, b) => a - b));
    for (const unit of board.units) {
      const own = reports.filter((report) => report.unitId === unit.id);
      expect(unit.reportCount).toBe(own.length);
      for (const state of STATES) expect(unit.states[state]).toBe(own.filter((report) => report.state === state).length);
      expect(unit.summary).toEqual(oneByOne(own));
    }
    expect(board.summary).toEqual(oneByOne(reports));
    expect(board.states.SUBMITTED).toBe(reports.filter((report) => report.state === "SUBMITTED").length);
  });

  it("lists one page of 50 reports with the true total, the next page the next ones, none twice", async () => {
    const total = await db.progressReport.count({ where: { roundId: bigRoundId } });
    expect(total).toBeGreaterThan(4 * PAGE_SIZE);
    const first = await getRoundBoard(admin, bigRoundId, NOW, { page: 1 });
    const second = await getRoundBoard(admin, bigRoundId, NOW, { page: 2 });
    expect(first.reports).toHaveLength(PAGE_SIZE);
    expect(second.reports).toHaveLength(PAGE_SIZE);
    expect(first.info).toMatchObject({ total, pageCount: Math.ceil(total / PAGE_SIZE) });
    const ids = [...first.reports, ...second.reports].map((report) => report.id);
    expect(new Set(ids).size).toBe(2 * PAGE_SIZE);
    const lastPage = await getRoundBoard(admin, bigRoundId, NOW, { page: first.info.pageCount });
    expect(lastPage.reports).toHaveLength(total - (first.info.pageCount - 1) * PAGE_SIZE);
    // Each row carries the light its report has.
    const row = first.reports[0]!;
    expect({ light: row.light, reason: row.reason }).toEqual(reportLight(row, bigRoundDeadline, NOW));
  });

  it("narrows the reports by unit and by state", async () => {
    const unit = liaison.unitId!;
    const byUnit = await getRoundBoard(admin, bigRoundId, NOW, { unit, page: 1 });
    const expected = await db.progressReport.count({ where: { roundId: bigRoundId, unitId: unit } });
    expect(byUnit.info.total).toBe(expected);
    expect(byUnit.reports.every((report) => report.unit.id === unit)).toBe(true);
    const submitted = await getRoundBoard(admin, bigRoundId, NOW, { state: "SUBMITTED", page: 1 });
    expect(submitted.info.total).toBe(await db.progressReport.count({ where: { roundId: bigRoundId, state: "SUBMITTED" } }));
    expect(submitted.reports.every((report) => report.state === "SUBMITTED")).toBe(true);
    // The unit summaries stay the whole round's whatever the table shows.
    expect(submitted.units).toEqual(byUnit.units);
  });
});

describe("the review queue", () => {
  it("shows one page of 50, oldest submission first, the total and the next page; the filters come from the whole queue", async () => {
    const queue = await db.progressReport.findMany({
      where: { state: "SUBMITTED" },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(queue.length).toBeGreaterThan(PAGE_SIZE);
    const first = await reviewQueue(admin, { sort: "oldest", page: 1 });
    expect(first.reports.map((report) => report.id)).toEqual(queue.slice(0, PAGE_SIZE).map((report) => report.id));
    expect(first.total).toBe(queue.length);
    expect(first.matching).toBe(queue.length);
    expect(first.info).toMatchObject({ page: 1, total: queue.length });
    const second = await reviewQueue(admin, { sort: "oldest", page: 2 });
    expect(second.reports.map((report) => report.id)).toEqual(queue.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((report) => report.id));
    expect(first.options.rounds.map((round) => round.id)).toContain(bigRoundId);
    const units = await db.progressReport.findMany({ where: { state: "SUBMITTED" }, distinct: ["unitId"], select: { unitId: true } });
    expect(first.options.units.map((unit) => unit.id).sort((a, b) => a - b)).toEqual(units.map((row) => row.unitId).sort((a, b) => a - b));
  });

  it("keeps a filter and order across pages, counting the filtered queue", async () => {
    const unit = liaison.unitId!;
    const expected = await db.progressReport.findMany({
      where: { state: "SUBMITTED", roundId: bigRoundId, unitId: unit },
      orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    const page = await reviewQueue(admin, { sort: "newest", round: bigRoundId, unit, page: 1 });
    expect(page.matching).toBe(expected.length);
    expect(page.reports.map((report) => report.id)).toEqual(expected.slice(0, PAGE_SIZE).map((report) => report.id));
  });

  it("approves exactly the page selected in bulk (全选本页), and the next page moves up", async () => {
    const before = await reviewQueue(admin, { sort: "oldest", round: bigRoundId, page: 1 });
    expect(before.matching).toBeGreaterThan(PAGE_SIZE);
    const pageIds = before.reports.map((report) => report.id);
    const nextIds = (await reviewQueue(admin, { sort: "oldest", round: bigRoundId, page: 2 })).reports.map((report) => report.id);
    const result = await approveReports(
      admin,
      { reports: before.reports.map((report) => ({ reportId: report.id, version: report.version })) },
      NOW,
    );
    expect(result.approved).toHaveLength(PAGE_SIZE);
    const approved = await db.progressReport.findMany({ where: { roundId: bigRoundId, id: { in: pageIds } }, select: { state: true } });
    expect(approved.every((report) => report.state === "APPROVED")).toBe(true);
    const after = await reviewQueue(admin, { sort: "oldest", round: bigRoundId, page: 1 });
    expect(after.matching).toBe(before.matching - PAGE_SIZE);
    expect(after.reports.map((report) => report.id)).toEqual(nextIds.slice(0, after.reports.length));
  });
});

describe("我的任务", () => {
  it("lists the open rounds' reports in full and the closed rounds' history a page at a time, newest round first", async () => {
    const history = await db.progressReport.findMany({
      where: { unitId: liaison.unitId!, round: { status: "CLOSED" } },
      orderBy: [{ round: { deadline: "desc" } }, { roundId: "desc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(history.length).toBeGreaterThan(2 * PAGE_SIZE);
    const first = await myTasks(liaison);
    expect(first.history.map((report) => report.id)).toEqual(history.slice(0, PAGE_SIZE).map((report) => report.id));
    expect(first.historyInfo).toMatchObject({ page: 1, total: history.length });
    const second = await myTasks(liaison, { page: 2 });
    expect(second.history.map((report) => report.id)).toEqual(history.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((report) => report.id));
    const open = await db.progressReport.count({ where: { unitId: liaison.unitId!, round: { status: "OPEN" } } });
    expect(first.open).toHaveLength(open);
    expect(first.open.every((report) => report.round.status === "OPEN" && report.unitId === liaison.unitId)).toBe(true);
  });
});

describe("the inbox", () => {
  it("shows 50 messages a page, newest first, with the unread count of the whole inbox", async () => {
    const all = await db.inboxMessage.findMany({
      where: { userId: liaison.userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    const unread = await db.inboxMessage.count({ where: { userId: liaison.userId, readAt: null } });
    const first = await listInbox(liaison);
    expect(first.messages.map((message) => message.id)).toEqual(all.slice(0, PAGE_SIZE).map((message) => message.id));
    expect(first.info).toMatchObject({ total: all.length, pageCount: Math.ceil(all.length / PAGE_SIZE) });
    expect(first.unread).toBe(unread);
    const last = await listInbox(liaison, { page: first.info.pageCount });
    expect(last.messages.map((message) => message.id)).toEqual(
      all.slice((first.info.pageCount - 1) * PAGE_SIZE).map((message) => message.id),
    );
    // Only the reader's own.
    const other = await listInbox(await actorFor("wjw"));
    expect(other.messages.some((message) => message.title.startsWith("分页测试消息"))).toBe(false);
  });
});
