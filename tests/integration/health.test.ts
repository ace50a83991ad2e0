import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it, vi } from "vitest";
import { readMigrationsList } from "@/lib/core/db/migration-files";
import { TEST_TMP_DIR } from "@/tests/support/paths";
import { testDatabaseProvider } from "@/tests/support/scratch-db";
import { installHook, rawRequest, startHookedServer, stopHookedServer, type Answer } from "../support/hooked-server";

// The committed migrations of the database this project runs on (SQLite's or PostgreSQL's folder).
const committedCount = () => readMigrationsList(testDatabaseProvider()).migrationDirectories.length;

// The evidence folder the health check probes: a private one, never the app's data/uploads.
fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
const evidenceDir = fs.mkdtempSync(path.join(TEST_TMP_DIR, "health-uploads-"));
process.env.UPLOAD_DIR = evidenceDir;

describe("GET /api/health: the evidence folder (issue 17)", () => {
  it("reports that the evidence folder is writable and how much space is left, and leaves no probe behind", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.evidence).toEqual({ writable: true, freeMegabytes: expect.any(Number), minFreeMegabytes: 512 });
    expect(body.evidence.freeMegabytes).toBeGreaterThan(512);
    expect(fs.readdirSync(evidenceDir)).toEqual([]);
  });

  it("answers 503 when less space is left than UPLOAD_MIN_FREE_MB", async () => {
    vi.stubEnv("UPLOAD_MIN_FREE_MB", "1000000000"); // 1 PB: more than any disk here has free
    try {
      const { GET } = await import("@/app/api/health/route");
      const response = await GET();
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: "error", database: { reachable: true }, migrations: { pending: 0, failed: 0 } });
      expect(body.evidence).toMatchObject({ writable: true, minFreeMegabytes: 1_000_000_000 });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("answers 503 when nothing can be written where evidence goes", async () => {
    // A folder below a regular file can be neither created nor written, even by root.
    const blocker = path.join(evidenceDir, "not-a-folder");
    fs.writeFileSync(blocker, "x");
    vi.stubEnv("UPLOAD_DIR", path.join(blocker, "uploads"));
    try {
      const { GET } = await import("@/app/api/health/route");
      const response = await GET();
      expect(response.status).toBe(503);
      expect((await response.json()).evidence).toMatchObject({ writable: false });
    } finally {
      vi.unstubAllEnvs();
      fs.rmSync(blocker);
    }
  });
});

describe("GET /api/health under load (issue 16: O(1) work per call)", () => {
  it("does not read the migrations again once they are all applied", async () => {
    const { checkHealth } = await import("@/lib/core/health");
    const { db } = await import("@/lib/core/db");
    const count = committedCount();
    expect((await checkHealth()).migrations).toMatchObject({ applied: count, pending: 0 });
    // With the migration table out of sight a fresh look would find every migration pending.
    await db.$executeRawUnsafe("ALTER TABLE _prisma_migrations RENAME TO _prisma_migrations_hidden");
    try {
      const report = await checkHealth();
      expect(report).toMatchObject({ status: "ok", migrations: { applied: count, pending: 0, failed: 0 } });
    } finally {
      await db.$executeRawUnsafe("ALTER TABLE _prisma_migrations_hidden RENAME TO _prisma_migrations");
    }
  });

  it("probes the evidence folder at most once per EVIDENCE_PROBE_TTL_MS", async () => {
    const { checkHealth, EVIDENCE_PROBE_TTL_MS } = await import("@/lib/core/health");
    const folder = fs.mkdtempSync(path.join(TEST_TMP_DIR, "health-probe-"));
    vi.stubEnv("UPLOAD_DIR", folder);
    try {
      const start = Date.now();
      expect((await checkHealth(start)).evidence.writable).toBe(true);
      // The folder becomes a regular file: nothing can be written there any more…
      fs.rmSync(folder, { recursive: true });
      fs.writeFileSync(folder, "not a folder");
      // …which the next probe sees, but not a call within the probe's lifetime.
      expect((await checkHealth(start + EVIDENCE_PROBE_TTL_MS - 1)).evidence.writable).toBe(true);
      const later = await checkHealth(start + EVIDENCE_PROBE_TTL_MS);
      expect(later).toMatchObject({ status: "error", evidence: { writable: false } });
    } finally {
      vi.unstubAllEnvs();
      fs.rmSync(folder, { force: true });
    }
  });
});

