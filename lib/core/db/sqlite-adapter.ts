import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import fs from "node:fs";
import path from "node:path";
import { databaseSynchronous } from "@/lib/core/env";

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

// Applied to every connection: the adapter opens plain better-sqlite3 handles, and
// foreign keys and synchronous are per-connection settings in SQLite. WAL persists in the
// file but is cheap to re-assert. synchronous=FULL (the default, DB_SYNCHRONOUS) syncs the WAL
// on every commit, so a write the app has acknowledged survives a power cut; NORMAL syncs only
// at checkpoints (faster; the last commits may be lost on power loss, the file is never corrupt).
function connectionPragmas(synchronous: "FULL" | "NORMAL"): string {
  return [
    "PRAGMA journal_mode = WAL",
    `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
    "PRAGMA foreign_keys = ON",
    `PRAGMA synchronous = ${synchronous}`,
  ].join(";\n");
}

/** `file:./data/app.db` → absolute path of the database file, relative to the project folder. */
export function sqliteFilePath(databaseUrl: string): string {
  const raw = databaseUrl.replace(/^file:/, "");
  return raw === ":memory:" ? raw : path.resolve(/* turbopackIgnore: true */ process.cwd(), raw);
}

/** Creates the database file's folder (SQLite creates the file, not the folders). */
export function ensureDatabaseDirectory(databaseUrl: string) {
  const file = sqliteFilePath(databaseUrl);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
}

/**
 * How many bound values one statement may carry: the SQLite better-sqlite3 bundles allows 32,766
 * (SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32). The adapter does not say so, and Prisma then
 * assumes SQLite's old 999 and refuses a query such as a findMany of 2,000 reports with their
 * outputs (the relation is loaded with one IN list of the 2,000 ids): "The query parameter limit
 * supported by your database is exceeded" (P2029).
 */
export const SQLITE_MAX_BIND_VALUES = 32_766;

/**
 * Transactions begin IMMEDIATE: they take SQLite's write lock when they start, not at their first
 * write. Within one process the adapter runs one transaction at a time anyway; across processes
 * (several server processes on one database file, a script beside the server) a DEFERRED
 * transaction that read and then wrote after another process committed would fail at once with
 * SQLITE_BUSY (its snapshot is stale, so waiting cannot help). IMMEDIATE makes the second writer
 * wait, up to the busy timeout, for the first to commit; the audit chain's read-last-then-append
 * and every read-check-write stay correct with several processes.
 */
function beginImmediate(adapter: SqlDriverAdapter) {
  const client = (adapter as unknown as { client?: { prepare: (sql: string) => unknown } }).client;
  if (!client) throw new Error("The better-sqlite3 adapter no longer exposes its client: check beginImmediate");
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
}

async function withPragmas(adapter: SqlDriverAdapter, synchronous: "FULL" | "NORMAL"): Promise<SqlDriverAdapter> {
  await adapter.executeScript(connectionPragmas(synchronous));
  beginImmediate(adapter);
  const info = adapter.getConnectionInfo?.bind(adapter);
  adapter.getConnectionInfo = () => ({ supportsRelationJoins: false, ...info?.(), maxBindValues: SQLITE_MAX_BIND_VALUES });
  return adapter;
}

/**
 * A driver adapter factory for SQLite that sets the app's connection PRAGMAs. Nothing is
 * opened until the first query, so a bad path fails that query, not module loading.
 */
export function createSqliteAdapterFactory(
  databaseUrl: string,
  options: { synchronous?: "FULL" | "NORMAL" } = {},
): SqlMigrationAwareDriverAdapterFactory {
  // Read when a connection opens, so a script or test that sets DB_SYNCHRONOUS first is followed.
  const synchronous = () => options.synchronous ?? databaseSynchronous();
  const inner = new PrismaBetterSqlite3(
    { url: sqliteFilePath(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS },
    { timestampFormat: "iso8601" },
  );
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      ensureDatabaseDirectory(databaseUrl);
      return withPragmas(await inner.connect(), synchronous());
    },
    connectToShadowDb: async () => withPragmas(await inner.connectToShadowDb(), synchronous()),
  };
}
