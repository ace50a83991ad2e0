import fs from "node:fs";
import path from "node:path";
import { TEST_TMP_DIR } from "./paths";

/** A URL for a brand-new, empty database file (not migrated). */
export function scratchDatabaseUrl(label: string): string {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  return `file:${path.join(TEST_TMP_DIR, `${label}-${process.pid}-${Math.random().toString(36).slice(2)}.db`)}`;
}

/** A private, migrated and seeded copy of the template database, with its own client. */
export async function copyOfTemplate(label: string) {
  const { TEMPLATE_DB } = await import("./paths");
  const { createPrismaClient } = await import("@/lib/core/db/create-client");
  const url = scratchDatabaseUrl(label);
  fs.copyFileSync(TEMPLATE_DB, url.replace(/^file:/, ""));
  return { url, client: createPrismaClient(url) };
}
