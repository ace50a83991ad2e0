import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { chaseMissingSupporters } from "@/lib/reporting/server/chasing";
import { getReport, saveReport } from "@/lib/reporting/server/reports";
import { openRound } from "@/lib/reporting/server/rounds";
import { getActor } from "@/lib/core/session";
import { actorFor, actorForRole } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";
import { filledReport, reportOf } from "../support/round-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

const { chaseSupportersAction } = await import("@/lib/reporting/actions/chasing");

// A deadline well ahead of any clock this runs on, so opening the round is never refused as past;
// the lights are computed against explicit instants around it.
const DEADLINE = "2030-06-30";
const BEFORE = new Date("2030-06-01T10:00:00+08:00");
const AFTER = new Date("2030-07-03T10:00:00+08:00");
const DRAFT_SECRET = "妇联草稿中的内部措辞（不得给牵头单位看）";
const RETURNED_SECRET = "退回后正在修改的内容";

let roundId = 0;
let leadId = 0;
let supporterNames: string[] = [];

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

/** A supporter's report in a state, written directly: fixtures never depend on the checks under test. */
async function supporterIn(name: string, state: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED", extra: Record<string, unknown> = {}) {
  const report = await reportOf(roundId, name);
  await db.progressReport.update({
    where: { id: report.id },
    data: { state, status: "ON_TRACK", completion: 50, submittedAt: state === "DRAFT" ? null : BEFORE, ...extra },
  });
  return report.id;
}

beforeAll(async () => {
  const youth = await itemByKey("youth");
  const { round } = await openRound(
    await actorForRole("ADMIN"),
    { name: "汇总测试轮次", period: "2030年第二季度", deadline: DEADLINE, itemIds: [youth.id] },
    BEFORE,
  );
  roundId = round.id;
  const lead = await reportOf(roundId, "市教育局");
  leadId = lead.id;
  const supporters = await db.progressReport.findMany({
    where: { roundId, role: "SUPPORT" },
    include: { unit: true },
    orderBy: { unit: { sortOrder: "asc" } },
  });
  supporterNames = supporters.map((report) => report.unit.name);
  expect(supporterNames).toContain("市卫生健康委");
  expect(supporterNames).toContain("市妇联");
  expect(supporterNames.length).toBeGreaterThanOrEqual(4);

  // The lead's own saved draft.
  await saveReport(
    await actorFor("jyj"),
    { reportId: lead.id, version: lead.version, intent: "save", submissionKey: "", ...filledReport },
    BEFORE,
  );
  // 市卫生健康委 submits through the app.
  const wjw = await reportOf(roundId, "市卫生健康委");
  await saveReport(
    await actorFor("wjw"),
    {
      reportId: wjw.id,
      version: wjw.version,
      intent: "submit",
      submissionKey: "",
      ...filledReport,
      workDone: "开展医学科普进校园 5 场。",
      problems: "专家档期紧张。",
      nextSteps: "与市教育局联合开展健康讲座。",
      eventsHeld: 5,
      peopleReached: 1000,
      outputs: [
        { name: "科普讲座", value: 3, unit: "场" },
        { name: "义诊", value: 2, unit: "次" },
      ],
    },
    BEFORE,
  );
  // Others: one draft (with outputs that must not count), one approved, one returned.
  const [, approved, returned] = supporterNames.filter((name) => name !== "市卫生健康委" && name !== "市妇联");
  await supporterIn("市妇联", "DRAFT", { workDone: DRAFT_SECRET, eventsHeld: 99, peopleReached: 99999 });
  await db.reportOutput.create({
    data: { reportId: (await reportOf(roundId, "市妇联")).id, name: "科普讲座", value: 50, unit: "场", position: 1 },
  });
  const approvedId = await supporterIn(approved!, "APPROVED", { workDone: "已审核通过的内容", eventsHeld: 1, peopleReached: null });
  await db.reportOutput.create({ data: { reportId: approvedId, name: "科普讲座", value: 0.5, unit: "场", position: 1 } });
  if (returned) await supporterIn(returned, "RETURNED", { workDone: RETURNED_SECRET, eventsHeld: 7 });
});

