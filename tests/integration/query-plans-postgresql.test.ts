/**
 * query-plans.test.ts on PostgreSQL (issue 14): the same hot data-layer calls, their SQL captured
 * from the app's own client, and every SELECT explained with sequential scans priced out
 * (`SET enable_seqscan = off`). On the suite's small database the planner would otherwise pick a
 * Seq Scan whether an index exists or not; with the penalty it still picks one only when no index
 * can serve the statement. A Seq Scan of a large table fails, with the plans in the message.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresAdapterFactory } from "@/lib/core/db/postgres-adapter";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";

// PostgreSQL only: SQLite's plans are checked by query-plans.test.ts.
const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";

const LARGE_TABLES = [
  "ProgressReport",
  "AuditEvent",
  "ReportEvent",
  "ReportOutput",
  "Assignment",
  "PlanItem",
  "Chase",
  "InboxMessage",
  "Attachment",
];

const captured: { query: string; params: string }[] = [];
if (onPostgres) {
  const client = new PostgresPrismaClient({
    adapter: createPostgresAdapterFactory(process.env.DATABASE_URL!),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (event) => captured.push({ query: event.query, params: event.params }));
  // lib/core/db.ts keeps its client on globalThis: the app's modules, imported below, use this one.
  (globalThis as unknown as { prisma?: unknown }).prisma = client;
}

const { db } = await import("@/lib/core/db");
const { actorFor, actorForRole } = await import("../support/actors");
const { seedDemoHistory } = await import("@/lib/seed/demo-history");
const { getDashboard } = await import("@/lib/outputs/server/dashboard");
const { getDivisionPage } = await import("@/lib/plans/server/plans");
const { searchAuditEvents, listAuditActions } = await import("@/lib/audit/server/log");
const reports = await import("@/lib/reporting/server/reports");
const rounds = await import("@/lib/reporting/server/rounds");
const { buildPublicProgress } = await import("@/lib/outputs/server/public-progress");

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

interface Explained {
  sql: string;
  plan: string[];
  scans: string[];
}

let explainer: pg.Client;

beforeAll(async () => {
  if (!onPostgres) return;
  await seedDemoHistory(db);
  explainer = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await explainer.connect();
  await explainer.query("SET enable_seqscan = off");
  const { rows } = await explainer.query<{ table: string; column: string }>(`
    SELECT c.relname AS "table", a.attname AS "column"
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
    WHERE n.nspname = current_schema()`);
  for (const row of rows) leadingColumns.set(row.table, (leadingColumns.get(row.table) ?? new Set()).add(row.column));
});

afterAll(async () => {
  await explainer?.end();
});

/**
 * Every node of a plan, each with whether a Limit above it ends the walk early. A primary-key walk
 * feeding a Merge Join counts as limited too: it is the join's ordered input, read in step with the
 * other side (on the suite's small database, with Seq Scans priced out, the planner likes merging a
 * small table's primary key; at scale it probes the key per row instead).
 */
function nodes(node: PlanNode, underLimit = false): { node: PlanNode; underLimit: boolean }[] {
  const limited = underLimit || node["Node Type"] === "Limit";
  const merge = node["Node Type"] === "Merge Join";
  return [
    { node, underLimit },
    ...(node.Plans ?? []).flatMap((child) => nodes(child, limited || (merge && /_pkey$/.test(child["Index Name"] ?? "")))),
  ];
}

/** Each large table's indexed leading columns (read in beforeAll). */
const leadingColumns = new Map<string, Set<string>>();

/**
 * A read of a large table no index serves: a Seq Scan, or (with Seq Scans priced out, the planner
 * walks the primary key instead) an index scan with no condition on the index and no Limit to stop
 * it, whose filter names no column an index starts with. On the suite's small database the planner
 * may still walk the primary key when most rows match a filter an index could serve: that passes,
 * as SQLite's `SCAN … USING INDEX` does in query-plans.test.ts.
 */
function fullScan({ node, underLimit }: { node: PlanNode; underLimit: boolean }): boolean {
  const table = node["Relation Name"] ?? "";
  if (!LARGE_TABLES.includes(table)) return false;
  if (node["Node Type"] === "Seq Scan") return true;
  if (!/^Index (Only )?Scan$/.test(node["Node Type"]) || node["Index Cond"] || underLimit) return false;
  const filtered = [...(node.Filter ?? "").matchAll(/"?(\w+)"?\s*(?:=|<>|<|>|<=|>=|IN|IS|~~)/g)].map((match) => match[1]!);
  return !filtered.some((column) => leadingColumns.get(table)?.has(column));
}

