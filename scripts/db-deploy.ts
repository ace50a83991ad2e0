/**
 * npm run db:deploy — the one-off database job of a deployment with several instances: apply the
 * committed migrations and load seed data into empty tables, under a lock (lib/core/db/deploy.ts)
 * so that two jobs or instances starting at once never both migrate or seed. Run it once per
 * release, before `npm run serve` on each instance (which never migrates).
 */
import { loadScriptEnv } from "./load-env";

(process.env as Record<string, string>).NODE_ENV ??= "production";
const { DATABASE_URL, SEED_DEMO_ACCOUNTS, SEED_DEMO_DATA } = loadScriptEnv();
const { deployDatabase } = await import("@/lib/core/db/deploy");
const { DatabaseInUseError } = await import("@/lib/core/db/schema-engine");
const { redactDatabaseUrl } = await import("./support/redact-url");

console.log(`▶ 数据库部署 / deploying the database (${redactDatabaseUrl(DATABASE_URL)})`);
try {
  const result = await deployDatabase(DATABASE_URL, {
    demoAccounts: SEED_DEMO_ACCOUNTS,
    demoData: SEED_DEMO_DATA,
    onWait: () => console.log("  另一个部署任务正在运行，等待其完成 / another deploy job holds the lock; waiting for it"),
  });
  if (result.backupFile) console.log(`  迁移前备份 / backup before migrating: ${result.backupFile}`);
  console.log(
    `  迁移 / migrations applied: ${result.appliedMigrations.length}${result.appliedMigrations.length ? ` (${result.appliedMigrations.join(", ")})` : ""}`,
  );
  console.log(`  初始数据 / seeded: ${JSON.stringify(result.seeded)}`);
  console.log("✔ 数据库已就绪 / the database is ready");
} catch (error) {
  if (error instanceof DatabaseInUseError || (error instanceof Error && error.name === "DeployLockTimeoutError")) {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
  throw error;
}
