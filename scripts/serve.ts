/**
 * npm run serve — one instance of a deployment with several: serves the production build that is
 * already there (`npm run build`, shipped in `.next/`), with WEB_CONCURRENCY server processes on
 * PORT. It never builds and never migrates: it stops with a message when the build is missing or
 * was made from other sources, when the audit key cannot be read, or when the database has
 * migrations pending (run the one-off job `npm run db:deploy` first). Nothing is written to .env.
 */
import fs from "node:fs";
import { loadScriptEnv } from "./load-env";
import { buildProblem, serveBuild } from "./support/serve-build";

process.env.NEXT_TELEMETRY_DISABLED = "1";
(process.env as Record<string, string>).NODE_ENV = "production";

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

const settings = loadScriptEnv();
const { PORT, DATABASE_URL, WEB_CONCURRENCY } = settings;
process.env.NEXTAUTH_URL ||= `http://localhost:${PORT}`;

const problem = buildProblem();
if (problem) fail(problem);
if (!fs.existsSync("lib/generated/prisma/client.ts")) {
  fail(
    "缺少数据库客户端：请运行 npm run db:generate（npm ci 会自动生成）/ the Prisma client is missing: run npm run db:generate (npm ci does it)",
  );
}

// The audit key is never generated here: every instance must sign with the one key of the deployment.
{
  const { AuditKeyError, loadAuditKeyring } = await import("@/lib/audit/keys");
  try {
    loadAuditKeyring(settings, { generate: false });
  } catch (error) {
    if (error instanceof AuditKeyError) fail(error.message);
    throw error;
  }
}

{
  const { createPrismaClient } = await import("@/lib/core/db/create-client");
  const { readMigrationStatus } = await import("@/lib/core/db/migration-status");
  const { redactDatabaseUrl } = await import("./support/redact-url");
  const client = createPrismaClient(DATABASE_URL);
  try {
    const status = await readMigrationStatus(client).catch((error: unknown) =>
      fail(`无法连接数据库 / cannot reach the database ${redactDatabaseUrl(DATABASE_URL)}: ${(error as Error).message}`),
    );
    if (status.failed.length > 0 || status.pending.length > 0) {
      fail(
        `数据库尚未迁移到本版本（待执行 ${status.pending.length} 个，失败 ${status.failed.length} 个）：请先运行一次 npm run db:deploy；npm run serve 从不迁移 / ` +
          `the database is not migrated for this release (${status.pending.length} pending, ${status.failed.length} failed): ` +
          `run npm run db:deploy once first; npm run serve never migrates`,
      );
    }
  } finally {
    await client.$disconnect();
  }
}

if (!process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
  console.warn(
    "⚠ 未设置 NEXT_SERVER_ACTIONS_ENCRYPTION_KEY：使用构建内的密钥，各实例必须运行同一份构建 / " +
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set: the key inside the build is used, so every instance must run the same build",
  );
}

const { defaultServerProcesses } = await import("./support/cluster-server");
console.log(`▶ 启动服务 / serving on port ${PORT}${process.env.SERVER_INSTANCE ? ` (instance ${process.env.SERVER_INSTANCE})` : ""}`);
serveBuild({ port: PORT, workers: WEB_CONCURRENCY ?? defaultServerProcesses() });
