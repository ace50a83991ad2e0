import { seedDatabase, type SeedOptions, type SeedSummary } from "@/lib/seed";
import { createPrismaClient } from "./create-client";
import { applyMigrations } from "./schema-engine";

export interface SetupResult {
  appliedMigrations: string[];
  seeded: SeedSummary;
}

/** Creates the database if needed, applies pending migrations, seeds empty tables. */
export async function prepareDatabase(databaseUrl: string, options: SeedOptions): Promise<SetupResult> {
  const appliedMigrations = await applyMigrations(databaseUrl);
  const client = createPrismaClient(databaseUrl);
  try {
    const seeded = await seedDatabase(client, options);
    return { appliedMigrations, seeded };
  } finally {
    await client.$disconnect();
  }
}
