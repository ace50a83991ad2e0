import path from "node:path";

export const TEST_TMP_DIR = path.resolve(import.meta.dirname, "../../tmp/vitest");
/** Migrated and seeded once per run; each test file works on its own copy. */
export const TEMPLATE_DB = path.join(TEST_TMP_DIR, "template.db");
