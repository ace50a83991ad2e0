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

interface BetterSqliteClient {
  prepare: (sql: string) => { run: () => unknown };
  pragma: (source: string) => unknown;
}

/** The pause between two tries for the write lock, growing from 1 ms to at most this. */
const WRITE_LOCK_RETRY_MAX_MS = 4;

function isBusy(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("SQLITE_BUSY");
}

/**
 * Transactions begin IMMEDIATE: they take SQLite's write lock when they start, not at their first
 * write. Across processes (several server processes on one database file, a script beside the
 * server) a DEFERRED transaction that read and then wrote after another process committed would
 * fail at once with SQLITE_BUSY (its snapshot is stale, so waiting cannot help). IMMEDIATE makes
 * the second writer wait for the first to commit; the audit chain's read-last-then-append and
 * every read-check-write stay correct with several processes.
 *
 * The wait does not stop the process. better-sqlite3 is synchronous, so SQLite's own busy handler
 * (busy_timeout) would sleep on the event loop — 1, 2, 5, 10… up to 100 ms at a time while the
 * other process holds the lock for a few — and every request of this process, the health check
 * included, would stand still meanwhile. Instead the lock is tried without waiting
 * (busy_timeout 0 for that one statement) and tried again after a timer of 1–4 ms, so the process
 * goes on answering in between, and gives up after the busy timeout like a plain statement.
 * Within the process transactions take turns in order (the adapter's own lock then never waits).
 */
function beginImmediateWithoutBlocking(adapter: SqlDriverAdapter) {
  const client = (adapter as unknown as { client?: BetterSqliteClient }).client;
  if (!client) throw new Error("The better-sqlite3 adapter no longer exposes its client: check beginImmediateWithoutBlocking");
  const prepare = client.prepare.bind(client);
  /** Set while the adapter begins a transaction this function has already begun. */
  let begun = false;
  client.prepare = (sql: string) => {
    if (sql !== "BEGIN") return prepare(sql);
    if (!begun) throw new Error("A transaction began without its write lock (beginImmediateWithoutBlocking)");
    begun = false;
    return { run: () => ({ changes: 0, lastInsertRowid: 0 }) };
  };
  /** The adapter's own error for a failed statement (what Prisma turns into its error codes). */
  const fail = (error: unknown): never => {
    const onError = (adapter as unknown as { onError?: (error: unknown) => never }).onError;
    if (onError) onError.call(adapter, error);
    throw error;
  };
  /** Begins at once if the lock is free; otherwise the SQLITE_BUSY error, having waited for nothing. */
  const tryBegin = (): unknown => {
    client.pragma("busy_timeout = 0");
    try {
      prepare("BEGIN IMMEDIATE").run();
      return null;
    } catch (error) {
      if (isBusy(error)) return error;
      return fail(error);
    } finally {
      client.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    }
  };
  const start = adapter.startTransaction.bind(adapter);
  let turn: Promise<void> = Promise.resolve();
  adapter.startTransaction = async (isolationLevel) => {
    const previous = turn;
    let release!: () => void;
    turn = new Promise((resolve) => (release = resolve));
    await previous;
    let open = false;
    try {
      const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
      for (let pause = 1; ; pause = Math.min(pause * 2, WRITE_LOCK_RETRY_MAX_MS)) {
        const busy = tryBegin();
        if (busy === null) break;
        if (Date.now() > deadline) fail(busy);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
      open = true;
      begun = true;
      const transaction = await start(isolationLevel);
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      transaction.commit = () => commit().finally(release);
      transaction.rollback = () => rollback().finally(release);
      return transaction;
    } catch (error) {
      begun = false;
      try {
        if (open) prepare("ROLLBACK").run();
      } finally {
        release();
      }
      throw error;
    }
  };
}

async function withPragmas(adapter: SqlDriverAdapter, synchronous: "FULL" | "NORMAL"): Promise<SqlDriverAdapter> {
  await adapter.executeScript(connectionPragmas(synchronous));
  beginImmediateWithoutBlocking(adapter);
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
