import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_BACKUP_DIR } from "@/lib/core/env";
import { POSTGRES_TABLES, quoteIdentifier } from "@/lib/core/backup/database";
import { findPgTool, runPgTool, serverMajorVersion, withPostgres } from "@/lib/core/backup/postgres-tools";
import { readMigrationsList } from "./migration-files";
import { databaseProvider } from "./provider";
import { sqliteFilePath } from "./sqlite-adapter";

/** The folder for pre-migration backups: BACKUP_DIR, relative to the project folder. */
export function backupDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.BACKUP_DIR?.trim() || DEFAULT_BACKUP_DIR);
}

export interface PendingMigrations {
  /** Committed migrations the database has not finished. */
  pending: string[];
  /** Whether any table of the app (not SQLite's or Prisma's own) holds a row. */
  hasData: boolean;
}

/** Reads what applying migrations would do to the file, without changing it (null: no file yet). */
export function inspectDatabase(databaseUrl: string): PendingMigrations | null {
  const file = sqliteFilePath(databaseUrl);
  if (file === ":memory:" || !fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
    ).map((row) => row.name);
    const finished = new Set(
      tables.includes("_prisma_migrations")
        ? (
            sqlite
              .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
              .all() as { migration_name: string }[]
          ).map((row) => row.migration_name)
        : [],
    );
    const pending = readMigrationsList()
      .migrationDirectories.map((directory) => directory.path)
      .filter((name) => !finished.has(name));
    const hasData = tables
      .filter((name) => name !== "_prisma_migrations")
      .some((name) => sqlite.prepare(`SELECT 1 FROM "${name.replace(/"/g, '""')}" LIMIT 1`).get() !== undefined);
    return { pending, hasData };
  } finally {
    sqlite.close();
  }
}

/**
 * A consistent copy of the live database (SQLite's online backup API: pages copied under a read
 * transaction, the WAL included), named with the time and the first migration about to run,
 * e.g. `app-20260105T083000Z-before-20260105000000_insider_defences.db`.
 */
export async function backupDatabase(databaseUrl: string, label: string, now = new Date()): Promise<string> {
  const file = sqliteFilePath(databaseUrl);
  const dir = backupDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const safeLabel = label.replace(/[^0-9A-Za-z_-]/g, "_").slice(0, 100);
  const target = path.join(dir, `${path.basename(file, path.extname(file))}-${stamp}-before-${safeLabel}.db`);
  if (fs.existsSync(target)) throw new Error(`Backup file already exists: ${target}`);
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    await sqlite.backup(target);
  } finally {
    sqlite.close();
  }
  // One self-contained file: a copy in WAL mode would sprout -wal and -shm files when opened.
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  fs.chmodSync(target, 0o600);
  return target;
}

/**
 * Before migrations run on a database that holds data: take the backup the upgrade procedure
 * asks for. A fresh or empty database, or one with nothing pending, gets none.
 */
export async function backupBeforeMigrations(databaseUrl: string, now = new Date()): Promise<string | null> {
  if (databaseProvider(databaseUrl) === "postgresql") {
    const state = await inspectPostgresDatabase(databaseUrl);
    if (!state || !state.hasData || state.pending.length === 0) return null;
    return backupPostgresDatabase(databaseUrl, state.pending[0]!, now);
  }
  const state = inspectDatabase(databaseUrl);
  if (!state || !state.hasData || state.pending.length === 0) return null;
  return backupDatabase(databaseUrl, state.pending[0]!, now);
}

/** As inspectDatabase, for PostgreSQL: null for a database with no tables (a fresh one). */
export async function inspectPostgresDatabase(databaseUrl: string): Promise<PendingMigrations | null> {
  return withPostgres(databaseUrl, async (client) => {
    const tables = (await client.query<{ table_name: string }>(POSTGRES_TABLES)).rows.map((row) => row.table_name);
    if (tables.length === 0) return null;
    const finished = new Set(
      tables.includes("_prisma_migrations")
        ? (
            await client.query<{ migration_name: string }>(
              "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
            )
          ).rows.map((row) => row.migration_name)
        : [],
    );
    const pending = readMigrationsList("postgresql")
      .migrationDirectories.map((directory) => directory.path)
      .filter((name) => !finished.has(name));
    let hasData = false;
    for (const table of tables.filter((name) => name !== "_prisma_migrations")) {
      if ((await client.query(`SELECT 1 FROM ${quoteIdentifier(table)} LIMIT 1`)).rowCount) {
        hasData = true;
        break;
      }
    }
    return { pending, hasData };
  });
}

/**
 * The PostgreSQL counterpart of backupDatabase: `pg_dump --format=custom` (consistent: one
 * snapshot) into BACKUP_DIR, e.g. `kepu-20270105T083000Z-before-20270101000000_x.pgdump`; restore
 * it with `pg_restore --dbname=… --single-transaction <file>` into an empty database. pg_dump must
 * be at least the server's major version (a clear message says how to install it otherwise).
 */
export async function backupPostgresDatabase(databaseUrl: string, label: string, now = new Date()): Promise<string> {
  const serverMajor = await withPostgres(databaseUrl, serverMajorVersion);
  const pgDump = await findPgTool("pg_dump", serverMajor);
  const dir = backupDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const database = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, "")).replace(/[^0-9A-Za-z_-]/g, "_") || "postgres";
  const safeLabel = label.replace(/[^0-9A-Za-z_-]/g, "_").slice(0, 100);
  const target = path.join(dir, `${database.slice(0, 60)}-${stamp}-before-${safeLabel}.pgdump`);
  if (fs.existsSync(target)) throw new Error(`Backup file already exists: ${target}`);
  const partial = path.join(dir, `.${path.basename(target)}.part`);
  try {
    await runPgTool(pgDump.program, ["--format=custom", `--file=${partial}`], databaseUrl);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return target;
}
