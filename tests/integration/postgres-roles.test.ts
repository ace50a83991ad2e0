/**
 * The two PostgreSQL roles of the README ("PostgreSQL 数据库角色 / PostgreSQL roles"), from the very
 * file it shows (scripts/support/postgres-roles.sql): the owner runs the migrations, the application
 * role writes through the app as usual, but the audit trail refuses it anything but SELECT and INSERT.
 * PostgreSQL only: SQLite has no roles.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { appendAudit, verifyAuditChain } from "@/lib/audit/chain";
import { createPrismaClient, type AppPrismaClient } from "@/lib/core/db/create-client";
import { applyMigrations } from "@/lib/core/db/schema-engine";
import { withPgClient } from "../support/postgres-template";

const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";
const ROLES_SQL_PATH = path.resolve("scripts/support/postgres-roles.sql");

/** The file's numbered sections ("-- [1] …"), each as its statements, with this run's own names. */
function sections(names: Record<string, string>): string[][] {
  let sql = fs.readFileSync(ROLES_SQL_PATH, "utf8");
  for (const [name, replacement] of Object.entries(names)) sql = sql.replace(new RegExp(`\\b${name}\\b`, "g"), replacement);
  return sql
    .split(/^-- \[\d\].*$/m)
    .slice(1)
    .map((section) =>
      section
        .split("\n")
        .filter((line) => !line.startsWith("--"))
        .join("\n")
        .split(";")
        .map((statement) => statement.trim())
        .filter(Boolean),
    );
}

async function runAll(url: string, statements: string[]) {
  await withPgClient(url, async (client) => {
    for (const statement of statements) await client.query(statement);
  });
}

describe.runIf(onPostgres)("PostgreSQL roles (scripts/support/postgres-roles.sql)", () => {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const names = { kepu_owner: `owner_${suffix}`, kepu_app: `app_${suffix}`, kepu: `roles_${suffix}` };
  const clients: AppPrismaClient[] = [];
  const urlAs = (role: string) => {
    const url = new URL(inject("postgresAdminUrl"));
    url.username = role;
    url.password = "";
    url.pathname = `/${names.kepu}`;
    return url.toString();
  };

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.$disconnect()));
    await withPgClient(inject("postgresAdminUrl"), async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${names.kepu}" WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS "${names.kepu_app}"`);
      await client.query(`DROP ROLE IF EXISTS "${names.kepu_owner}"`);
    });
  });

  it("the owner migrates; the app role writes and audits, but cannot change or remove audit records", async () => {
    const parts = sections(names);
    expect(parts.map((section) => section.length > 0)).toEqual([true, true, true]);
    const [asSuperuser, inDatabase, afterMigrations] = parts as [string[], string[], string[]];
    await runAll(inject("postgresAdminUrl"), asSuperuser);
    const adminInDatabase = new URL(inject("postgresAdminUrl"));
    adminInDatabase.pathname = `/${names.kepu}`;
    await runAll(adminInDatabase.toString(), inDatabase);

    const ownerUrl = urlAs(names.kepu_owner);
    expect((await applyMigrations(ownerUrl)).length).toBeGreaterThan(0);
    await runAll(ownerUrl, afterMigrations);
    // Repeating the after-migration step is harmless.
    await runAll(ownerUrl, afterMigrations);

    const app = createPrismaClient(urlAs(names.kepu_app));
    clients.push(app);
    // A normal audited write: a row of an app table and its audit record, in one transaction.
    await app.$transaction(async (tx) => {
      const unit = await tx.unit.create({ data: { name: "角色测试单位", fullName: "角色测试单位", type: "GOVERNMENT_DEPARTMENT" } });
      await tx.unit.update({ where: { id: unit.id }, data: { fullName: "角色测试单位（改）" } });
      await appendAudit(tx, { action: "unit.create", result: "SUCCESS", objectType: "Unit", objectId: unit.id });
    });
    await app.$transaction((tx) => appendAudit(tx, { action: "unit.rename", result: "SUCCESS", objectType: "Unit" }));
    expect(await app.auditEvent.count()).toBe(2);
    expect(await verifyAuditChain(app)).toMatchObject({ ok: true, count: 2 });

    for (const statement of [
      `UPDATE "AuditEvent" SET "reason" = 'x'`,
      `DELETE FROM "AuditEvent"`,
      `TRUNCATE "AuditEvent"`,
      `DROP TRIGGER "AuditEvent_no_update" ON "AuditEvent"`,
      `UPDATE "_prisma_migrations" SET "logs" = 'x'`,
      `CREATE TABLE "Intruder" ("id" int)`,
    ]) {
      await expect(app.$executeRawUnsafe(statement), statement).rejects.toThrow(/permission denied|must be owner/);
    }
    expect(await app.auditEvent.count()).toBe(2);
    expect(await verifyAuditChain(app)).toMatchObject({ ok: true, count: 2 });
    // An instance started as the app role on a migrated database finds nothing to apply (and may not apply anything).
    expect(await applyMigrations(urlAs(names.kepu_app))).toEqual([]);
  });
});