describe("GET /api/health below Next.js (issue 16: answered as soon as it arrives)", () => {
  // A real HTTP server with the worker preload of `npm start`; its own handler stands in for Next.js.
  async function withHookedServer(run: (request: (path: string, method?: string) => Promise<Answer>, nextSaw: string[]) => Promise<void>) {
    const nextSaw: string[] = [];
    const { server, base } = await startHookedServer((request, response) => {
      nextSaw.push(`${request.method} ${request.url}`);
      response.statusCode = 418;
      response.end("next");
    });
    const { healthHook } = await import("@/lib/core/server/health-hook");
    const { combinedHook } = await import("@/lib/core/server/request-hooks");
    installHook(combinedHook([healthHook()]));
    try {
      await run((path, method = "GET") => rawRequest(`${base}${path}`, {}, method), nextSaw);
    } finally {
      await stopHookedServer(server);
    }
  }

  it("answers what the route answers, with the portal's fixed headers, without Next.js", async () => {
    await withHookedServer(async (request, nextSaw) => {
      const answer = await request("/api/health");
      expect(answer.status).toBe(200);
      expect(answer.headers["content-type"]).toBe("application/json");
      expect(answer.headers["cache-control"]).toBe("no-store");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(Number(answer.headers["content-length"])).toBe(answer.raw.length);
      const { GET } = await import("@/app/api/health/route");
      expect(JSON.parse(answer.text)).toEqual(await (await GET()).json());
      expect(JSON.parse(answer.text)).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { pending: 0 } });
      // A monitor's query string and a HEAD are the health check too.
      expect((await request("/api/health?from=lb")).status).toBe(200);
      const head = await request("/api/health", "HEAD");
      expect(head.status).toBe(200);
      expect(head.raw.length).toBe(0);
      expect(nextSaw).toEqual([]);
    });
  });

  it("answers 503 as the route does when the check fails", async () => {
    vi.stubEnv("UPLOAD_MIN_FREE_MB", "1000000000"); // 1 PB: more than any disk here has free
    try {
      await withHookedServer(async (request) => {
        const answer = await request("/api/health?after-stub");
        expect(answer.status).toBe(503);
        expect(JSON.parse(answer.text)).toMatchObject({ status: "error", database: { reachable: true } });
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("leaves every other request to Next.js", async () => {
    await withHookedServer(async (request, nextSaw) => {
      for (const [path, method] of [
        ["/api/health", "POST"],
        ["/api/healthz", "GET"],
        ["/api/health/x", "GET"],
        ["/api/auth/session", "GET"],
      ] as const) {
        expect((await request(path, method)).status).toBe(418);
      }
      expect(nextSaw).toEqual(["POST /api/health", "GET /api/healthz", "GET /api/health/x", "GET /api/auth/session"]);
    });
  });
});

describe("GET /api/health", () => {
  it("answers 200 with the migration state when the database is migrated", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const count = committedCount();
    expect(await response.json()).toMatchObject({
      status: "ok",
      database: { provider: testDatabaseProvider(), reachable: true },
      migrations: { applied: count, pending: 0, failed: 0 },
    });
  });

  it("answers 503 when migrations are pending", async () => {
    vi.resetModules();
    const { scratchDatabaseUrl } = await import("../support/scratch-db");
    vi.stubEnv("DATABASE_URL", await scratchDatabaseUrl("unmigrated"));
    (globalThis as { prisma?: unknown }).prisma = undefined;
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("error");
    expect(body.database).toEqual({ provider: testDatabaseProvider(), reachable: true });
    expect(body.migrations.pending).toBe(committedCount());
  });

  it("answers 503 when the database cannot be opened", async () => {
    vi.resetModules();
    const { scratchSqliteUrl } = await import("../support/scratch-db");
    if (testDatabaseProvider() === "postgresql") {
      // A database the server does not have.
      const missing = new URL(inject("postgresAdminUrl"));
      missing.pathname = "/no_such_database";
      vi.stubEnv("DATABASE_URL", missing.toString());
    } else {
      // A path whose parent is a regular file cannot be opened as a database.
      const blocker = scratchSqliteUrl("blocker").replace(/^file:/, "");
      fs.writeFileSync(blocker, "not a directory");
      vi.stubEnv("DATABASE_URL", `file:${blocker}/app.db`);
    }
    (globalThis as { prisma?: unknown }).prisma = undefined;
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "error",
      database: { provider: testDatabaseProvider(), reachable: false },
      migrations: null,
    });
  });
});
