import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: "sqlite" runs every unit and integration test on the embedded SQLite database;
// "postgresql" runs the integration suite again on a throwaway PostgreSQL server started by its
// global setup (Debian's `postgresql` package; it says how to install it when missing).
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server bundle; in tests the data layer runs in plain Node.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    environment: "node",
    env: {
      NEXTAUTH_SECRET: "vitest-only-secret-not-for-any-real-deployment-0123456789",
      // The audit chain's HMAC key for tests (never the key file under data/).
      AUDIT_HMAC_KEY: "vitest-only-audit-key-not-for-any-real-deployment-0123456789",
    },
    setupFiles: ["tests/support/database-per-file.ts"],
    pool: "forks",
    // Vitest's default is one fewer than the cores, so one file at a time on a 2-core machine; many
    // files wait on PostgreSQL, child processes or the disk, and two at a time took the whole run
    // from 973 s to 728 s there. Every file has its own database, so files never share data.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // For a hang, not a pace: with two files at a time on a busy 2-core machine the slowest tests
    // (two deploy jobs started at once as real CLI processes, 19 s) came within 2× of 30 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "lib/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgresql",
          include: ["tests/integration/**/*.test.ts"],
          // These never open the database (process handling, proxy headers, the evidence files):
          // once, in the "sqlite" project, is enough.
          exclude: ["tests/integration/{cluster-server,trusted-proxy,attachment-store,public-page-server}.test.ts"],
          globalSetup: ["tests/support/global-setup-postgresql.ts"],
          env: { TEST_DATABASE_PROVIDER: "postgresql" },
        },
      },
    ],
  },
});
