/**
 * The target-size fixture (tests/support/scale-data.ts) that the "scale" end-to-end project serves:
 * the figures it returns are the database's, its rows look like the app's own (a report per
 * assignment and round with the unit's role, as openRound creates them; timestamps as the workflow
 * sets them; markers on the texts as the spec relies on), and its audit rows keep the chain valid.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/chain";
import { auditKeyring } from "@/lib/audit/keys";
import { db } from "@/lib/core/db";
import { buildScaleData, markerFor, SCALE, SCALE_STATES, type ScaleFigures } from "../support/scale-data";

let figures: ScaleFigures;
const now = new Date();
// SQLite only: the fixture is written straight into the SQLite file with better-sqlite3, for the
// e2e "scale" project, which serves a SQLite database.
const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";

beforeAll(() => {
  if (onPostgres) return;
  figures = buildScaleData(process.env.DATABASE_URL!.replace(/^file:/, ""), auditKeyring(), now);
}, 180_000);

describe.skipIf(onPostgres)("the target-size fixture", () => {
  it("has the target size and returns the database's own figures", async () => {
    expect(figures.workItems).toBe(SCALE.workItems);
    expect(await db.planItem.count({ where: { kind: "WORK_ITEM", plan: { code: figures.planCode } } })).toBe(SCALE.workItems);
    expect(figures.reports).toBe(await db.progressReport.count());
    expect(figures.reports).toBeGreaterThanOrEqual(55_000);
    expect(figures.reports).toBeLessThanOrEqual(65_000);
    expect(figures.auditRows).toBe(await db.auditEvent.count());
    expect(figures.auditRows).toBeGreaterThanOrEqual(SCALE.auditRows);
    expect(figures.reviewQueue).toBe(await db.progressReport.count({ where: { state: "SUBMITTED" } }));
    expect(figures.outputs).toBe(await db.reportOutput.count());
    expect(figures.events).toBe(await db.reportEvent.count());
    expect(figures.chases).toBe(await db.chase.count());
    const grouped = await db.progressReport.groupBy({ by: ["state"], _count: { _all: true } });
    expect(Object.fromEntries(grouped.map((row) => [row.state, row._count._all]))).toEqual(figures.byState);
    const perUnit = await db.progressReport.groupBy({ by: ["unitId", "state"], _count: { _all: true } });
    for (const row of perUnit) expect(figures.reportsByUnit[row.unitId]![row.state]).toBe(row._count._all);
    for (const [userId, count] of Object.entries(figures.inboxByUser))
      expect(await db.inboxMessage.count({ where: { userId: Number(userId) } })).toBe(count);
    const { objectType, objectId, count } = figures.auditSample;
    expect(await db.auditEvent.count({ where: { objectType, objectId } })).toBe(count);
    expect(figures.auditSample.count).toBeGreaterThan(0);
  });

  it("has one open round due ahead and closed rounds past their deadlines, each with every state", async () => {
    const rounds = await db.reportingRound.findMany({ orderBy: { id: "asc" } });
    expect(rounds).toHaveLength(SCALE.rounds);
    expect(rounds.filter((round) => round.status === "OPEN").map((round) => round.id)).toEqual([figures.openRoundId]);
    for (const round of rounds) {
      if (round.status === "OPEN") expect(round.deadline > now).toBe(true);
      else expect(round.deadline < now && round.closedAt !== null && round.closedAt < now).toBe(true);
      const expected = figures.rounds.find((each) => each.id === round.id)!;
      expect(await db.progressReport.count({ where: { roundId: round.id } })).toBe(expected.reports);
      for (const state of SCALE_STATES) expect(expected.byState[state], `${round.name} ${state}`).toBeGreaterThan(0);
    }
  });

  it("holds one report per assignment and round with the unit's role, as openRound creates them", async () => {
    expect(await db.roundItem.count()).toBe(SCALE.rounds * SCALE.workItems);
    expect(figures.reports).toBe(SCALE.rounds * figures.assignments);
    const [row] = await db.$queryRawUnsafe<{ unmatched: bigint }[]>(
      `SELECT count(*) AS unmatched FROM "ProgressReport" r
       WHERE NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a.itemId = r.itemId AND a.unitId = r.unitId AND a.role = r.role)
          OR NOT EXISTS (SELECT 1 FROM "RoundItem" ri WHERE ri.roundId = r.roundId AND ri.itemId = r.itemId)`,
    );
    expect(Number(row!.unmatched)).toBe(0);
    // Each item has one lead.
    const leads = await db.assignment.groupBy({
      by: ["itemId"],
      where: { role: "LEAD", item: { kind: "WORK_ITEM", plan: { code: figures.planCode } } },
      _count: { _all: true },
    });
    expect(leads).toHaveLength(SCALE.workItems);
    expect(leads.every((row) => row._count._all === 1)).toBe(true);
  });

  it("sets timestamps, texts and markers as the workflow would", async () => {
    const wrong = await db.progressReport.count({
      where: {
        OR: [
          { state: "OWED", OR: [{ workDone: { not: "" } }, { status: { not: null } }, { submittedAt: { not: null } }] },
          { state: { in: ["SUBMITTED", "APPROVED", "RETURNED"] }, submittedAt: null },
          { state: { in: ["APPROVED", "RETURNED"] }, reviewedAt: null },
          { state: { in: ["OWED", "DRAFT", "SUBMITTED"] }, reviewedAt: { not: null } },
        ],
      },
    });
    expect(wrong).toBe(0);
    for (const unit of figures.units.slice(0, 5)) {
      const reports = await db.progressReport.findMany({
        where: { unitId: unit.id, state: { not: "OWED" } },
        select: { state: true, workDone: true },
      });
      for (const report of reports) expect(report.workDone).toContain(markerFor(unit.id, report.state === "APPROVED"));
    }
  });

  it("continues the audit trail's keyed hash chain", async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: figures.auditRows });
  }, 120_000);
});