async function explain({ query, params }: { query: string; params: string }): Promise<Explained> {
  let values: unknown[] = [];
  try {
    values = JSON.parse(params) as unknown[];
  } catch {
    values = [];
  }
  const { rows } = await explainer.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${query}`, values);
  const all = nodes(rows[0]!["QUERY PLAN"][0].Plan);
  const describe = ({ node }: { node: PlanNode }) =>
    [node["Node Type"], node["Relation Name"], node["Index Name"], node["Index Cond"]].filter(Boolean).join(" ");
  const plan = all.map(describe);
  const scans = all.filter(fullScan).map(describe);
  return { sql: query, plan, scans };
}

/**
 * The on-time ranking (lib/outputs/server/dashboard.ts) counts every report of every round already
 * due: it must visit them all whatever the plan (SQLite walks them in a covering index, round by
 * round); PostgreSQL may hash-join them instead of probing the index once per round.
 */
const wholeHistory = (entry: Explained) => /CROSS JOIN "ProgressReport" p/.test(entry.sql);

async function expectIndexed(name: string, call: () => Promise<unknown>, allowed: (entry: Explained) => boolean = () => false) {
  captured.length = 0;
  await call();
  const statements = captured.filter((statement) => /^\s*(SELECT|WITH)\b/i.test(statement.query));
  expect(statements.length, `${name} sent no query`).toBeGreaterThan(0);
  const explained: Explained[] = [];
  for (const statement of statements) explained.push(await explain(statement));
  const failing = explained.filter((entry) => entry.scans.length > 0 && !allowed(entry));
  const report = failing.map((entry) => `\n${entry.sql}\n  ${entry.plan.join("\n  ")}`).join("\n");
  expect(failing, `${name}: sequential scans of large tables${report}`).toEqual([]);
  return explained;
}

describe.runIf(onPostgres)("the hot queries of the signed-in pages use indexes on PostgreSQL", () => {
  it("the dashboard, the division table, the review queue, rounds, 我的任务, a report and the public page", async () => {
    const leader = await actorForRole("LEADER");
    const admin = await actorForRole("ADMIN");
    const liaison = await actorFor("jyj");
    const round = await db.reportingRound.findFirstOrThrow({ where: { isDemo: true }, orderBy: { deadline: "desc" } });
    const district = await db.unit.findFirstOrThrow({ where: { type: "DISTRICT_GOVERNMENT" } });
    const education = await db.unit.findFirstOrThrow({ where: { name: "市教育局" } });
    const own = await db.progressReport.findFirstOrThrow({ where: { unitId: liaison.unitId!, roundId: round.id } });
    await expectIndexed("dashboard", () => getDashboard(leader, { roundId: round.id }), wholeHistory);
    await expectIndexed(
      "dashboard of a district",
      () => getDashboard(leader, { roundId: round.id, districtId: district.id }),
      wholeHistory,
    );
    await expectIndexed("division", () => getDivisionPage(leader, {}, 1));
    await expectIndexed("division of a unit", () => getDivisionPage(leader, { unit: education.id, role: "LEAD" }, 1));
    await expectIndexed("review queue", () => reports.reviewQueue(admin));
    await expectIndexed("rounds list", () => rounds.listRounds(admin));
    await expectIndexed("round board", () => rounds.getRoundBoard(admin, round.id));
    await expectIndexed("my tasks", () => reports.myTasks(liaison));
    await expectIndexed("report page", () => reports.getReport(liaison, own.id));
    await expectIndexed("public page", () => buildPublicProgress());
  });

  it("the audit search with each filter, and its list of actions", async () => {
    const auditor = await actorForRole("AUDITOR");
    const filters = [
      {},
      { from: "2025-01-01" },
      { to: "2025-12-31" },
      { username: "kxadmin" },
      { action: "auth.login" },
      { action: "report." },
      { objectType: "ProgressReport" },
      { objectId: "1" },
      { result: "FAILURE" as const },
      { objectType: "ProgressReport", objectId: "1" },
      { username: "kxadmin", result: "SUCCESS" as const },
    ];
    for (const filter of filters)
      await expectIndexed(`audit search ${JSON.stringify(filter)}`, () => searchAuditEvents(auditor, { page: 2, ...filter }));
    await expectIndexed("audit actions", () => listAuditActions(auditor));
  });

  it("finds a sequential scan when no index serves the statement (the check itself works)", async () => {
    const explained = await explain({ query: 'SELECT COUNT(*) FROM "AuditEvent" WHERE "ip" = $1', params: '["127.0.0.1"]' });
    expect(explained.scans).toHaveLength(1);
    expect(explained.scans[0]).toMatch(/^(Seq Scan|Index (Only )?Scan) AuditEvent/);
    const indexed = await explain({ query: 'SELECT COUNT(*) FROM "AuditEvent" WHERE "action" = $1', params: '["auth.login"]' });
    expect(indexed.scans).toEqual([]);
  });
});
