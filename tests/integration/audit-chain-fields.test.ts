/**
 * What each audit record holds, and that the hash chain covers every one of those fields: an
 * auditor must see who acted (account, role, unit), on what, from where, and must be told when
 * any of it was changed afterwards. Real SQLite files, as the app writes them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { appendAudit, AUDIT_INDEXED_TEXT_MAX, auditHash, GENESIS_HASH, verifyAuditChain, type AuditEntry } from "@/lib/audit/chain";
import type { Actor } from "@/lib/core/actor";
import type { AppPrismaClient } from "@/lib/core/db/create-client";
import { actorFor } from "../support/actors";
import { copyOfTemplate } from "../support/scratch-db";
import { executePortable } from "../support/portable-sql";

const opened: AppPrismaClient[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((client) => client.$disconnect()));
});

async function emptyTrail() {
  const database = await copyOfTemplate("audit-fields");
  opened.push(database.client);
  expect(await database.client.auditEvent.count(), "the template starts with an empty trail").toBe(0);
  return database.client;
}

async function append(client: AppPrismaClient, entry: AuditEntry, now?: Date) {
  await client.$transaction((tx) => appendAudit(tx, entry, now));
  return client.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
}

describe("an audit record", () => {
  it("names the acting account, its role and unit, the object, the result and the address", async () => {
    const client = await emptyTrail();
    const liaison: Actor = await actorFor("jyj");
    expect(liaison.unitId).not.toBeNull();
    const now = new Date("2026-03-01T02:03:04.005Z");
    const row = await append(
      client,
      {
        action: "report.submit",
        result: "SUCCESS",
        actor: liaison,
        objectType: "ProgressReport",
        objectId: 15,
        reason: "resubmitted",
        details: { version: 2, status: "ON_TRACK" },
      },
      now,
    );
    expect(row).toEqual({
      id: 1,
      occurredAt: now,
      actorId: liaison.userId,
      actorUsername: "jyj",
      actorRole: "LIAISON",
      actorUnitId: liaison.unitId,
      actorUnitName: "市教育局",
      action: "report.submit",
      objectType: "ProgressReport",
      objectId: "15",
      result: "SUCCESS",
      reason: "resubmitted",
      details: JSON.stringify({ version: 2, status: "ON_TRACK" }),
      ip: "127.0.0.1",
      prevHash: "0".repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      // The id of the HMAC key that signed it (default: the first 8 hex digits of the key's SHA-256).
      keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
  });

  it("records an event with no signed-in actor by the name that was typed, and nothing else about a person", async () => {
    const client = await emptyTrail();
    const row = await append(client, {
      action: "auth.login",
      result: "FAILURE",
      attemptedUsername: "ghost",
      reason: "unknown_user",
      ip: "10.0.0.9",
    });
    expect(row).toMatchObject({
      actorId: null,
      actorUsername: "ghost",
      actorRole: null,
      actorUnitId: null,
      actorUnitName: null,
      objectType: null,
      objectId: null,
      details: null,
      ip: "10.0.0.9",
    });
  });

  it("records an event with neither actor nor address", async () => {
    const client = await emptyTrail();
    const row = await append(client, { action: "system.start", result: "SUCCESS" });
    expect(row).toMatchObject({ actorUsername: null, ip: null, reason: null, details: null, objectType: null, objectId: null });
    expect(await verifyAuditChain(client)).toEqual({ ok: true, count: 1 });
  });

  it("prefers the signed-in account's name to a typed one, and an explicit address to the session's", async () => {
    const client = await emptyTrail();
    const actor = await actorFor("kxadmin");
    const row = await append(client, { action: "auth.login", result: "FAILURE", actor, attemptedUsername: "typed-name", ip: "10.7.7.7" });
    expect(row).toMatchObject({ actorUsername: "kxadmin", actorRole: "ADMIN", actorUnitId: null, actorUnitName: null, ip: "10.7.7.7" });
    const fromSession = await append(client, { action: "plan.read", result: "SUCCESS", actor });
    expect(fromSession.ip).toBe("127.0.0.1");
  });

  it.each<[AuditEntry["objectId"], string | null]>([
    [0, "0"],
    [42, "42"],
    ["abc", "abc"],
    [null, null],
    [undefined, null],
  ])("stores the object id %j as %j", async (objectId, stored) => {
    const client = await emptyTrail();
    expect((await append(client, { action: "test", result: "SUCCESS", objectType: "Test", objectId })).objectId).toBe(stored);
  });

  it("stores a NUL character typed into a refused request as U+FFFD (PostgreSQL text cannot hold NUL), on both databases", async () => {
    const client = await emptyTrail();
    const row = await append(client, {
      action: "test",
      result: "DENIED",
      objectType: "Test",
      objectId: "1\u0000",
      attemptedUsername: "a\u0000b",
      reason: "x\u0000",
      details: { typed: "\u0000" },
    });
    expect(row).toMatchObject({ objectId: "1\uFFFD", actorUsername: "a\uFFFDb", reason: "x\uFFFD", details: '{"typed":"\\u0000"}' });
    expect(await verifyAuditChain(client)).toMatchObject({ ok: true });
  });

  it("cuts a huge object id or typed user name to fit the index (PostgreSQL index entries are bounded), on both databases", async () => {
    const client = await emptyTrail();
    const huge = "长".repeat(100_000);
    const row = await append(client, { action: "test", result: "DENIED", objectType: "Test", objectId: huge, attemptedUsername: huge });
    expect(row.objectId).toBe(`${"长".repeat(AUDIT_INDEXED_TEXT_MAX - 1)}…`);
    expect(row.actorUsername).toBe(row.objectId);
    expect(await verifyAuditChain(client)).toMatchObject({ ok: true });
  });

  it("numbers records in sequence, each pointing at the one before", async () => {
    const client = await emptyTrail();
    const first = await append(client, { action: "a", result: "SUCCESS" });
    const second = await append(client, { action: "b", result: "DENIED" });
    expect([first.id, second.id]).toEqual([1, 2]);
    expect(first.prevHash).toBe("0".repeat(64));
    expect(GENESIS_HASH).toBe("0".repeat(64));
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).not.toBe(first.hash);
  });
});

describe("the hash", () => {
  it("is the one earlier releases wrote for the same record, so existing trails still verify", () => {
    // sha256 over the JSON array [id, occurredAt (ISO), actorId, actorUsername, actorRole, actorUnitId,
    // actorUnitName, action, objectType, objectId, result, reason, details, ip, prevHash].
    const row = {
      id: 1,
      occurredAt: new Date("2026-03-01T02:03:04.005Z"),
      actorId: 3,
      actorUsername: "jyj",
      actorRole: "LIAISON",
      actorUnitId: 7,
      actorUnitName: "市教育局",
      action: "report.submit",
      objectType: "ProgressReport",
      objectId: "15",
      result: "SUCCESS" as const,
      reason: null,
      details: '{"version":2}',
      ip: "10.1.2.3",
      prevHash: "0".repeat(64),
    };
    expect(auditHash(row)).toBe("3d8c8c3be523f2c1d77c99c41f13d03821e9516fe61e7d654cc448a017511be8");
  });

  // Each field as an attacker with the database file (and the triggers dropped) might change it.
  const tampering: [string, string][] = [
    // One second later: SQLite stores milliseconds, PostgreSQL a timestamp.
    [
      "occurredAt",
      process.env.TEST_DATABASE_PROVIDER === "postgresql"
        ? `"occurredAt" = "occurredAt" + INTERVAL '1 second'`
        : `"occurredAt" = "occurredAt" + 1000`,
    ],
    ["actorId", `"actorId" = "actorId" + 1`],
    ["actorUsername", `"actorUsername" = 'kxadmin'`],
    ["actorRole", `"actorRole" = 'ADMIN'`],
    ["actorUnitId", `"actorUnitId" = "actorUnitId" + 1`],
    ["actorUnitName", `"actorUnitName" = '福田区'`],
    ["action", `"action" = 'report.approve'`],
    ["objectType", `"objectType" = 'User'`],
    ["objectId", `"objectId" = '16'`],
    ["result", `"result" = 'DENIED'`],
    ["reason", `"reason" = 'other'`],
    ["details", `"details" = '{}'`],
    ["ip", `"ip" = '192.0.2.1'`],
  ];

  it.each(tampering)("reveals a changed %s", async (_field, assignment) => {
    const client = await emptyTrail();
    const actor = await actorFor("jyj");
    for (let i = 0; i < 3; i++) {
      await append(client, {
        action: "report.save",
        result: "SUCCESS",
        actor,
        objectType: "ProgressReport",
        objectId: i,
        reason: "r",
        details: { i },
      });
    }
    const before = await client.auditEvent.findUniqueOrThrow({ where: { id: 2 } });
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_update"`);
    const changed = await executePortable(client, `UPDATE "AuditEvent" SET ${assignment} WHERE "id" = 2`);
    expect(changed).toBe(1);
    expect(await client.auditEvent.findUniqueOrThrow({ where: { id: 2 } })).not.toEqual(before);
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 1, brokenAt: 2, problem: "content_changed" });
  });

  it("reveals a record moved to the front of the chain", async () => {
    const client = await emptyTrail();
    await append(client, { action: "a", result: "SUCCESS" });
    await append(client, { action: "b", result: "SUCCESS" });
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_delete"`);
    await executePortable(client, `DELETE FROM "AuditEvent" WHERE "id" = 1`);
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_update"`);
    await executePortable(client, `UPDATE "AuditEvent" SET "id" = 1 WHERE "id" = 2`);
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 0, brokenAt: 1, problem: "link_broken" });
  });
});

describe("verifying the chain", () => {
  it("finds an empty trail intact", async () => {
    expect(await verifyAuditChain(await emptyTrail())).toEqual({ ok: true, count: 0 });
  });

  it("reads the trail in batches without losing its place", async () => {
    const client = await emptyTrail();
    for (let i = 0; i < 5; i++) await append(client, { action: "test", result: "SUCCESS", objectId: i });
    for (const batchSize of [1, 2, 3, 5, 2000]) expect(await verifyAuditChain(client, batchSize)).toEqual({ ok: true, count: 5 });
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_update"`);
    await executePortable(client, `UPDATE "AuditEvent" SET "objectId" = '9' WHERE "id" = 4`);
    expect(await verifyAuditChain(client, 2)).toEqual({ ok: false, count: 3, brokenAt: 4, problem: "content_changed" });
  });

  it("reports a gap at the start of the chain", async () => {
    const client = await emptyTrail();
    await append(client, { action: "a", result: "SUCCESS" });
    await append(client, { action: "b", result: "SUCCESS" });
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_delete"`);
    await executePortable(client, `DELETE FROM "AuditEvent" WHERE "id" = 1`);
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 0, brokenAt: 2, problem: "sequence_gap" });
  });
});
