import type { AppPrismaClient } from "./create-client";
import { readMigrationsList } from "./migration-files";
import { clientProvider, type DatabaseProvider } from "./provider";

export interface MigrationStatus {
  /** Committed migrations recorded as finished in the database. */
  applied: number;
  /** Committed migrations the database has not run yet. */
  pending: string[];
  /** Migrations that started but did not finish (a failed deploy). */
  failed: string[];
  latest: string | null;
}

interface MigrationRow {
  migration_name: string;
  finished_at: string | Date | null;
  rolled_back_at: string | Date | null;
}

/** Whether the database has Prisma's `_prisma_migrations` table yet (each provider's catalogue). */
async function hasMigrationsTable(client: AppPrismaClient, provider: DatabaseProvider): Promise<boolean> {
  const tables =
    provider === "postgresql"
      ? await client.$queryRaw<{ name: string }[]>`
          SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'`
      : await client.$queryRaw<{ name: string }[]>`
          SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`;
  return tables.length > 0;
}

/**
 * Compares `_prisma_migrations` with the migrations shipped for the client's database
 * (prisma/migrations for SQLite, prisma/postgresql/migrations for PostgreSQL).
 */
export async function readMigrationStatus(client: AppPrismaClient): Promise<MigrationStatus> {
  const provider = clientProvider(client);
  const committed = readMigrationsList(provider).migrationDirectories.map((directory) => directory.path);
  const rows = !(await hasMigrationsTable(client, provider))
    ? []
    : await client.$queryRaw<MigrationRow[]>`
          SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`;
  const finished = new Set(rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name));
  const failed = rows.filter((row) => !row.finished_at && !row.rolled_back_at).map((row) => row.migration_name);
  return {
    applied: committed.filter((name) => finished.has(name)).length,
    pending: committed.filter((name) => !finished.has(name)),
    failed,
    latest: [...committed].reverse().find((name) => finished.has(name)) ?? null,
  };
}
