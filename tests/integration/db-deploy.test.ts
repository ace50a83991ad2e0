import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { readMigrationsList } from "@/lib/core/db/migration-files";
import { databaseProvider } from "@/lib/core/db/provider";
import { TEST_TMP_DIR } from "@/tests/support/paths";
import { createEmptyDatabase } from "@/tests/support/postgres-template";

// Issue 14 item 5: `npm run db:deploy` is the one-off migration job of a deployment with several
// instances. Two jobs started at the same moment against one fresh database must migrate and seed
// it once: the second waits for the first's lock (PostgreSQL: pg_advisory_lock; SQLite: a lock
// file), then finds nothing left to do. Runs on both providers (the real CLI, as child processes).

const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";

async function freshDatabaseUrl(): Promise<string> {
  if (onPostgres) return createEmptyDatabase(inject("postgresAdminUrl"), "deploy");
  const folder = fs.mkdtempSync(path.join(TEST_TMP_DIR, "deploy-"));
  return `file:${path.join(folder, "app.db")}`;
}

interface JobResult {
  code: number | null;
  output: string;
}

function runDeploy(databaseUrl: string): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-deploy.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        SEED_DEMO_ACCOUNTS: "true",
        SEED_DEMO_DATA: "false",
        BACKUP_DIR: path.join(TEST_TMP_DIR, "deploy-backups"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const clients: { $disconnect(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
});

describe("npm run db:deploy", () => {
  it(
    "two jobs started at once on a fresh database: migrations applied once, seed loaded once, both succeed",
    { timeout: 180_000 },
    async () => {
      const databaseUrl = await freshDatabaseUrl();
      const [first, second] = await Promise.all([runDeploy(databaseUrl), runDeploy(databaseUrl)]);

      expect(first.code, first.output).toBe(0);
      expect(second.code, second.output).toBe(0);
      const committed = readMigrationsList(databaseProvider(databaseUrl)).migrationDirectories.map((directory) => directory.path);
      // One job applied every migration, the other none.
      const applied = [first, second].map((job) => Number(/migrations applied: (\d+)/.exec(job.output)?.[1]));
      expect(applied.sort((a, b) => a - b)).toEqual([0, committed.length]);

      const client = createPrismaClient(databaseUrl);
      clients.push(client);
      const rows = await client.$queryRawUnsafe<{ migration_name: string }[]>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      );
      expect(rows.map((row) => row.migration_name).sort()).toEqual([...committed].sort());

      // The seed's counts, as the job that loaded them reported them: nothing twice.
      const seeded = [first, second].map((job) => JSON.parse(/seeded: (\{.*\})/.exec(job.output)?.[1] ?? "null") as Record<string, number>);
      const loader = seeded.find((summary) => (summary.units ?? 0) > 0);
      expect(loader, `${first.output}\n${second.output}`).toBeDefined();
      expect(seeded.find((summary) => summary !== loader)).toMatchObject({ units: 0, plans: 0, demoAccounts: 0 });
      expect(await client.unit.count()).toBe(loader!.units);
      expect(await client.user.count()).toBe(loader!.demoAccounts);
      expect(await client.plan.count()).toBe(loader!.plans);
    },
  );
});
