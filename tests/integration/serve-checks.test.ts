import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { sourceStamp } from "@/scripts/build-stamp";
import { TEST_TMP_DIR } from "@/tests/support/paths";
import { createEmptyDatabase } from "@/tests/support/postgres-template";

// Issue 14 item 5, "build once, run many": `npm run serve` serves the build that is there and
// nothing else. It must refuse — with a message saying what to run — a missing build, a build made
// from other sources, a missing audit key, and a database with migrations pending, and it must never
// migrate that database itself (the one-off job `npm run db:deploy` does).

const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";

interface Run {
  code: number | null;
  output: string;
}

function serve(env: Record<string, string>): Promise<Run> {
  // Stamped just before: a source file edited meanwhile (by a developer at work) would make it stale.
  if (currentBuild) fs.writeFileSync(path.join(currentBuild, "source-stamp"), sourceStamp());
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
      env: { ...process.env, PORT: "1", WEB_CONCURRENCY: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

let folder: string;
/** A stand-in for a shipped build made from these sources (only what `serve` checks). */
let currentBuild: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(TEST_TMP_DIR, "serve-"));
  currentBuild = path.join(folder, "current-build");
  fs.mkdirSync(currentBuild);
  fs.writeFileSync(path.join(currentBuild, "BUILD_ID"), "test-build");
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

// The build checks read no database: once is enough.
describe.skipIf(onPostgres)("npm run serve: the build", () => {
  it("refuses to start without a build, and says to run npm run build", async () => {
    const run = await serve({ NEXT_DIST_DIR: path.join(folder, "no-build") });
    expect(run.code).toBe(1);
    expect(run.output).toContain("没有生产构建");
    expect(run.output).toContain("npm run build");
  });

  it("refuses a build made from other sources", async () => {
    const stale = path.join(folder, "stale-build");
    fs.mkdirSync(stale);
    fs.writeFileSync(path.join(stale, "BUILD_ID"), "old-build");
    fs.writeFileSync(path.join(stale, "source-stamp"), "0".repeat(64));
    const run = await serve({ NEXT_DIST_DIR: stale });
    expect(run.code).toBe(1);
    expect(run.output).toContain("was made from other sources");
  });

  it("refuses to start without the audit key and does not make one up", async () => {
    const keyFile = path.join(folder, "missing-audit.key");
    const run = await serve({ NEXT_DIST_DIR: currentBuild, AUDIT_HMAC_KEY: "", AUDIT_HMAC_KEY_FILE: keyFile });
    expect(run.code).toBe(1);
    expect(run.output).toContain("AUDIT_HMAC_KEY_FILE");
    expect(fs.existsSync(keyFile)).toBe(false);
  });
});

describe("npm run serve: the database", () => {
  it(
    "refuses a database with migrations pending, says to run npm run db:deploy, and leaves it unmigrated",
    { timeout: 60_000 },
    async () => {
      const databaseUrl = onPostgres
        ? await createEmptyDatabase(inject("postgresAdminUrl"), "serve")
        : `file:${path.join(folder, "empty.db")}`;
      const run = await serve({ NEXT_DIST_DIR: currentBuild, DATABASE_URL: databaseUrl });
      expect(run.code, run.output).toBe(1);
      expect(run.output).toContain("npm run db:deploy");
      expect(run.output).toMatch(/\d+ pending/);

      const client = createPrismaClient(databaseUrl);
      try {
        const tables = onPostgres
          ? await client.$queryRawUnsafe<unknown[]>(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
            )
          : await client.$queryRawUnsafe<unknown[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
        expect(tables).toEqual([]);
      } finally {
        await client.$disconnect();
      }
    },
  );
});
