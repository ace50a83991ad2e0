/**
 * The audit trail is append-only in the database itself (issue 14, item 4): triggers refuse
 * UPDATE and DELETE on "AuditEvent" on both providers, and TRUNCATE on PostgreSQL (SQLite has no
 * TRUNCATE; its `DELETE FROM` without WHERE is refused by the same trigger). Whatever is refused
 * leaves every row as it was, and the chain still verifies.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { audit, verifyAuditChain } from "@/lib/audit/server/record";
import { db } from "@/lib/core/db";

const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";

async function snapshot() {
  return db.auditEvent.findMany({ orderBy: { id: "asc" } });
}

async function refused(statement: string) {
  const before = await snapshot();
  await expect(db.$executeRawUnsafe(statement), statement).rejects.toThrow(/AuditEvent is append-only/);
  expect(await snapshot()).toEqual(before);
}

describe("the audit trail refuses to be changed", () => {
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) await audit({ action: "auth.login", result: "SUCCESS", attemptedUsername: `append-only-${i}` });
  });

  it("UPDATE of a row, or of all rows", async () => {
    await refused(`UPDATE "AuditEvent" SET "reason" = 'edited' WHERE "id" = (SELECT MAX("id") FROM "AuditEvent")`);
    await refused(`UPDATE "AuditEvent" SET "actorUsername" = 'nobody'`);
    const newest = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    await expect(db.auditEvent.update({ where: { id: newest.id }, data: { reason: "edited" } })).rejects.toThrow();
  });

  it("DELETE of a row, or of all rows", async () => {
    await refused(`DELETE FROM "AuditEvent" WHERE "id" = (SELECT MAX("id") FROM "AuditEvent")`);
    await refused(`DELETE FROM "AuditEvent"`);
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
  });

  // PostgreSQL only: SQLite has no TRUNCATE statement (its equivalent, DELETE without WHERE, is refused above).
  it.runIf(onPostgres)("TRUNCATE, also with CASCADE", async () => {
    await refused(`TRUNCATE "AuditEvent"`);
    await refused(`TRUNCATE "AuditEvent" CASCADE`);
  });

  it("and after all the refusals the chain is intact and still grows", async () => {
    const count = await db.auditEvent.count();
    await audit({ action: "auth.login", result: "SUCCESS", attemptedUsername: "append-only-after" });
    expect(await db.auditEvent.count()).toBe(count + 1);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: count + 1 });
  });
});
