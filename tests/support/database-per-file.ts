import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { TEMPLATE_DB, TEST_TMP_DIR } from "./paths";
import { copyTemplateDatabase } from "./postgres-template";

// Every test file gets a private copy of the seeded template database, so files can run
// in parallel and in any order. The app's own client (lib/core/db.ts) reads this URL.
// Project "sqlite": a copy of the template file; project "postgresql": a database copied from the
// template database on the run's throwaway PostgreSQL server.
const label = `file-${process.pid}-${Math.random().toString(36).slice(2)}`;
if (process.env.TEST_DATABASE_PROVIDER === "postgresql") {
  process.env.DATABASE_URL = await copyTemplateDatabase(inject("postgresAdminUrl"), "file");
} else {
  const file = path.join(TEST_TMP_DIR, `${label}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}
// Anchors of the audit trail's head belong to this file's database alone.
process.env.AUDIT_ANCHOR_DIR = path.join(TEST_TMP_DIR, `${label}.anchors`);
