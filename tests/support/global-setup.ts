import fs from "node:fs";
import path from "node:path";
import { prepareDatabase } from "@/lib/core/db/setup";
import { TEMPLATE_DB, TEST_ROOT_DIR, TEST_TMP_DIR } from "./paths";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What earlier runs left behind when they ended without their teardown (killed, crashed). */
function removeStaleRuns() {
  if (!fs.existsSync(TEST_ROOT_DIR)) return;
  for (const entry of fs.readdirSync(TEST_ROOT_DIR)) {
    const pid = /^run-(\d+)$/.exec(entry)?.[1];
    if (pid === undefined || !isRunning(Number(pid))) fs.rmSync(path.join(TEST_ROOT_DIR, entry), { recursive: true, force: true });
  }
}

// Build the template database once per run through the same code path as `npm start`.
export default async function setup() {
  removeStaleRuns();
  fs.rmSync(TEST_TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  await prepareDatabase(`file:${TEMPLATE_DB}`, { demoAccounts: true });
  // Fold the WAL back into the main file so a plain file copy is complete.
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(TEMPLATE_DB);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return () => fs.rmSync(TEST_TMP_DIR, { recursive: true, force: true });
}
