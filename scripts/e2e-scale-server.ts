/**
 * The server the "scale" end-to-end project runs against (tests/e2e/scale.spec.ts): the same
 * production build as the other specs (.next-e2e, built by scripts/e2e-server.ts, which Playwright
 * starts first and waits for), on its own port, over a database at issue 16's target size —
 * data/e2e-scale.db, rebuilt on every run: the app's migrations and seed (demo accounts, no demo
 * history), then tests/support/scale-data.ts (1,500 work items, ≈60,000 reports in 20 rounds,
 * ≈200,000 audit rows). The figures the pages should state go to data/e2e-scale.json for the spec.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { buildIsCurrent, recordBuild, sourceStamp } from "./build-stamp";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const port = process.env.E2E_SCALE_PORT ?? "3212";
export const SCALE_DATABASE_FILE = "data/e2e-scale.db";
export const SCALE_FIGURES_FILE = "data/e2e-scale.json";
const auditKey = "e2e-only-audit-key-not-for-any-real-deployment-0123456789";

(process.env as Record<string, string>).NODE_ENV = "production";
process.env.DATABASE_URL = `file:./${SCALE_DATABASE_FILE}`;
process.env.NEXT_DIST_DIR = ".next-e2e";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NEXTAUTH_URL = `http://localhost:${port}`;
process.env.NEXTAUTH_SECRET = "e2e-only-secret-not-for-any-real-deployment-0123456789";
process.env.LOGIN_ADDRESS_MAX_FAILURES ??= "100";
process.env.AUDIT_HMAC_KEY = auditKey;
process.env.AUDIT_ANCHOR_DIR = "data/e2e-scale-audit-anchors";
fs.rmSync(process.env.AUDIT_ANCHOR_DIR, { recursive: true, force: true });
fs.rmSync(SCALE_FIGURES_FILE, { force: true });

const started = Date.now();
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(SCALE_DATABASE_FILE + suffix, { force: true });
const { prepareDatabase } = await import("@/lib/core/db/setup");
await prepareDatabase(process.env.DATABASE_URL, { demoAccounts: true, demoData: false });
const { buildScaleData } = await import("@/tests/support/scale-data");
const { keyIdFor } = await import("@/lib/audit/keys");
const keyId = keyIdFor(auditKey);
const figures = buildScaleData(SCALE_DATABASE_FILE, { currentId: keyId, keys: new Map([[keyId, Buffer.from(auditKey, "utf8")]]) });
fs.writeFileSync(SCALE_FIGURES_FILE, JSON.stringify(figures));
console.log(
  `scale database: ${figures.workItems} work items, ${figures.reports} reports in ${figures.rounds.length} rounds, ${figures.auditRows} audit rows (${Math.round((Date.now() - started) / 1000)} s)`,
);

// Playwright starts this after scripts/e2e-server.ts answered, so the build is normally current.
const stamp = sourceStamp();
if (!buildIsCurrent(stamp)) {
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  recordBuild(stamp);
}

const trustedProxy = new URL("./support/trusted-proxy.mjs", import.meta.url).href;
const server = spawn(process.execPath, ["--import", trustedProxy, nextBin, "start", "--port", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
