/**
 * `npm test` runs the integration suite on a throwaway PostgreSQL server too (vitest project
 * "postgresql"). Without PostgreSQL's programs that project must stop at once with the install
 * hint (Chinese, then English), not fail test by test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { findPostgresBin, POSTGRES_INSTALL_HINT, startThrowawayPostgres } from "@/scripts/support/postgres-cluster";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "pg-hint-"));
const empty = path.join(root, "empty");
fs.mkdirSync(empty);
const fake = path.join(root, "fake-bin");
fs.mkdirSync(fake);
for (const tool of ["initdb", "pg_ctl"]) fs.writeFileSync(path.join(fake, tool), "#!/bin/sh\nexit 1\n", { mode: 0o755 });

afterEach(() => vi.unstubAllEnvs());
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("finding PostgreSQL's programs", () => {
  it("takes POSTGRES_BIN when it holds initdb and pg_ctl", () => {
    expect(findPostgresBin({ POSTGRES_BIN: fake, PATH: empty })).toBe(fake);
  });

  it("finds nothing when POSTGRES_BIN names a folder without them, even if another version is installed", () => {
    expect(findPostgresBin({ POSTGRES_BIN: empty, PATH: empty })).toBeNull();
  });

  it("says how to install PostgreSQL, in Chinese first", () => {
    expect(POSTGRES_INSTALL_HINT).toMatch(/^未找到 PostgreSQL/);
    expect(POSTGRES_INSTALL_HINT).toContain("sudo apt-get install postgresql");
    expect(POSTGRES_INSTALL_HINT).toContain("PostgreSQL was not found");
  });
});

describe("without PostgreSQL", () => {
  it("the throwaway server refuses to start with the install hint", async () => {
    vi.stubEnv("POSTGRES_BIN", empty);
    await expect(startThrowawayPostgres()).rejects.toThrow(POSTGRES_INSTALL_HINT);
  });

  it("the postgresql test project's global setup stops at once with the install hint", async () => {
    vi.stubEnv("POSTGRES_BIN", empty);
    const { default: setup } = await import("@/tests/support/global-setup-postgresql");
    const provide = vi.fn();
    await expect(setup({ provide } as unknown as TestProject)).rejects.toThrow(POSTGRES_INSTALL_HINT);
    expect(provide).not.toHaveBeenCalled();
  });
});
