import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { appendAudit, auditHash, GENESIS_HASH, verifyAuditChain } from "@/lib/audit/chain";
import type { AppPrismaClient } from "@/lib/core/db/create-client";
import { audit, verifyAuditChain as verifyAppChain } from "@/lib/audit/server/record";
import { actorFor } from "../support/actors";
import { copyOfTemplate } from "../support/scratch-db";
import { executePortable } from "../support/portable-sql";

const run = promisify(execFile);
const opened: AppPrismaClient[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((client) => client.$disconnect()));
});

/** Each scenario tampers with its own database, so one broken chain cannot hide another. */
async function trailWith(events: number) {
  const database = await copyOfTemplate("audit");
  opened.push(database.client);
  const actor = await actorFor("kxadmin");
  for (let i = 0; i < events; i++) {
    await database.client.$transaction((tx) =>
      appendAudit(tx, { action: "test.event", result: "SUCCESS", actor, objectType: "Test", objectId: i, details: { i } }),
    );
  }
  return database;
}

describe("the audit trail", () => {
  it("refuses UPDATE and DELETE in the database itself", async () => {
    const { client } = await trailWith(2);
    await expect(executePortable(client, `UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = 1`)).rejects.toThrow(
      /append-only: UPDATE is not allowed/,
    );
    await expect(executePortable(client, `DELETE FROM "AuditEvent" WHERE "id" = 1`)).rejects.toThrow(/append-only: DELETE is not allowed/);
    expect(await client.auditEvent.count()).toBe(2);
  });

  it("links every row to the one before by hash", async () => {
    const { client } = await trailWith(3);
    const rows = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => row.id)).toEqual([1, 2, 3]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    for (const row of rows) expect(auditHash(row)).toBe(row.hash);
    expect(await verifyAuditChain(client)).toEqual({ ok: true, count: 3 });
  });

  it("stays one unbroken chain under concurrent writes through the app", async () => {
    const actor = await actorFor("kxadmin");
    const before = await verifyAppChain();
    expect(before.ok).toBe(true);
    await Promise.all(Array.from({ length: 25 }, (_, i) => audit({ action: "test.parallel", result: "SUCCESS", actor, objectId: i })));
    expect(await verifyAppChain()).toEqual({ ok: true, count: before.count + 25 });
  });

  it("reports the first row changed behind the triggers' back", async () => {
    const { client } = await trailWith(5);
    // An attacker with the database file can drop the trigger; the chain still tells.
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_update"`);
    await executePortable(client, `UPDATE "AuditEvent" SET "result" = 'FAILURE' WHERE "id" = 3`);
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 2, brokenAt: 3, problem: "content_changed" });
  });

  it("reports a removed row", async () => {
    const { client } = await trailWith(5);
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_delete"`);
    await executePortable(client, `DELETE FROM "AuditEvent" WHERE "id" = 4`);
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 3, brokenAt: 5, problem: "sequence_gap" });
  });

  it("reports a row rewritten together with a recomputed hash of its own", async () => {
    const { client } = await trailWith(4);
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_update"`);
    const row = await client.auditEvent.findUniqueOrThrow({ where: { id: 2 } });
    await executePortable(
      client,
      `UPDATE "AuditEvent" SET "action" = 'forged', "hash" = ? WHERE "id" = 2`,
      auditHash({ ...row, action: "forged" }),
    );
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 2, brokenAt: 3, problem: "link_broken" });
  });

  it("npm run audit:verify exits 1 naming the broken record", async () => {
    const { client, url } = await trailWith(3);
    const env = { ...process.env, NODE_ENV: "test" as const, DATABASE_URL: url };
    const intact = await run("npx", ["tsx", "scripts/audit-verify.ts"], { env });
    expect(intact.stdout).toContain("审计链完整 / audit trail intact: 3 条记录");
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_update"`);
    await executePortable(client, `UPDATE "AuditEvent" SET "details" = NULL WHERE "id" = 2`);
    await expect(run("npx", ["tsx", "scripts/audit-verify.ts"], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("审计链在第 2 条记录处断开 / audit trail broken at record 2"),
    });
  });
});
