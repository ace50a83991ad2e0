import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { databaseUrl } from "@/lib/core/env";
import { databaseProvider } from "./provider";

/**
 * Reads a content stamp (lib/core/content-stamp.ts) for `proxy.ts`, which must decide per request
 * whether its cached copy of the public page is still current before any page code runs. One
 * read-only better-sqlite3 connection per process and one prepared primary-key read: a few
 * microseconds, where a query through the Prisma client costs a few hundred. It reads the same
 * row `readContentStamp` does (the audit chain bumps it in the write's own transaction), and in
 * WAL mode a reader never waits for a writer. A database that cannot be read (not migrated yet,
 * no file) gives null: the caller then does not cache.
 *
 * On PostgreSQL there is no file to read synchronously: readContentStampForProxy sends the same
 * primary-key read through a small `pg` pool of its own (two connections per process, a prepared
 * statement), so the proxy still checks the stamp on every request and the public page stays
 * exactly as current as on SQLite.
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

let pool: pg.Pool | null = null;
/** DATABASE_URL when it names PostgreSQL, "" for SQLite; undefined until the first read. */
let postgresUrl: string | undefined;

async function readFromPostgres(url: string, key: string): Promise<number | null> {
  pool ??= new pg.Pool({
    connectionString: url,
    max: 2,
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: 5_000,
    application_name: "kepu-portal-stamp",
    // An idle connection never keeps a process from exiting.
    allowExitOnIdle: true,
  });
  try {
    const result = await pool.query<{ version: number }>({
      name: "content-stamp",
      text: 'SELECT "version" FROM "ContentStamp" WHERE "key" = $1',
      values: [key],
    });
    return result.rows[0]?.version ?? 0;
  } catch {
    // Not migrated yet, or the server is away: no caching for this request (the pool reconnects).
    return null;
  }
}

/**
 * The stamp for proxy.ts on either database: the synchronous file read on SQLite, one query
 * through this module's own small pool (two connections) on PostgreSQL. Null when it cannot be read.
 */
export async function readContentStampForProxy(key: string): Promise<number | null> {
  // DATABASE_URL is read once per process, like the app's own client (lib/core/db.ts).
  postgresUrl ??= databaseProvider(databaseUrl()) === "postgresql" ? databaseUrl() : "";
  return postgresUrl ? readFromPostgres(postgresUrl, key) : readContentStampSync(key);
}
