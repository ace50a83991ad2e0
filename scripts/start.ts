/**
 * npm start — from a fresh clone to a running production server:
 * generate the Prisma client, create/migrate the database, seed empty tables, build
 * when the sources changed since the last build, then serve on PORT (default 3000) with
 * WEB_CONCURRENCY server processes (default one per CPU core).
 * A second run keeps all data: migrations and seeds only ever add.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { buildIsCurrent, recordBuild, sourceStamp } from "./build-stamp";
import { ensureEnvFile } from "./env-file";

const require = createRequire(import.meta.url);
// An intranet has no route to Vercel's telemetry endpoint; do not try.
process.env.NEXT_TELEMETRY_DISABLED = "1";
const nextBin = require.resolve("next/dist/bin/next");

function run(step: string, command: string, args: string[]) {
  console.log(`\n▶ ${step}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`✖ ${step} 失败 / failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

// Next.js and the env loader pick .env.production and production defaults from this.
(process.env as Record<string, string>).NODE_ENV = "production";
ensureEnvFile();

if (!fs.existsSync("lib/generated/prisma/client.ts")) {
  run("生成数据库客户端 / generating the Prisma client", process.execPath, ["scripts/prisma-generate.mjs"]);
}

const { loadScriptEnv } = await import("./load-env");
const { PORT, DATABASE_URL, SEED_DEMO_ACCOUNTS, SEED_DEMO_DATA, WEB_CONCURRENCY } = loadScriptEnv();
// next-auth builds its own URLs from this; without it they would point at port 3000.
process.env.NEXTAUTH_URL ||= `http://localhost:${PORT}`;

console.log(`\n▶ 准备数据库 / preparing the database (${DATABASE_URL})`);
const { deployDatabase, DeployLockTimeoutError } = await import("@/lib/core/db/deploy");
const { DatabaseInUseError } = await import("@/lib/core/db/schema-engine");
// The upgrade procedure (README "Upgrading"): a database with data gets a backup in BACKUP_DIR
// before any pending migration touches it; prepareDatabase takes it and says where. The same
// job as `npm run db:deploy`, under its lock (lib/core/db/deploy.ts).
const { appliedMigrations, seeded, backupFile } = await deployDatabase(DATABASE_URL, {
  demoAccounts: SEED_DEMO_ACCOUNTS,
  demoData: SEED_DEMO_DATA,
  onWait: () => console.log("  另一个部署任务正在运行，等待其完成 / another deploy job holds the lock; waiting for it"),
}).catch((error: unknown) => {
  if (!(error instanceof DatabaseInUseError) && !(error instanceof DeployLockTimeoutError)) throw error;
  console.error(`✖ ${error.message}`);
  process.exit(1);
});
if (backupFile) console.log(`  迁移前备份 / backup before migrating: ${backupFile}`);
console.log(`  迁移 / migrations applied: ${appliedMigrations.length}; 初始数据 / seeded: ${JSON.stringify(seeded)}`);

// The audit chain's HMAC key lives outside the database. With none configured, a fresh machine
// gets a generated key file under data/ (README: keep it elsewhere in production, back it up).
{
  const { ensureAuditKeyFile, AuditKeyError } = await import("@/lib/audit/keys");
  const { createPrismaClient } = await import("@/lib/core/db/create-client");
  const client = createPrismaClient(DATABASE_URL);
  const keyedRowsExist = (await client.auditEvent.count({ where: { keyId: { not: null } } })) > 0;
  await client.$disconnect();
  try {
    if (ensureAuditKeyFile(loadScriptEnv(), keyedRowsExist) === "generated") {
      console.log("  已生成审计签名密钥 / generated the audit key file (AUDIT_HMAC_KEY_FILE): back it up apart from the database");
    }
  } catch (error) {
    if (!(error instanceof AuditKeyError)) throw error;
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
}

const stamp = sourceStamp();
if (buildIsCurrent(stamp)) {
  console.log("\n▶ 构建已是最新 / production build is current");
} else {
  run("构建生产版本 / building the production app (about a minute)", process.execPath, [nextBin, "build"]);
  recordBuild(stamp);
}

console.log(`\n▶ 启动服务 / serving on http://localhost:${PORT}`);
// WEB_CONCURRENCY processes share the port (scripts/support/cluster-server.ts), each running `next start`,
// as `npm run serve` runs them (scripts/support/serve-build.ts).
const { defaultServerProcesses } = await import("./support/cluster-server");
const { serveBuild } = await import("./support/serve-build");
serveBuild({ port: PORT, workers: WEB_CONCURRENCY ?? defaultServerProcesses() });
