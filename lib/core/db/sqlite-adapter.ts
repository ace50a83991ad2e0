import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import fs from "node:fs";
import path from "node:path";

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

// Applied to every connection: the adapter opens plain better-sqlite3 handles, and
// foreign keys are a per-connection setting in SQLite. WAL persists in the file but is
// cheap to re-assert.
const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "PRAGMA foreign_keys = ON",
  "PRAGMA synchronous = NORMAL",
].join(";\n");

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

async function withPragmas(adapter: SqlDriverAdapter): Promise<SqlDriverAdapter> {
  await adapter.executeScript(CONNECTION_PRAGMAS);
  return adapter;
}

/**
 * A driver adapter factory for SQLite that sets the app's connection PRAGMAs. Nothing is
 * opened until the first query, so a bad path fails that query, not module loading.
 */
export function createSqliteAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3(
    { url: sqliteFilePath(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS },
    { timestampFormat: "iso8601" },
  );
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      ensureDatabaseDirectory(databaseUrl);
      return withPragmas(await inner.connect());
    },
    connectToShadowDb: async () => withPragmas(await inner.connectToShadowDb()),
  };
}
