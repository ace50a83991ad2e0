import path from "node:path";

/** Where every vitest run keeps its files; each run has a folder of its own below it. */
export const TEST_ROOT_DIR = path.resolve(import.meta.dirname, "../../tmp/vitest");
// One folder per run, so two runs side by side (a watch beside a full run) never delete each
// other's databases. Set in the main process before the workers start; they inherit it.
process.env.KEPU_VITEST_DIR ??= path.join(TEST_ROOT_DIR, `run-${process.pid}`);
export const TEST_TMP_DIR = process.env.KEPU_VITEST_DIR;
/** Migrated and seeded once per run; each test file works on its own copy. */
export const TEMPLATE_DB = path.join(TEST_TMP_DIR, "template.db");