describe("the lead unit's consolidation", () => {
  it("lists every supporting unit of the item with its state and light, including those that have not reported", async () => {
    const { supporters } = await getReport(await actorFor("jyj"), leadId, AFTER);
    expect(supporters.map((supporter) => supporter.unit.name)).toEqual(supporterNames);
    const byName = new Map(supporters.map((supporter) => [supporter.unit.name, supporter]));
    expect(byName.get("市卫生健康委")).toMatchObject({ state: "SUBMITTED", light: "GREEN", reason: { key: "reportedOnTrack" } });
    expect(byName.get("市妇联")).toMatchObject({
      state: "DRAFT",
      light: "RED",
      reason: { key: "overdueNotSubmitted", values: { days: 3 } },
    });
    const owed = supporters.filter((supporter) => supporter.state === "OWED");
    expect(owed.length).toBeGreaterThan(0);
    expect(owed.every((supporter) => supporter.light === "RED" && supporter.report === null)).toBe(true);
    // Before the deadline a unit that has not reported is not yet late.
    const early = await getReport(await actorFor("jyj"), leadId, new Date("2030-05-01T10:00:00+08:00"));
    expect(early.supporters.find((supporter) => supporter.unit.name === "市妇联")).toMatchObject({
      light: "GREEN",
      reason: { key: "notYetDue" },
    });
  });

  it("never gives the lead a supporter's text before it is submitted, nor while it is returned for revision", async () => {
    const jyj = await actorFor("jyj");
    const result = await getReport(jyj, leadId, AFTER);
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain(DRAFT_SECRET);
    expect(serialized).not.toContain(RETURNED_SECRET);
    const shared = result.supporters.filter((supporter) => supporter.report !== null).map((supporter) => supporter.state);
    expect(shared.sort()).toEqual(["APPROVED", "SUBMITTED"]);
    expect(result.supporters.find((supporter) => supporter.unit.name === "市卫生健康委")?.report?.workDone).toBe(
      "开展医学科普进校园 5 场。",
    );
    // Nor by opening the supporter's report itself.
    await expect(getReport(jyj, (await reportOf(roundId, "市妇联")).id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const returned = await db.progressReport.findFirst({ where: { roundId, role: "SUPPORT", state: "RETURNED" } });
    if (returned) await expect(getReport(jyj, returned.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("adds up the lead's own outputs and those of submitted and approved supporters only", async () => {
    const { totals } = await getReport(await actorFor("jyj"), leadId, AFTER);
    const approved = supporterNames.filter((name) => name !== "市卫生健康委" && name !== "市妇联")[1]!;
    expect(totals!.rows.map((row) => [row.unitName, row.own, row.eventsHeld, row.peopleReached])).toEqual([
      ["市教育局", true, 12, 3400],
      ...supporterNames
        .filter((name) => name === "市卫生健康委" || name === approved)
        .map((name) => (name === approved ? [name, false, 1, null] : [name, false, 5, 1000])),
    ]);
    expect(totals!.total).toEqual({
      eventsHeld: 12 + 5 + 1,
      peopleReached: 3400 + 1000,
      outputs: [
        { name: "科普讲座", value: 12 + 3 + 0.5, unit: "场" },
        { name: "义诊", value: 2, unit: "次" },
      ],
    });
  });

  it("is only on a lead unit's report", async () => {
    const result = await getReport(await actorFor("wjw"), (await reportOf(roundId, "市卫生健康委")).id, AFTER);
    expect(result.supporters).toEqual([]);
    expect(result.totals).toBeNull();
  });
});

describe("chasing the missing supporters from the lead's report", () => {
  it("sends 提醒 to each supporter that has not submitted, then the next level", async () => {
    const admin = await actorForRole("ADMIN");
    const missing = await db.progressReport.findMany({
      where: { roundId, role: "SUPPORT", state: { in: ["OWED", "DRAFT", "RETURNED"] } },
      select: { unitId: true },
    });
    const first = await chaseMissingSupporters(admin, { reportId: leadId }, BEFORE);
    expect(first.units).toBe(missing.length);
    expect(first.sent.every((sent) => sent.level === "REMIND")).toBe(true);
    const wjwUnit = await unitId("市卫生健康委");
    expect(first.sent.some((sent) => sent.unitId === wjwUnit)).toBe(false);

    vi.mocked(getActor).mockResolvedValue(admin);
    expect(await chaseSupportersAction(null, form({ reportId: leadId }))).toEqual({ ok: true, data: { units: missing.length } });
    const chases = await db.chase.findMany({ where: { roundId }, orderBy: { id: "asc" } });
    expect(chases.map((chase) => chase.level)).toEqual([...missing.map(() => "REMIND"), ...missing.map(() => "URGE")]);
    const fulian = await unitId("市妇联");
    const events = await db.reportEvent.findMany({ where: { roundId, unitId: fulian }, select: { type: true }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.type)).toEqual(["REMINDED", "URGED"]);
    const { supporters } = await getReport(admin, leadId, AFTER);
    expect(supporters.find((supporter) => supporter.unit.name === "市妇联")?.chased).toBe("URGE");
  });

  it("is CAST's alone, and only from a lead unit's report", async () => {
    for (const username of ["jyj", "leader", "wjw"]) {
      const error = await chaseMissingSupporters(await actorFor(username), { reportId: leadId }).catch((caught: unknown) => caught);
      expect(error instanceof AppError && error.code, username).toBe("FORBIDDEN");
    }
    const supporterReport = await reportOf(roundId, "市卫生健康委");
    await expect(chaseMissingSupporters(await actorForRole("ADMIN"), { reportId: supporterReport.id })).rejects.toMatchObject({
      messageKey: "notLeadReport",
    });
  });
});
