import { PrismaClient } from "@/lib/generated/prisma/client";
import { createSqliteAdapterFactory } from "./sqlite-adapter";

/**
 * Builds a Prisma client for the given database URL. The app uses the singleton in
 * lib/core/db.ts; scripts and tests call this directly with their own URL. Every connection
 * gets WAL, a busy timeout, foreign keys and synchronous=FULL (or DB_SYNCHRONOUS, or
 * `options.synchronous` for the benchmark).
 */
export function createPrismaClient(databaseUrl: string, options: { synchronous?: "FULL" | "NORMAL" } = {}) {
  return new PrismaClient({
    adapter: createSqliteAdapterFactory(databaseUrl, options),
  });
}

export type AppPrismaClient = ReturnType<typeof createPrismaClient>;
