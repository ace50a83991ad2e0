/**
 * Every query the hot signed-in pages send is served by an index (issue 16, target 4): the test
 * calls the real data-layer functions, captures the SQL Prisma actually sends (the app's client,
 * built here with query events before any app module loads), runs `EXPLAIN QUERY PLAN` on each
 * statement and fails on a full `SCAN` of a large table. `SCAN … USING INDEX`, `USING COVERING
 * INDEX` and `SEARCH` pass. The plans are printed in the failure message. Because it follows the
 * functions, not copies of their SQL, it keeps checking the pages as their queries change.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createSqliteAdapterFactory, sqliteFilePath } from "@/lib/core/db/sqlite-adapter";

// SQLite only: EXPLAIN QUERY PLAN and SQLite's planner. On PostgreSQL the client is never opened
// and the checks are skipped.
const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";
const captured: { query: string; params: string }[] = [];
const client = new PrismaClient({
  adapter: createSqliteAdapterFactory(onPostgres ? "file::memory:" : process.env.DATABASE_URL!),
  log: [{ emit: "event", level: "query" }],
});
client.$on("query", (event) => captured.push({ query: event.query, params: event.params }));
// lib/core/db.ts keeps its client on globalThis: the app's modules, imported below, use this one.
if (!onPostgres) (globalThis as unknown as { prisma?: unknown }).prisma = client;

const { db } = await import("@/lib/core/db");
const { actorFor, actorForRole } = await import("../support/actors");
const { seedDemoHistory } = await import("@/lib/seed/demo-history");
const { getDashboard } = await import("@/lib/outputs/server/dashboard");
const { getDivisionPage } = await import("@/lib/plans/server/plans");
const { searchAuditEvents, listAuditActions } = await import("@/lib/audit/server/log");
const reports = await import("@/lib/reporting/server/reports");
const rounds = await import("@/lib/reporting/server/rounds");
const publicProgress = await import("@/lib/outputs/server/public-progress");

/** Tables whose rows grow with the history: a full scan of one of them is a failure. */
export const LARGE_TABLES = [
  "ProgressReport",
  "AuditEvent",
  "ReportEvent",
  "ReportOutput",
  "Assignment",
  "PlanItem",
  "Chase",
  "InboxMessage",
  "Attachment",
] as const;

interface Explained {
  sql: string;
  plan: string[];
  scans: string[];
}

let sqlite: Database.Database;

beforeAll(async () => {
  if (onPostgres) return;
  await seedDemoHistory(db);
  sqlite = new Database(sqliteFilePath(process.env.DATABASE_URL!), { readonly: true, fileMustExist: true });
});

afterAll(() => sqlite?.close());

/** SQLite's name for each table alias in a statement (`FROM "ProgressReport" AS "t1"`, `"Unit" u`). */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const table of LARGE_TABLES) map.set(table, table);
  const pattern = /(?:FROM|JOIN)\s+(?:`?"?main"?`?\.)?[`"]?(\w+)[`"]?(?:\s+AS)?\s+[`"]?(\w+)[`"]?/gi;
  for (const match of sql.matchAll(pattern)) {
    const [, table, alias] = match;
    if (table && alias && !/^(WHERE|ON|LEFT|INNER|JOIN|GROUP|ORDER|LIMIT|USING)$/i.test(alias)) map.set(alias, table);
  }
  return map;
}

function bindable(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

/** EXPLAIN QUERY PLAN of one captured statement; `scans` are its full scans of large tables. */
function explain({ query, params }: { query: string; params: string }): Explained {
  let values: unknown[] = [];
  try {
    values = (JSON.parse(params) as unknown[]).map(bindable);
  } catch {
    values = [];
  }
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...values) as { detail: string }[];
  const plan = rows.map((row) => row.detail);
  const names = aliases(query);
  const scans = plan.filter((detail) => {
    const match = /^SCAN (?:main\.)?(\w+)(?: AS (\w+))?/.exec(detail);
    if (!match || / USING (COVERING )?INDEX /.test(`${detail} `)) return false;
    const table = names.get(match[2] ?? match[1]!) ?? match[1]!;
    return (LARGE_TABLES as readonly string[]).includes(table);
  });
  return { sql: query, plan, scans };
}

/** Runs `call` and explains every statement it sent (reads only: writes and transactions are skipped). */
async function plansOf(call: () => Promise<unknown>): Promise<Explained[]> {
  captured.length = 0;
  await call();
  return captured.filter((statement) => /^\s*(SELECT|WITH)\b/i.test(statement.query)).map((statement) => explain(statement));
}

function report(name: string, explained: Explained[]) {
  return [
    `${name}: full scans of large tables`,
    ...explained.filter((entry) => entry.scans.length > 0).map((entry) => `\n${entry.sql}\n  ${entry.plan.join("\n  ")}`),
  ].join("\n");
}

/**
 * Statements allowed to walk a large table because a LIMIT ends the walk: the unfiltered audit
 * page reads the newest 50 events by the rowid and its count stops at COUNT_CAP rows.
 */
function boundedWalk(entry: Explained) {
  const unfiltered = !/\bWHERE\b/i.test(entry.sql.replace(/\bWHERE 1=1 /i, ""));
  return /\bLIMIT\b/i.test(entry.sql) && unfiltered && !entry.plan.some((detail) => detail.includes("TEMP B-TREE"));
}

async function expectIndexed(name: string, call: () => Promise<unknown>, options: { allowBoundedWalk?: boolean } = {}) {
  const explained = await plansOf(call);
  if (process.env.QUERY_PLANS_PRINT)
    console.log(`## ${name}\n${explained.map((entry) => `${entry.sql}\n  ${entry.plan.join("\n  ")}`).join("\n")}`);
  expect(explained.length, `${name} sent no query`).toBeGreaterThan(0);
  const failing = explained.filter((entry) => entry.scans.length > 0 && !(options.allowBoundedWalk && boundedWalk(entry)));
  expect(failing, report(name, failing)).toEqual([]);
  return explained;
}

