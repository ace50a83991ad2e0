/**
 * The server the end-to-end tests run against: a fresh database (data/e2e.db, rebuilt on
 * every run so tests start from the seed), the production build (rebuilt only when the
 * sources changed, in .next-e2e so a running `npm start` is untouched) and two `next start`
 * processes sharing E2E_PORT (scripts/support/cluster-server.ts).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { buildIsCurrent, recordBuild, sourceStamp } from "./build-stamp";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const port = process.env.E2E_PORT ?? "3210";
const databaseFile = "data/e2e.db";

(process.env as Record<string, string>).NODE_ENV = "production";
process.env.DATABASE_URL = `file:./${databaseFile}`;
process.env.NEXT_DIST_DIR = ".next-e2e";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NEXTAUTH_URL = `http://localhost:${port}`;
// E-mail copies go to the test relay that Playwright starts (tests/e2e/mail-sink.ts).
process.env.SMTP_URL = `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? "3211"}`;
process.env.SMTP_FROM = "深圳市科协（端到端测试） <kepu@example.gov.cn>";
// A fixed secret for the throwaway test server only.
process.env.NEXTAUTH_SECRET = "e2e-only-secret-not-for-any-real-deployment-0123456789";
// Every spec signs in from the same local address: more room than a real office gets (10), so
// specs that try a wrong password on purpose do not use up each other's allowance.
process.env.LOGIN_ADDRESS_MAX_FAILURES ??= "100";
// The audit chain's key and anchors for this throwaway database only (anchors of an earlier run would not match it).
process.env.AUDIT_HMAC_KEY = "e2e-only-audit-key-not-for-any-real-deployment-0123456789";
process.env.AUDIT_ANCHOR_DIR = "data/e2e-audit-anchors";
fs.rmSync(process.env.AUDIT_ANCHOR_DIR, { recursive: true, force: true });

for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
const { prepareDatabase } = await import("@/lib/core/db/setup");
await prepareDatabase(process.env.DATABASE_URL, { demoAccounts: true, demoData: true });

const stamp = sourceStamp();
if (!buildIsCurrent(stamp)) {
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  recordBuild(stamp);
}

// As `npm start` runs it: several server processes on one port (two unless WEB_CONCURRENCY says
// otherwise, so every spec runs against both), forwarded headers rewritten by TRUST_PROXY
// (lib/core/trusted-proxy.ts), X-Served-By naming the process that answered, and the public page
// answered from its cache below Next.js (scripts/support/request-hook.mjs).
const { serveWithWorkers } = await import("./support/cluster-server");
serveWithWorkers({
  port: Number(port),
  workers: Number(process.env.WEB_CONCURRENCY ?? 2),
  nextBin,
  preloads: [
    new URL("./support/request-hook.mjs", import.meta.url).href,
    new URL("./support/trusted-proxy.mjs", import.meta.url).href,
    new URL("./support/served-by.mjs", import.meta.url).href,
  ],
});
