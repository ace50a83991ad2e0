import { seedDatabase, type SeedOptions, type SeedSummary } from "@/lib/seed";
import { createPrismaClient } from "./create-client";
import { backupBeforeMigrations } from "./backup";
import { applyMigrations } from "./schema-engine";

export interface SetupResult {
  appliedMigrations: string[];
  seeded: SeedSummary;
  /** The backup taken before applying migrations to a database with data (BACKUP_DIR), if any. */
  backupFile?: string;
}

/**
 * Creates the database if needed, backs it up when it holds data and migrations are pending
 * (the upgrade procedure in the README), applies pending migrations, seeds empty tables.
 */
export async function prepareDatabase(databaseUrl: string, options: SeedOptions): Promise<SetupResult> {
  const backupFile = (await backupBeforeMigrations(databaseUrl)) ?? undefined;
  const appliedMigrations = await applyMigrations(databaseUrl);
  const client = createPrismaClient(databaseUrl);
  try {
    const seeded = await seedDatabase(client, options);
    return backupFile ? { appliedMigrations, seeded, backupFile } : { appliedMigrations, seeded };
  } finally {
    await client.$disconnect();
  }
}
