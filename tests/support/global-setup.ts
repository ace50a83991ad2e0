import fs from "node:fs";
import { prepareDatabase } from "@/lib/core/db/setup";
import { TEMPLATE_DB, TEST_TMP_DIR } from "./paths";

// Build the template database once per run through the same code path as `npm start`.
export default async function setup() {
  fs.rmSync(TEST_TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  await prepareDatabase(`file:${TEMPLATE_DB}`, { demoAccounts: true });
  // Fold the WAL back into the main file so a plain file copy is complete.
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(TEMPLATE_DB);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
