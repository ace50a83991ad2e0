import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { createPostgresAdapterFactory } from "./postgres-adapter";
import { databaseProvider } from "./provider";
import { createSqliteAdapterFactory } from "./sqlite-adapter";

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
    return new PostgresPrismaClient({ adapter: createPostgresAdapterFactory(databaseUrl) }) as unknown as PrismaClient;
  }
  return new PrismaClient({
    adapter: createSqliteAdapterFactory(databaseUrl, options),
  });
}

export type AppPrismaClient = ReturnType<typeof createPrismaClient>;
