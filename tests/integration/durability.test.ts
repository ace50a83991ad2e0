import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { parseEnv } from "@/lib/core/env";
import { TEST_TMP_DIR } from "@/tests/support/paths";
import { scratchSqliteUrl as scratchDatabaseUrl } from "../support/scratch-db";

// Lets a test build a database as the previous release left it: every migration but the newest.
const migrations = vi.hoisted(() => ({ hideNewest: false }));
vi.mock("@/lib/core/db/migration-files", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/core/db/migration-files")>();
  return {
    ...real,
    readMigrationsList: () => {
      const list = real.readMigrationsList();
      return migrations.hideNewest ? { ...list, migrationDirectories: list.migrationDirectories.slice(0, -1) } : list;
    },
  };
});

const { prepareDatabase } = await import("@/lib/core/db/setup");
const { applyMigrations } = await import("@/lib/core/db/schema-engine");
const { readMigrationsList } = await import("@/lib/core/db/migration-files");

afterEach(() => {
  migrations.hideNewest = false;
  vi.unstubAllEnvs();
});

async function synchronousOf(client: ReturnType<typeof createPrismaClient>): Promise<number> {
  const rows = await client.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
  return Number(rows[0]!.synchronous);
}

// SQLite only: PRAGMA synchronous and the SQLite backup file; PostgreSQL commits durably by default (fsync on) and its backups are pg_dump files (tests of lib/core/db/backup.ts).
const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";

describe.skipIf(onPostgres)("synchronous=FULL (issue 17: an acknowledged write survives a power cut)", () => {
  it("gives every new connection synchronous=FULL (2) by default", async () => {
    vi.stubEnv("DB_SYNCHRONOUS", undefined);
    const client = createPrismaClient(scratchDatabaseUrl("sync-default"));
    try {
      expect(await synchronousOf(client)).toBe(2);
      const journal = await client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(journal[0]!.journal_mode).toBe("wal");
    } finally {
      await client.$disconnect();
    }
  });

  it("uses NORMAL (1) when DB_SYNCHRONOUS=NORMAL, and FULL again when it says FULL", async () => {
    vi.stubEnv("DB_SYNCHRONOUS", "NORMAL");
    const normal = createPrismaClient(scratchDatabaseUrl("sync-normal"));
    vi.stubEnv("DB_SYNCHRONOUS", "FULL");
    const full = createPrismaClient(scratchDatabaseUrl("sync-full"));
    try {
      vi.stubEnv("DB_SYNCHRONOUS", "NORMAL");
      expect(await synchronousOf(normal)).toBe(1);
      vi.stubEnv("DB_SYNCHRONOUS", "FULL");
      expect(await synchronousOf(full)).toBe(2);
    } finally {
      await normal.$disconnect();
      await full.$disconnect();
    }
  });

  it("the app's own client (lib/core/db) runs with FULL", async () => {
    const { db } = await import("@/lib/core/db");
    expect(await synchronousOf(db)).toBe(2);
  });

  it("validates DB_SYNCHRONOUS at boot", () => {
    const secret = { NEXTAUTH_SECRET: "s".repeat(32) };
    expect(parseEnv(secret).DB_SYNCHRONOUS).toBe("FULL");
    expect(parseEnv({ ...secret, DB_SYNCHRONOUS: "NORMAL" }).DB_SYNCHRONOUS).toBe("NORMAL");
    expect(() => parseEnv({ ...secret, DB_SYNCHRONOUS: "OFF" })).toThrow(/DB_SYNCHRONOUS: must be FULL or NORMAL \(got "OFF"\)/);
    expect(() => parseEnv({ ...secret, UPLOAD_MIN_FREE_MB: "-1" })).toThrow(/UPLOAD_MIN_FREE_MB/);
    expect(parseEnv(secret)).toMatchObject({ UPLOAD_MIN_FREE_MB: 512, BACKUP_DIR: "./data/backups" });
  });
});

describe.skipIf(onPostgres)("npm start backs up a database with data before applying migrations (issue 17)", () => {
  function backupFolder(label: string): string {
    fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
    const dir = path.join(fs.mkdtempSync(path.join(TEST_TMP_DIR, `${label}-`)), "backups");
    vi.stubEnv("BACKUP_DIR", dir);
    return dir;
  }

  it("takes a backup that opens and holds the data, named with the time and the migration, then migrates", async () => {
    const dir = backupFolder("backup-upgrade");
    const url = scratchDatabaseUrl("upgrade");
    const file = url.replace(/^file:/, "");
    // The previous release's database: every migration but the newest, seeded, and a change of its own.
    migrations.hideNewest = true;
    const before = await prepareDatabase(url, { demoAccounts: true, demoData: false });
    migrations.hideNewest = false;
    expect(before.backupFile).toBeUndefined();
    const sqlite = new Database(file);
    sqlite.prepare(`UPDATE "Unit" SET fullName = ? WHERE name = ?`).run("深圳市科学技术协会（升级前修改）", "市科协");
    sqlite.close();

    const newest = readMigrationsList().migrationDirectories.at(-1)!.path;
    const result = await prepareDatabase(url, { demoAccounts: false, demoData: false });
    expect(result.appliedMigrations).toEqual([newest]);
    expect(result.backupFile).toBeDefined();
    const backup = result.backupFile!;
    expect(path.dirname(backup)).toBe(dir);
    expect(path.basename(backup)).toMatch(new RegExp(`^upgrade-.+-\\d{8}T\\d{6}Z-before-${newest}\\.db$`));
    expect(fs.readdirSync(dir)).toEqual([path.basename(backup)]);

    const copy = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(copy.prepare(`SELECT fullName FROM "Unit" WHERE name = ?`).get("市科协")).toEqual({
        fullName: "深圳市科学技术协会（升级前修改）",
      });
      expect(copy.prepare(`SELECT username FROM "User" WHERE username = 'kxadmin'`).get()).toEqual({ username: "kxadmin" });
      // The copy is the database as it was: the newest migration not yet applied.
      const applied = (copy.prepare("SELECT migration_name FROM _prisma_migrations").all() as { migration_name: string }[]).map(
        (row) => row.migration_name,
      );
      expect(applied).not.toContain(newest);
      expect(applied.length).toBe(readMigrationsList().migrationDirectories.length - 1);
    } finally {
      copy.close();
    }

    // Nothing pending any more: the next start takes no backup.
    const again = await prepareDatabase(url, { demoAccounts: false, demoData: false });
    expect(again.backupFile).toBeUndefined();
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  it("takes none for a fresh database, nor for one that is migrated but still empty", async () => {
    const dir = backupFolder("backup-fresh");
    const fresh = await prepareDatabase(scratchDatabaseUrl("fresh"), { demoAccounts: true });
    expect(fresh.backupFile).toBeUndefined();

    const url = scratchDatabaseUrl("empty-old");
    migrations.hideNewest = true;
    await applyMigrations(url);
    migrations.hideNewest = false;
    const emptyButOld = await prepareDatabase(url, { demoAccounts: false, demoData: false });
    expect(emptyButOld.appliedMigrations).toHaveLength(1);
    expect(emptyButOld.backupFile).toBeUndefined();
    expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
  });
});
