import { PrismaClient } from "@/lib/generated/prisma/client";
import { createSqliteAdapterFactory } from "./sqlite-adapter";

/**
 * Builds a Prisma client for the given database URL. The app uses the singleton in
 * lib/core/db.ts; scripts and tests call this directly with their own URL.
 */
export function createPrismaClient(databaseUrl: string) {
  return new PrismaClient({
    adapter: createSqliteAdapterFactory(databaseUrl),
  });
}

export type AppPrismaClient = ReturnType<typeof createPrismaClient>;
