import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** The README's PostgreSQL roles are the SQL tests/integration/postgres-roles.test.ts runs, word for word. */
describe("README, PostgreSQL roles", () => {
  it("shows exactly scripts/support/postgres-roles.sql", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const heading = "### PostgreSQL 数据库角色 / PostgreSQL roles";
    const start = readme.indexOf(heading);
    expect(start, "README section").toBeGreaterThan(-1);
    const block = /```sql\n([\s\S]*?)```/.exec(readme.slice(start));
    expect(block, "SQL block in the section").not.toBeNull();
    expect(block![1]).toBe(fs.readFileSync(path.join(root, "scripts/support/postgres-roles.sql"), "utf8"));
  });
});
