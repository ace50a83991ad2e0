import type { AppPrismaClient } from "@/lib/core/db/create-client";
import { seedDemoAccounts } from "./demo-accounts";
import { seedDemoComposite } from "./demo-composite";
import { seedDemoHistory, seedIndicatorTargets } from "./demo-history";
import { seedPlans } from "./plans";
import { seedUnits } from "./units";

export interface SeedOptions {
  /** Create the demo accounts (SEED_DEMO_ACCOUNTS). */
  demoAccounts: boolean;
  /** Load the demo history of rounds, reports and indicator values (SEED_DEMO_DATA). */
  demoData?: boolean;
}

export interface SeedSummary {
  units: number;
  plans: number;
  demoAccounts: number;
  demoReports: number;
  demoIndicatorValues: number;
}

/**
 * Loads each data set whose tables are still empty. Never updates or deletes: a second
 * run on a database in use changes nothing.
 */
export async function seedDatabase(client: AppPrismaClient, options: SeedOptions): Promise<SeedSummary> {
  const units = await seedUnits(client);
  const plans = await seedPlans(client);
  await seedIndicatorTargets(client);
  const demoAccounts = options.demoAccounts ? await seedDemoAccounts(client) : 0;
  const demo = options.demoData ? await seedDemoHistory(client) : { reports: 0, values: 0 };
  // The demo 深圳科普指数（示例） over the demo indicators (a composite, computed on read).
  if (options.demoData) await seedDemoComposite(client);
  return { units, plans, demoAccounts, demoReports: demo.reports, demoIndicatorValues: demo.values };
}
