import type { AppPrismaClient } from "@/lib/db/create-client";
import { seedDemoAccounts } from "./demo-accounts";
import { seedPlans } from "./plans";
import { seedUnits } from "./units";

export interface SeedOptions {
  /** Create the demo accounts (SEED_DEMO_ACCOUNTS). */
  demoAccounts: boolean;
}

export interface SeedSummary {
  units: number;
  plans: number;
  demoAccounts: number;
}

/**
 * Loads each data set whose tables are still empty. Never updates or deletes: a second
 * run on a database in use changes nothing.
 */
export async function seedDatabase(client: AppPrismaClient, options: SeedOptions): Promise<SeedSummary> {
  const units = await seedUnits(client);
  const plans = await seedPlans(client);
  const demoAccounts = options.demoAccounts ? await seedDemoAccounts(client) : 0;
  return { units, plans, demoAccounts };
}
