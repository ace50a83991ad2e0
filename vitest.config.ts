import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React's server bundle; in tests the data layer runs in plain Node.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "lib/**/*.test.ts"],
    environment: "node",
    env: {
      NEXTAUTH_SECRET: "vitest-only-secret-not-for-any-real-deployment-0123456789",
      // The audit chain's HMAC key for tests (never the key file under data/).
      AUDIT_HMAC_KEY: "vitest-only-audit-key-not-for-any-real-deployment-0123456789",
    },
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/database-per-file.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
