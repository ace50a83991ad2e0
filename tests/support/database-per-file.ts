import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TEST_TMP_DIR } from "./paths";

// Every test file gets a private copy of the seeded template database, so files can run
// in parallel and in any order. The app's own client (lib/core/db.ts) reads this URL.
const file = path.join(TEST_TMP_DIR, `file-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
fs.copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
// Anchors of the audit trail's head belong to this file's database alone.
process.env.AUDIT_ANCHOR_DIR = `${file}.anchors`;
