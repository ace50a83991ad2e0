import fs from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { readMigrationsList } from "@/lib/core/db/migration-files";

describe("GET /api/health", () => {
  it("answers 200 with the migration state when the database is migrated", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const count = readMigrationsList().migrationDirectories.length;
    expect(await response.json()).toMatchObject({
      status: "ok",
      database: { reachable: true },
      migrations: { applied: count, pending: 0, failed: 0 },
    });
  });

  it("answers 503 when migrations are pending", async () => {
    vi.resetModules();
    const { scratchDatabaseUrl } = await import("../support/scratch-db");
    vi.stubEnv("DATABASE_URL", scratchDatabaseUrl("unmigrated"));
    (globalThis as { prisma?: unknown }).prisma = undefined;
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("error");
    expect(body.database.reachable).toBe(true);
    expect(body.migrations.pending).toBe(readMigrationsList().migrationDirectories.length);
  });

  it("answers 503 when the database cannot be opened", async () => {
    vi.resetModules();
    const { scratchDatabaseUrl } = await import("../support/scratch-db");
    // A path whose parent is a regular file cannot be opened as a database.
    const blocker = scratchDatabaseUrl("blocker").replace(/^file:/, "");
    fs.writeFileSync(blocker, "not a directory");
    vi.stubEnv("DATABASE_URL", `file:${blocker}/app.db`);
    (globalThis as { prisma?: unknown }).prisma = undefined;
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", database: { reachable: false }, migrations: null });
  });
});
