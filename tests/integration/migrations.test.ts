import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { readMigrationsList } from "@/lib/core/db/migration-files";
import { readMigrationStatus } from "@/lib/core/db/migration-status";
import { applyMigrations, diffDatabaseToSchema } from "@/lib/core/db/schema-engine";
import { scratchDatabaseUrl, testDatabaseProvider } from "../support/scratch-db";

const provider = testDatabaseProvider();
const onPostgres = provider === "postgresql";

describe("committed migrations", () => {
  // The engine introspects SQLite files only; PostgreSQL's drift check is schema-drift.test.ts.
  it.skipIf(onPostgres)("produce exactly prisma/schema.prisma (no drift)", async () => {
    const url = await scratchDatabaseUrl("drift");
    await applyMigrations(url);
    const missing = await diffDatabaseToSchema(url);
    // A non-empty diff is the SQL a new migration needs: run `npm run db:migration -- <name>`.
    expect(missing).toBe("");
  });

  it.skipIf(onPostgres)("detect drift when the database lacks part of the schema", async () => {
    const url = await scratchDatabaseUrl("drift-detect");
    await applyMigrations(url);
    const client = createPrismaClient(url);
    await client.$executeRawUnsafe('DROP INDEX "Unit_name_key"');
    await client.$disconnect();
    expect(await diffDatabaseToSchema(url)).toContain('CREATE UNIQUE INDEX "Unit_name_key"');
  });

  it("are recorded as prisma migrate deploy records them, and applied only once", async () => {
    const url = await scratchDatabaseUrl("apply");
    const names = readMigrationsList(provider).migrationDirectories.map((directory) => directory.path);
    expect(await applyMigrations(url)).toEqual(names);
    expect(await applyMigrations(url)).toEqual([]);
    const client = createPrismaClient(url);
    const rows = await client.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: unknown }[]>(
      "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.finished_at)).toBe(true);
    expect(await readMigrationStatus(client)).toMatchObject({ applied: names.length, pending: [], failed: [] });
    await client.$disconnect();
  });

  it("each have a migration.sql, in both providers' folders", () => {
    for (const each of ["sqlite", "postgresql"] as const) {
      const list = readMigrationsList(each);
      expect(list.migrationDirectories.length, each).toBeGreaterThan(0);
      for (const directory of list.migrationDirectories) {
        expect(directory.migrationFile.content.tag, `${each}: ${directory.path}`).toBe("ok");
      }
      expect(list.lockfile.content, each).toContain(`provider = "${each}"`);
    }
    expect(fs.existsSync("prisma/migrations/migration_lock.toml")).toBe(true);
    expect(fs.existsSync("prisma/postgresql/migrations/migration_lock.toml")).toBe(true);
  });
});

// SQLite only: the engine's EXCLUSIVE lock on the file; a PostgreSQL server serves other connections meanwhile.
describe.skipIf(onPostgres)("migrating a database that another process holds open", () => {
  it("fails with a message saying to stop the server first", async () => {
    const url = await scratchDatabaseUrl("busy");
    await applyMigrations(url);
    const client = createPrismaClient(url);
    await client.unit.count();
    await expect(applyMigrations(url)).rejects.toThrow(/请先停止正在运行的服务/);
    await client.$disconnect();
  });
});
