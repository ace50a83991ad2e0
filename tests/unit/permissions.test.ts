import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  can,
  canEditPlan,
  canExportAudit,
  canManageUsers,
  canReadAudit,
  canReadPlan,
  isRole,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  ROLES,
  type Permission,
  type Role,
} from "@/lib/core/permissions";

/**
 * The product's specification of who may do what is the permission table in README.md
 * ("Accounts, roles and access control"). It is read from there, not copied, so the code and
 * the document cannot drift apart unnoticed.
 */
function readmePermissionTable(): { roles: string[]; rows: Map<string, Set<string>> } {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
  const lines = readme.split("\n");
  const headerIndex = lines.findIndex((line) => /^\|\s*permission\s*\|/.test(line));
  expect(headerIndex, "README has a table headed '| permission | …'").toBeGreaterThanOrEqual(0);
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => cell.trim());
  const roles = cells(lines[headerIndex]!).slice(1);
  const rows = new Map<string, Set<string>>();
  for (const line of lines.slice(headerIndex + 2)) {
    if (!line.startsWith("|")) break;
    const [first, ...marks] = cells(line);
    const permission = /`([^`]+)`/.exec(first!)?.[1];
    expect(permission, `permission name in ${line}`).toBeDefined();
    rows.set(permission!, new Set(roles.filter((_role, i) => marks[i] === "✓")));
  }
  return { roles, rows };
}

const spec = readmePermissionTable();

describe("the role → permission table", () => {
  it("has the five roles of the README, in its order (the account form lists them so)", () => {
    expect([...ROLES]).toEqual(spec.roles);
    expect(spec.roles).toEqual(["ADMIN", "LIAISON", "LEADER", "AUDITOR", "USER_ADMIN"]);
  });

  it("knows exactly the permissions the README lists", () => {
    expect([...PERMISSIONS].sort()).toEqual([...spec.rows.keys()].sort());
  });

  const cases = [...spec.rows].flatMap(([permission, allowed]) =>
    spec.roles.map((role) => [role, permission, allowed.has(role)] as [Role, Permission, boolean]),
  );

  it.each(cases)("%s may %s: %s", (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("grants each role nothing beyond the README's row, and nothing twice", () => {
    for (const role of ROLES) {
      const expected = [...spec.rows].filter(([, allowed]) => allowed.has(role)).map(([permission]) => permission);
      expect([...ROLE_PERMISSIONS[role]].sort(), role).toEqual(expected.sort());
    }
  });
});

describe("separation of duties (三员分立)", () => {
  it("lets the auditor search, verify and export the audit trail, and sign out", () => {
    expect(can("AUDITOR", "audit:read")).toBe(true);
    expect(can("AUDITOR", "audit:export")).toBe(true);
    expect(can("AUDITOR", "account:self")).toBe(true);
    expect(canReadAudit("AUDITOR")).toBe(true);
    expect(canExportAudit("AUDITOR")).toBe(true);
  });

  it("lets the auditor change nothing and read no accounts, plans or reports", () => {
    for (const permission of [
      "user:read",
      "user:manage",
      "unit:read",
      "plan:read",
      "plan:edit",
      "report:read",
      "round:read",
      "dashboard:read",
    ] as const) {
      expect(can("AUDITOR", permission), permission).toBe(false);
    }
  });

  it("lets the account administrator list and manage accounts but not read the audit trail", () => {
    expect(can("USER_ADMIN", "user:read")).toBe(true);
    expect(canManageUsers("USER_ADMIN")).toBe(true);
    expect(canReadAudit("USER_ADMIN")).toBe(false);
    expect(canExportAudit("USER_ADMIN")).toBe(false);
    expect(canReadPlan("USER_ADMIN")).toBe(false);
  });

  it("gives the leader the rounds, the dashboard and the reports, read-only", () => {
    expect(can("LEADER", "round:read")).toBe(true);
    expect(can("LEADER", "dashboard:read")).toBe(true);
    expect(can("LEADER", "report:read")).toBe(true);
    expect(canReadPlan("LEADER")).toBe(true);
    for (const permission of ["round:manage", "report:review", "report:write", "chase:send", "plan:edit", "indicator:edit"] as const) {
      expect(can("LEADER", permission), permission).toBe(false);
    }
  });

  it("lets only CAST staff edit the plan, and only liaisons write reports", () => {
    expect(ROLES.filter((role) => canEditPlan(role))).toEqual(["ADMIN"]);
    expect(ROLES.filter((role) => can(role, "report:write"))).toEqual(["LIAISON"]);
    expect(ROLES.filter((role) => canManageUsers(role))).toEqual(["USER_ADMIN"]);
    expect(ROLES.filter((role) => canReadPlan(role))).toEqual(["ADMIN", "LIAISON", "LEADER"]);
  });

  it("gives no role both account management and the audit trail", () => {
    for (const role of ROLES) expect(can(role, "user:manage") && can(role, "audit:read"), role).toBe(false);
  });
});

describe("a role not in the table", () => {
  // Sessions carry the role as stored in the database; anything unexpected must get nothing.
  it.each([undefined, null, "", "admin", "Admin", " ADMIN", "ROOT", "toString", "constructor", "__proto__", 0, 1, true, {}, ["ADMIN"]])(
    "%j gets nothing",
    (role) => {
      expect(isRole(role)).toBe(false);
      for (const permission of PERMISSIONS) expect(can(role, permission)).toBe(false);
      expect([canReadPlan, canEditPlan, canManageUsers, canReadAudit, canExportAudit].map((check) => check(role))).toEqual([
        false,
        false,
        false,
        false,
        false,
      ]);
    },
  );

  it("recognises each real role", () => {
    for (const role of ["ADMIN", "LIAISON", "LEADER", "AUDITOR", "USER_ADMIN"]) expect(isRole(role), role).toBe(true);
  });
});
