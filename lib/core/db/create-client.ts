import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { createPostgresAdapterFactory } from "./postgres-adapter";
import { databaseProvider } from "./provider";
import { createSqliteAdapterFactory, SQLITE_BUSY_TIMEOUT_MS } from "./sqlite-adapter";

/**
 * Interactive transactions on PostgreSQL wait for a pooled connection (`maxWait`, Prisma's default
 * 2 s) and then run within `timeout` (default 5 s), which includes waiting for the audit chain's
 * advisory lock (lib/audit/chain.ts). Audited writes take that lock one after another, so a burst of
 * them on a busy server queues for longer than Prisma's defaults: wait as long as a SQLite writer
 * waits for the write lock (busy_timeout, 10 s) before refusing.
 */
const POSTGRES_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/**
 * On SQLite a transaction waits for the write lock before it starts (lib/core/db/sqlite-adapter.ts,
 * without blocking the process), behind the process's own transactions and another process's: as
 * long as the busy timeout, not Prisma's default 2 s.
 */
const SQLITE_TRANSACTION_OPTIONS = { maxWait: SQLITE_BUSY_TIMEOUT_MS + 1_000, timeout: 15_000 };

/**
 * Builds a Prisma client for the given database URL. The app uses the singleton in
 * lib/core/db.ts; scripts and tests call this directly with their own URL.
 *
 * `file:…`: SQLite through better-sqlite3; every connection gets WAL, a busy timeout, foreign keys
 * and synchronous=FULL (or DB_SYNCHRONOUS, or `options.synchronous` for the benchmark).
 * `postgresql://…`: PostgreSQL through a `pg` pool (DB_POOL_SIZE connections per process).
 *
 * Both clients are generated from the same models, so the app is typed against the SQLite one;
 * the PostgreSQL client has the same API for everything the app uses.
 */
export function createPrismaClient(databaseUrl: string, options: { synchronous?: "FULL" | "NORMAL" } = {}) {
  if (databaseProvider(databaseUrl) === "postgresql") {
    return new PostgresPrismaClient({
      adapter: createPostgresAdapterFactory(databaseUrl),
      transactionOptions: POSTGRES_TRANSACTION_OPTIONS,
    }) as unknown as PrismaClient;
  }
  return new PrismaClient({
    adapter: createSqliteAdapterFactory(databaseUrl, options),
    transactionOptions: SQLITE_TRANSACTION_OPTIONS,
  });
}

export type AppPrismaClient = ReturnType<typeof createPrismaClient>;
