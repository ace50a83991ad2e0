import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import base from "./vitest.config";

/**
 * The tests `npm run test:mutation` (StrykerJS, stryker.config.mjs) runs against the mutated
 * modules: only the files that exercise them, so a run stays short on two cores. The rest of
 * the setup (aliases, env, the global setup and the per-file database) is the normal one: each
 * Stryker worker is a Vitest of its own, so it builds its own template in its own run folder
 * (tests/support/paths.ts), and the two workers never touch each other's databases.
 */
const MUTATION_TEST_FILES = [
  "tests/unit/traffic-light.test.ts",
  "tests/unit/permissions.test.ts",
  "tests/unit/report-schema.test.ts",
  "tests/integration/login.test.ts",
  "tests/integration/login-lockout.test.ts",
  "tests/integration/audit-trail.test.ts",
  "tests/integration/audit-chain-fields.test.ts",
];

/**
 * Stryker stops a mutant's run at the first failing test (bail), and a mutant that is live while
 * the modules load (the permission table, the schemas) runs every file: the fast unit tests go
 * first, so such a mutant is usually caught before a database is opened.
 */
class UnitTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const isUnit = (file: TestSpecification) => file.moduleId.includes("/tests/unit/");
    return [...sorted.filter(isUnit), ...sorted.filter((file) => !isUnit(file))];
  }
}

// Spread, not mergeConfig: mergeConfig would append these lists to the base ones.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: MUTATION_TEST_FILES,
    sequence: { ...base.test?.sequence, sequencer: UnitTestsFirst },
  },
});
