/**
 * The database half of a backup and a restore, per provider: a consistent snapshot with the
 * figures the manifest records (row counts per table, the newest migration, the audit chain's
 * head, the evidence files rows point at), the emptiness check of a restore target, and putting
 * the snapshot into place.
 *
 * SQLite: the online backup API copies the live file page by page under a read transaction (WAL
 * included), safe while the app writes; the figures are read from the copy, so they are exactly
 * the copy's. PostgreSQL: a REPEATABLE READ transaction exports its snapshot, the figures are read
 * in it, and `pg_dump --snapshot` dumps that same snapshot, so figures and dump agree to the row
 * while the app keeps writing.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { sqliteFilePath } from "@/lib/core/db/sqlite-adapter";
import { BackupError } from "./errors";
import { findPgTool, runPgTool, serverMajorVersion, withPostgres } from "./postgres-tools";

export interface AuditHead {
  id: number;
  hash: string;
  keyId: string | null;
}

export interface DatabaseFigures {
  /** Rows per table (every table of the app and `_prisma_migrations`). */
  rowCounts: Record<string, number>;
  /** The newest finished migration, null on a database never migrated. */
  latestMigration: string | null;
  auditHead: AuditHead | null;
  /** Every attachment's storage key: the evidence files this database points at. */
  attachmentKeys: string[];
}

export interface PostgresVersions {
  /** The server's major version (15). */
  serverMajor: number;
  /** The major version of the pg_dump that wrote the dump; pg_restore must be at least this. */
  pgDumpMajor: number;
}