describe.skipIf(onPostgres)("the hot queries of the signed-in pages use indexes", () => {
  it("the dashboard (one round, the on-time ranking over the history, a district's view)", async () => {
    const leader = await actorForRole("LEADER");
    const round = await db.reportingRound.findFirstOrThrow({ where: { isDemo: true }, orderBy: { deadline: "desc" } });
    const district = await db.unit.findFirstOrThrow({ where: { type: "DISTRICT_GOVERNMENT" } });
    const dashboard = await expectIndexed("dashboard", () => getDashboard(leader, { roundId: round.id }));
    // The on-time ranking over the whole history reads index entries only, round by round.
    const ranking = dashboard.find((entry) => /CROSS JOIN/i.test(entry.sql));
    expect(ranking?.plan.join("\n")).toMatch(/SEARCH p USING COVERING INDEX \w+ \(roundId=\?\)/);
    await expectIndexed("dashboard of a district", () => getDashboard(leader, { roundId: round.id, districtId: district.id }));
  });

  it("the division table, unfiltered and for one unit", async () => {
    const leader = await actorForRole("LEADER");
    const education = await db.unit.findFirstOrThrow({ where: { name: "市教育局" } });
    await expectIndexed("division", () => getDivisionPage(leader, {}, 1));
    await expectIndexed("division of a unit", () => getDivisionPage(leader, { unit: education.id, role: "LEAD" }, 1));
  });

  it("the review queue, the rounds list, a round's board, 我的任务 and a report page", async () => {
    const admin = await actorForRole("ADMIN");
    const liaison = await actorFor("jyj");
    const round = await db.reportingRound.findFirstOrThrow({ where: { isDemo: true }, orderBy: { deadline: "desc" } });
    const own = await db.progressReport.findFirstOrThrow({ where: { unitId: liaison.unitId!, roundId: round.id } });
    await expectIndexed("review queue", () => reports.reviewQueue(admin));
    await expectIndexed("rounds list", () => rounds.listRounds(admin));
    await expectIndexed("round board", () => rounds.getRoundBoard(admin, round.id));
    await expectIndexed("my tasks", () => reports.myTasks(liaison));
    await expectIndexed("report page", () => reports.getReport(liaison, own.id));
  });

  it("the public page's data", async () => {
    const build =
      (publicProgress as { buildPublicProgress?: () => Promise<unknown> }).buildPublicProgress ?? publicProgress.getPublicProgress;
    await expectIndexed("public page", () => build());
  });

  it("the audit search with each filter, and its list of actions", async () => {
    const auditor = await actorForRole("AUDITOR");
    const filters = {
      none: {},
      from: { from: "2025-01-01" },
      to: { to: "2025-12-31" },
      username: { username: "kxadmin" },
      action: { action: "auth.login" },
      actionPrefix: { action: "report." },
      objectType: { objectType: "ProgressReport" },
      objectId: { objectId: "1" },
      result: { result: "FAILURE" as const },
      object: { objectType: "ProgressReport", objectId: "1" },
      usernameAndResult: { username: "kxadmin", result: "SUCCESS" as const },
    };
    for (const [name, filter] of Object.entries(filters))
      await expectIndexed(`audit search (${name})`, () => searchAuditEvents(auditor, { page: 2, ...filter }), {
        allowBoundedWalk: name === "none",
      });
    const actions = await expectIndexed("audit actions", () => listAuditActions(auditor));
    // One index seek per action, not a walk over every event.
    expect(
      actions.flatMap((entry) => entry.plan).some((detail) => /SEARCH AuditEvent USING COVERING INDEX AuditEvent_action_idx/.test(detail)),
    ).toBe(true);
  });

  it("finds a full scan when an index is missing (the check itself works)", () => {
    const explained = explain({
      query: 'SELECT "id" FROM "main"."AuditEvent" WHERE "ip" = ? ORDER BY "id" DESC LIMIT 50',
      params: '["127.0.0.1"]',
    });
    expect(explained.scans).toEqual(["SCAN main.AuditEvent"]);
    const aliased = explain({
      query: 'SELECT COUNT(*) FROM "ReportingRound" r JOIN "ProgressReport" p ON p."roundId" = r."id" WHERE p."problems" = ?',
      params: '["x"]',
    });
    expect(aliased.scans.length + aliased.plan.filter((detail) => detail.startsWith("SEARCH p")).length).toBeGreaterThan(0);
  });
});
