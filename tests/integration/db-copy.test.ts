/**
 * `npm run db:copy` (lib/core/db/copy.ts): an office's SQLite database copied into an empty
 * PostgreSQL database — every table and row, the values as the app reads them, the audit chain
 * intact under the same key, the sequences past the copied ids so the next write through the app
 * succeeds — and a target that holds data refused.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { verifyAuditChain } from "@/lib/audit/chain";
import { compareCounts, copySqliteToPostgres, DatabaseCopyError, parentsFirst, sqliteDateTimeToUtc } from "@/lib/core/db/copy";
import { createPrismaClient, type AppPrismaClient } from "@/lib/core/db/create-client";
import { prepareDatabase } from "@/lib/core/db/setup";
import { createEmptyDatabase } from "../support/postgres-template";
import { scratchSqliteUrl } from "../support/scratch-db";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

describe("converting SQLite values", () => {
  it("reads every DateTime form SQLite may hold as the same UTC instant", () => {
    expect(sqliteDateTimeToUtc("2026-12-01T19:55:16.280+00:00")).toBe("2026-12-01 19:55:16.280");
    expect(sqliteDateTimeToUtc("2026-12-02T03:55:16.280+08:00")).toBe("2026-12-01 19:55:16.280");
    expect(sqliteDateTimeToUtc("2026-12-01T19:55:16.280Z")).toBe("2026-12-01 19:55:16.280");
    expect(sqliteDateTimeToUtc("2026-12-01 19:55:16")).toBe("2026-12-01 19:55:16.000");
    expect(sqliteDateTimeToUtc(Date.UTC(2026, 11, 1, 19, 55, 16, 280))).toBe("2026-12-01 19:55:16.280");
    expect(sqliteDateTimeToUtc(null)).toBeNull();
    expect(() => sqliteDateTimeToUtc("gestern")).toThrow(DatabaseCopyError);
  });

  it("puts every parent before its children in a self-referencing table", () => {
    const rows = [
      { id: 1, parentId: 3 },
      { id: 2, parentId: null },
      { id: 3, parentId: 4 },
      { id: 4, parentId: 2 },
    ];
    expect(parentsFirst(rows, "id", ["parentId"]).map((row) => row.id)).toEqual([2, 4, 3, 1]);
  });
});

// The copy's target is PostgreSQL: it runs in the postgresql project, which has a server to copy
// into (in the sqlite project there is none).
describe.runIf(process.env.TEST_DATABASE_PROVIDER === "postgresql")("copying a SQLite database into PostgreSQL", () => {
  const clients: AppPrismaClient[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.$disconnect()));
  });
  const client = (url: string) => {
    const opened = createPrismaClient(url);
    clients.push(opened);
    return opened;
  };

  /** The app's data layer bound to `url` (lib/core/db.ts reads DATABASE_URL once per module load). */
  async function appOn(url: string) {
    vi.resetModules();
    delete (globalThis as { prisma?: unknown }).prisma;
    process.env.DATABASE_URL = url;
    const reports = await import("@/lib/reporting/server/reports");
    const actors = await import("../support/actors");
    const rounds = await import("../support/round-fixtures");
    return { ...reports, ...actors, ...rounds };
  }

  it("copies every table, row and value, keeps the audit chain intact and lets the app write on", async () => {
    // A SQLite office database: migrated and seeded like `npm start`, then some reporting work.
    const sqliteUrl = scratchSqliteUrl("copy-source");
    await prepareDatabase(sqliteUrl, { demoAccounts: true });
    const onSqlite = await appOn(sqliteUrl);
    const { round } = await onSqlite.openYouthRound("2099-09-30");
    const liaison = await onSqlite.actorForRole("LIAISON");
    const admin = await onSqlite.actorForRole("ADMIN");
    let report = await onSqlite.reportOf(round.id, "市教育局");
    await onSqlite.saveReport(liaison, {
      reportId: report.id,
      version: report.version,
      intent: "save",
      submissionKey: "",
      ...onSqlite.filledReport,
    });
    report = await onSqlite.reportOf(round.id, "市教育局");
    await onSqlite.saveReport(liaison, {
      reportId: report.id,
      version: report.version,
      intent: "submit",
      submissionKey: "k1",
      ...onSqlite.filledReport,
    });
    report = await onSqlite.reportOf(round.id, "市教育局");
    await onSqlite.reviewReport(admin, { reportId: report.id, version: report.version, decision: "APPROVE", comment: "" });
    const source = client(sqliteUrl);
    const sourceAudit = await verifyAuditChain(source);
    expect(sourceAudit.ok).toBe(true);

    const targetUrl = await createEmptyDatabase(inject("postgresAdminUrl"), "copy_target");
    const result = await copySqliteToPostgres({ from: sqliteUrl, to: targetUrl });
    expect(result.appliedMigrations.length).toBeGreaterThan(0);
    expect(result.sequencesReset).toBeGreaterThan(20);

    // Counts equal in every table (and the interesting ones are not empty).
    const counts = await compareCounts(sqliteUrl, targetUrl);
    expect(counts.filter((check) => check.source !== check.target)).toEqual([]);
    const copied = new Map(counts.map((check) => [check.name, check.target]));
    for (const table of ["Unit", "User", "Plan", "PlanItem", "ProgressReport", "ReportEvent", "ReportOutput", "AuditEvent"])
      expect(copied.get(table), table).toBeGreaterThan(0);

    // The values as the app reads them: dates, enums, booleans, floats, texts.
    const target = client(targetUrl);
    expect(await target.progressReport.findMany({ orderBy: { id: "asc" }, include: { outputs: true, events: true } })).toEqual(
      await source.progressReport.findMany({ orderBy: { id: "asc" }, include: { outputs: true, events: true } }),
    );
    expect(await target.user.findMany({ orderBy: { id: "asc" } })).toEqual(await source.user.findMany({ orderBy: { id: "asc" } }));
    expect(await target.planItem.findMany({ orderBy: { id: "asc" } })).toEqual(await source.planItem.findMany({ orderBy: { id: "asc" } }));
    expect(await target.indicatorValue.findMany({ orderBy: { id: "asc" } })).toEqual(
      await source.indicatorValue.findMany({ orderBy: { id: "asc" } }),
    );
    expect(await target.auditEvent.findMany({ orderBy: { id: "asc" } })).toEqual(
      await source.auditEvent.findMany({ orderBy: { id: "asc" } }),
    );

    // The chain verifies on the copy with the same key.
    expect(await verifyAuditChain(target)).toEqual(sourceAudit);

    // Sequences reset: every serial column's next value lies past the copied ids…
    const serials = await target.$queryRawUnsafe<{ table: string; column: string }[]>(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
    );
    expect(serials.length).toBe(result.sequencesReset);
    for (const { table, column } of serials) {
      const [{ sequence }] = await target.$queryRawUnsafe<[{ sequence: string }]>(
        "SELECT pg_get_serial_sequence($1, $2) AS sequence",
        `"${table}"`,
        column,
      );
      const [{ next }] = await target.$queryRawUnsafe<[{ next: bigint }]>(
        `SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS next FROM ${sequence}`,
      );
      const [{ max }] = await target.$queryRawUnsafe<[{ max: number | null }]>(`SELECT max("${column}") AS max FROM "${table}"`);
      expect(Number(next), `${table}.${column}`).toBe((max ?? 0) + 1);
    }
    // …and a new audited write through the app's data layer succeeds on the copy.
    const onPostgres = await appOn(targetUrl);
    const supporter = await onPostgres.actorFor("wjw");
    const owed = await onPostgres.reportOf(round.id, "市卫生健康委");
    await onPostgres.saveReport(supporter, {
      reportId: owed.id,
      version: owed.version,
      intent: "save",
      submissionKey: "",
      ...onPostgres.filledReport,
    });
    const newest = await target.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(newest.id).toBe(sourceAudit.ok ? sourceAudit.count + 1 : -1);
    expect(newest.action).toBe("report.save");
    const after = await verifyAuditChain(target);
    expect(after).toEqual({ ok: true, count: newest.id });

    // A second copy into the now non-empty database is refused, in Chinese and English, and changes nothing.
    const refusal = copySqliteToPostgres({ from: sqliteUrl, to: targetUrl });
    await expect(refusal).rejects.toThrow(DatabaseCopyError);
    await expect(refusal).rejects.toThrow(/目标数据库不是空的[\s\S]*not empty/);
    expect(await target.auditEvent.count()).toBe(newest.id);
  }, 180_000);
});