export interface DatabaseSnapshot extends DatabaseFigures {
  postgres?: PostgresVersions;
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

const MIGRATIONS_TABLE = "_prisma_migrations";

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The same queries on both providers: every table and column name is quoted as written. */
async function readFigures(query: Query, tables: string[]): Promise<DatabaseFigures> {
  const rowCounts: Record<string, number> = {};
  for (const table of [...tables].sort()) {
    const [row] = await query(`SELECT COUNT(*) AS n FROM ${quoteIdentifier(table)}`);
    rowCounts[table] = Number(row!.n);
  }
  const latestMigration = tables.includes(MIGRATIONS_TABLE)
    ? (((
        await query(
          `SELECT migration_name FROM ${MIGRATIONS_TABLE} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1`,
        )
      )[0]?.migration_name as string | undefined) ?? null)
    : null;
  const head = tables.includes("AuditEvent")
    ? (await query(`SELECT "id", "hash", "keyId" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`))[0]
    : undefined;
  const attachmentKeys = tables.includes("Attachment")
    ? (await query(`SELECT "storageKey" FROM "Attachment" ORDER BY "storageKey"`)).map((row) => String(row.storageKey))
    : [];
  return {
    rowCounts,
    latestMigration,
    auditHead: head ? { id: Number(head.id), hash: String(head.hash), keyId: (head.keyId as string | null) ?? null } : null,
    attachmentKeys,
  };
}

function sqliteTables(sqlite: Database.Database): string[] {
  return (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
  ).map((row) => row.name);
}

function sqliteQuery(sqlite: Database.Database): Query {
  return async (sql) => sqlite.prepare(sql).all() as Record<string, unknown>[];
}

export const POSTGRES_TABLES =
  "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";

/** Reads the figures of a database as it is now (used after a restore). */
export async function databaseFigures(databaseUrl: string, provider: "sqlite" | "postgresql"): Promise<DatabaseFigures> {
  if (provider === "postgresql") {
    return withPostgres(databaseUrl, async (client) => {
      const query: Query = async (sql) => (await client.query(sql)).rows;
      const tables = (await query(POSTGRES_TABLES)).map((row) => String(row.table_name));
      return readFigures(query, tables);
    });
  }
  const sqlite = new Database(sqliteFilePath(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    return await readFigures(sqliteQuery(sqlite), sqliteTables(sqlite));
  } finally {
    sqlite.close();
  }
}

/** Writes a consistent copy of the SQLite database to `target` (one self-contained file) and reads its figures. */
async function snapshotSqlite(databaseUrl: string, target: string): Promise<DatabaseSnapshot> {
  const sqlite = new Database(sqliteFilePath(databaseUrl), { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    // All pages in one step, under one read transaction: copied in slices (the default), a write
    // by another connection between two slices restarts the copy, which under steady writes might
    // never finish. A reader does not block writers in WAL mode, so the app keeps writing meanwhile.
    await sqlite.backup(target, { progress: () => 0x7fffffff });
  } finally {
    sqlite.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    // A copy in WAL mode would sprout -wal and -shm files when opened.
    copy.pragma("journal_mode = DELETE");
    return await readFigures(sqliteQuery(copy), sqliteTables(copy));
  } finally {
    copy.close();
  }
}

/** pg_dump (custom format) of the snapshot the figures are read in. */
async function snapshotPostgres(databaseUrl: string, target: string): Promise<DatabaseSnapshot> {
  return withPostgres(databaseUrl, async (client) => {
    const serverMajor = await serverMajorVersion(client);
    const pgDump = await findPgTool("pg_dump", serverMajor);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
      const query: Query = async (sql) => (await client.query(sql)).rows;
      const figures = await readFigures(
        query,
        (await query(POSTGRES_TABLES)).map((row) => String(row.table_name)),
      );
      // The exported snapshot lives as long as this transaction: pg_dump must attach to it first.
      await runPgTool(pgDump.program, ["--format=custom", `--snapshot=${rows[0]!.id}`, `--file=${target}`], databaseUrl);
      return { ...figures, postgres: { serverMajor, pgDumpMajor: pgDump.major } };
    } finally {
      await client.query("COMMIT").catch(() => {});
    }
  });
}

export function snapshotDatabase(databaseUrl: string, provider: "sqlite" | "postgresql", target: string): Promise<DatabaseSnapshot> {
  return provider === "postgresql" ? snapshotPostgres(databaseUrl, target) : snapshotSqlite(databaseUrl, target);
}

/** Tables of ours (not `_prisma_migrations`) that hold at least one row. */
export async function tablesWithRows(databaseUrl: string, provider: "sqlite" | "postgresql"): Promise<string[]> {
  if (provider === "postgresql") {
    return withPostgres(databaseUrl, async (client) => {
      const tables = (await client.query<{ table_name: string }>(POSTGRES_TABLES)).rows.map((row) => row.table_name);
      const full: string[] = [];
      for (const table of tables.filter((name) => name !== MIGRATIONS_TABLE).sort()) {
        if ((await client.query(`SELECT 1 FROM ${quoteIdentifier(table)} LIMIT 1`)).rowCount) full.push(table);
      }
      return full;
    });
  }
  const file = sqliteFilePath(databaseUrl);
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return [];
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    return sqliteTables(sqlite)
      .filter((name) => name !== MIGRATIONS_TABLE)
      .sort()
      .filter((name) => sqlite.prepare(`SELECT 1 FROM ${quoteIdentifier(name)} LIMIT 1`).get() !== undefined);
  } finally {
    sqlite.close();
  }
}

/** The target server must not be older than the one the backup came from, and pg_restore must read the dump. */
export async function checkPostgresTarget(databaseUrl: string, versions: PostgresVersions): Promise<string> {
  const serverMajor = await withPostgres(databaseUrl, serverMajorVersion);
  if (serverMajor < versions.serverMajor) {
    throw new BackupError(
      "server_too_old",
      `目标 PostgreSQL 服务器版本（${serverMajor}）低于备份来源（${versions.serverMajor}），不能恢复。\n` +
        `The target PostgreSQL server (${serverMajor}) is older than the one the backup came from (${versions.serverMajor}): it cannot be restored there.`,
    );
  }
  return (await findPgTool("pg_restore", Math.max(versions.pgDumpMajor, serverMajor))).program;
}

/**
 * Puts the dump or file in place. PostgreSQL: pg_restore in one transaction (all or nothing),
 * `--clean --if-exists` so a database whose migrations were applied but which holds no rows
 * takes the backup's tables in place of its empty ones; objects end up owned by the restoring
 * role and no grants are copied (`--no-owner --no-acl`): re-apply the application role's grants.
 * SQLite: the staged file beside the target is synced and renamed over it (with the empty
 * database's -wal and -shm files removed first).
 */
export async function restoreDatabase(
  databaseUrl: string,
  provider: "sqlite" | "postgresql",
  snapshotFile: string,
  pgRestore: string | null,
): Promise<void> {
  if (provider === "postgresql") {
    const database = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
    await runPgTool(
      pgRestore!,
      ["--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", "--clean", "--if-exists", `--dbname=${database}`, snapshotFile],
      databaseUrl,
    );
    return;
  }
  // The staged copy sits beside the target (stagingFile), so the rename is atomic.
  const file = sqliteFilePath(databaseUrl);
  const handle = fs.openSync(snapshotFile, "r+");
  try {
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.renameSync(snapshotFile, file);
  fs.chmodSync(file, 0o600);
}

/** Where a restore stages the database entry: beside the SQLite file (same file system), or in `tmpDir` for pg_restore. */
export function stagingFile(databaseUrl: string, provider: "sqlite" | "postgresql", tmpDir: string): string {
  if (provider === "postgresql") return path.join(tmpDir, "database.pgdump");
  const file = sqliteFilePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return `${file}.restore-${process.pid}.part`;
}
