import Database from "better-sqlite3";
import path from "node:path";
import { databaseUrl } from "@/lib/core/env";

/**
 * Reads a content stamp (lib/core/content-stamp.ts) for `proxy.ts`, which must decide per request
 * whether its cached copy of the public page is still current before any page code runs. One
 * read-only better-sqlite3 connection per process and one prepared primary-key read: a few
 * microseconds, where a query through the Prisma client costs a few hundred. It reads the same
 * row `readContentStamp` does (the audit chain bumps it in the write's own transaction), and in
 * WAL mode a reader never waits for a writer. A database that cannot be read (not migrated yet,
 * no file) gives null: the caller then does not cache.
 *
 * SQLite only, like the rest of the deployment today; with PostgreSQL this becomes one indexed
 * query through the pool instead.
 */
let connection: Database.Database | null = null;
let statement: Database.Statement<[string], number> | null = null;

function open(): Database.Statement<[string], number> {
  const raw = databaseUrl().replace(/^file:/, "");
  const file = path.resolve(/* turbopackIgnore: true */ process.cwd(), raw);
  connection = new Database(file, { readonly: true, fileMustExist: true });
  connection.pragma("busy_timeout = 10000");
  return connection.prepare<[string], number>('SELECT "version" FROM "ContentStamp" WHERE "key" = ?').pluck();
}

/** The stamp's version (0 before its first bump), or null when the database cannot be read. */
export function readContentStampSync(key: string): number | null {
  try {
    statement ??= open();
    return statement.get(key) ?? 0;
  } catch {
    // Opened again at the next call (e.g. once the database has been migrated).
    connection?.close();
    connection = null;
    statement = null;
    return null;
  }
}
