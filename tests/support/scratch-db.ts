import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import type { DatabaseProvider } from "@/lib/core/db/provider";
import { TEST_TMP_DIR } from "./paths";
import { copyTemplateDatabase, createEmptyDatabase } from "./postgres-template";

/** The database the running vitest project tests: "sqlite" or "postgresql" (vitest.config.ts). */
export function testDatabaseProvider(): DatabaseProvider {
  return process.env.TEST_DATABASE_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
}

/** A URL for a brand-new, empty SQLite file (not migrated): for tests of SQLite files as such. */
export function scratchSqliteUrl(label: string): string {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  return `file:${path.join(TEST_TMP_DIR, `${label}-${process.pid}-${Math.random().toString(36).slice(2)}.db`)}`;
}

/**
 * A URL for a brand-new, empty database (not migrated) of the project's provider: a new SQLite
 * file, or a new database on the run's throwaway PostgreSQL server.
 */
export async function scratchDatabaseUrl(label: string): Promise<string> {
  if (testDatabaseProvider() === "postgresql") return createEmptyDatabase(inject("postgresAdminUrl"), label);
  return scratchSqliteUrl(label);
}

/** A private, migrated and seeded copy of the template database, with its own client. */
export async function copyOfTemplate(label: string) {
  const { createPrismaClient } = await import("@/lib/core/db/create-client");
  if (testDatabaseProvider() === "postgresql") {
    const url = await copyTemplateDatabase(inject("postgresAdminUrl"), label);
    return { url, client: createPrismaClient(url) };
  }
  const { TEMPLATE_DB } = await import("./paths");
  const url = scratchSqliteUrl(label);
  fs.copyFileSync(TEMPLATE_DB, url.replace(/^file:/, ""));
  return { url, client: createPrismaClient(url) };
}
