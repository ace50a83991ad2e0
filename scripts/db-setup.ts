/** npm run db:setup — migrate, then load seed data into empty tables. */
import { prepareDatabase } from "@/lib/core/db/setup";
import { loadScriptEnv } from "./load-env";

const { DATABASE_URL, SEED_DEMO_ACCOUNTS, SEED_DEMO_DATA } = loadScriptEnv();
const { appliedMigrations, seeded } = await prepareDatabase(DATABASE_URL, { demoAccounts: SEED_DEMO_ACCOUNTS, demoData: SEED_DEMO_DATA });
console.log(`数据库 / database: ${DATABASE_URL}`);
console.log(`  迁移 / migrations applied: ${appliedMigrations.length}`);
console.log(`  初始数据 / seeded: ${JSON.stringify(seeded)}`);
