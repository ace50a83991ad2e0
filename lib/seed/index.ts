import type { AppPrismaClient } from "@/lib/db/create-client";
import { seedUnits } from "./units";

export interface SeedSummary {
  units: number;
}

/**
 * Loads each data set whose tables are still empty. Never updates or deletes: a second
 * run on a database in use changes nothing.
 */
export async function seedDatabase(client: AppPrismaClient): Promise<SeedSummary> {
  const units = await seedUnits(client);
  return { units };
}
