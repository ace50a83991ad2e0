/**
 * The keyed audit chain and its anchor outside the database (issue 17, item 2): whoever can write
 * the database file, but has no key, can neither re-chain an edit nor cut off the newest rows
 * unnoticed. Real SQLite files; the key comes from the test environment (vitest.config.ts).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { anchorFile, checkAnchor, readLastAnchor, verifyAuditTrailAgainstAnchor, writeAnchor } from "@/lib/audit/anchor";
import {
  appendAudit,
  auditHash,
  CHAIN_KEYED_ACTION,
  ensureChainKeyed,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditEntry,
} from "@/lib/audit/chain";
import { AuditKeyError, auditKeyring, ensureAuditKeyFile, keyIdFor, loadAuditKeyring, type AuditKeySettings } from "@/lib/audit/keys";
import { verifyAuditTrail } from "@/lib/audit/server/log";
import { db } from "@/lib/core/db";
import type { AppPrismaClient } from "@/lib/core/db/create-client";
import { DEFAULT_AUDIT_KEY_FILE, InvalidEnvironmentError, parseEnv } from "@/lib/core/env";
import { startAuditAnchoring } from "@/lib/core/boot";
import { actorFor } from "../support/actors";
import { TEST_TMP_DIR } from "../support/paths";
import { copyOfTemplate } from "../support/scratch-db";
import { executePortable } from "../support/portable-sql";

const run = promisify(execFile);
const opened: AppPrismaClient[] = [];
const scratchDirs: string[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((client) => client.$disconnect()));
});
afterAll(() => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function scratchDir(label: string): string {
  const dir = path.join(TEST_TMP_DIR, `${label}-${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(dir, { recursive: true });
  scratchDirs.push(dir);
  return dir;
}

async function emptyTrail() {
  const database = await copyOfTemplate("audit-keyed");
  opened.push(database.client);
  expect(await database.client.auditEvent.count()).toBe(0);
  return database;
}

async function append(client: AppPrismaClient, entry: AuditEntry, keyring = auditKeyring()) {
  await client.$transaction((tx) => appendAudit(tx, entry, new Date(), keyring));
}

async function keyedTrail(events: number) {
  const database = await emptyTrail();
  const actor = await actorFor("kxadmin");
  for (let i = 0; i < events; i++) {
    await append(database.client, { action: "test.event", result: "SUCCESS", actor, objectType: "Test", objectId: i, details: { i } });
  }
  return database;
}

/** A row as the app wrote it before keying: plain SHA-256, no key id. */
async function appendUnkeyed(client: AppPrismaClient, action: string) {
  const last = await client.auditEvent.findFirst({ orderBy: { id: "desc" } });
  const content = {
    id: (last?.id ?? 0) + 1,
    occurredAt: new Date(),
    actorId: null,
    actorUsername: "legacy",
    actorRole: null,
    actorUnitId: null,
    actorUnitName: null,
    action,
    objectType: null,
    objectId: null,
    result: "SUCCESS" as const,
    reason: null,
    details: null,
    ip: null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await client.auditEvent.create({ data: { ...content, hash: auditHash(content) } });
}

/**
 * What an attacker with the database file but without the key can do: drop the triggers, change
 * a row, then recompute that row's and every later row's hash with plain SHA-256.
 */
async function rechainFrom(client: AppPrismaClient, fromId: number, change: string, keyIds: "keep" | "drop") {
  await executePortable(client, `DROP TRIGGER IF EXISTS "AuditEvent_no_update"`);
  await executePortable(client, `UPDATE "AuditEvent" SET ${change} WHERE "id" = ?`, fromId);
  const rows = await client.auditEvent.findMany({ where: { id: { gte: fromId } }, orderBy: { id: "asc" } });
  let prevHash = fromId === 1 ? GENESIS_HASH : (await client.auditEvent.findUniqueOrThrow({ where: { id: fromId - 1 } })).hash;
  for (const row of rows) {
    const forged = { ...row, prevHash, keyId: null };
    const hash = auditHash(forged); // plain SHA-256: all an attacker without the key can compute
    // Hashes are unique: park the new value under a temporary one first.
    await executePortable(client, `UPDATE "AuditEvent" SET "hash" = ? WHERE "id" = ?`, `tmp-${row.id}`, row.id);
    await executePortable(
      client,
      `UPDATE "AuditEvent" SET "prevHash" = ?, "hash" = ?, "keyId" = ? WHERE "id" = ?`,
      `${prevHash}`,
      hash,
      keyIds === "keep" ? row.keyId : null,
      row.id,
    );
    prevHash = hash;
  }
}

async function truncateAfter(client: AppPrismaClient, lastKeptId: number) {
  await executePortable(client, `DROP TRIGGER IF EXISTS "AuditEvent_no_delete"`);
  await executePortable(client, `DELETE FROM "AuditEvent" WHERE "id" > ?`, lastKeptId);
}

function keySettings(overrides: Partial<AuditKeySettings>): AuditKeySettings {
  return { AUDIT_HMAC_KEY_FILE: DEFAULT_AUDIT_KEY_FILE, NODE_ENV: "test", ...overrides };
}

describe("the keyed chain", () => {
  it("signs every new row with an HMAC under the configured key and records the key's id", async () => {
    const { client } = await keyedTrail(2);
    const rows = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
    const keyring = auditKeyring();
    expect(keyring.currentId).toBe(keyIdFor(process.env.AUDIT_HMAC_KEY!));
    for (const row of rows) {
      expect(row.keyId).toBe(keyring.currentId);
      expect(row.hash).toBe(auditHash(row, keyring));
      expect(row.hash).not.toBe(auditHash({ ...row, keyId: null }));
    }
    expect(await verifyAuditChain(client)).toEqual({ ok: true, count: 2 });
  });

  it("reveals an edit re-chained with plain SHA-256 after dropping the triggers (the probe's attack)", async () => {
    const { client } = await keyedTrail(6);
    await rechainFrom(client, 3, `"result" = 'FAILURE'`, "drop");
    // Every link and every plain hash is consistent again; only the missing key gives it away.
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 2, brokenAt: 3, problem: "unkeyed_after_switch" });
  });

  it("reveals an edit re-chained under the original key ids but without the key", async () => {
    const { client } = await keyedTrail(6);
    await rechainFrom(client, 3, `"action" = 'forged'`, "keep");
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 2, brokenAt: 3, problem: "content_changed" });
  });

  it("reveals an edit re-chained under a key of the attacker's own", async () => {
    const { client } = await keyedTrail(4);
    const own = loadAuditKeyring(
      keySettings({ AUDIT_HMAC_KEY: "an-attackers-own-key-of-at-least-32-characters", AUDIT_HMAC_KEY_ID: auditKeyring().currentId }),
    );
    await executePortable(client, `DROP TRIGGER "AuditEvent_no_update"`);
    const row = await client.auditEvent.findUniqueOrThrow({ where: { id: 4 } });
    const forged = { ...row, details: "{}" };
    await executePortable(client, `UPDATE "AuditEvent" SET "details" = '{}', "hash" = ? WHERE "id" = 4`, auditHash(forged, own));
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 3, brokenAt: 4, problem: "content_changed" });
  });

  it("reveals a whole trail rewritten as an unkeyed chain through the anchor", async () => {
    const { client } = await keyedTrail(4);
    const anchors = scratchDir("anchors");
    await writeAnchor(client, anchors, new Date(), () => {});
    await rechainFrom(client, 1, `"objectId" = '99'`, "drop");
    // The chain alone now reads as an old unkeyed trail …
    expect(await verifyAuditChain(client)).toEqual({ ok: true, count: 4 });
    // … but the anchored head no longer has its hash.
    expect((await verifyAuditTrailAgainstAnchor(client, anchors)).anchor).toMatchObject({ status: "mismatch", id: 4 });
  });
});

describe("migrating an unkeyed trail", () => {
  it("verifies the old chain, then continues keyed from a recorded switch-over row", async () => {
    const { client } = await emptyTrail();
    for (const action of ["legacy.a", "legacy.b", "legacy.c"]) await appendUnkeyed(client, action);
    const lastUnkeyed = await client.auditEvent.findUniqueOrThrow({ where: { id: 3 } });
    await append(client, { action: "test.after", result: "SUCCESS" });
    const rows = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.id, row.action, row.keyId === null])).toEqual([
      [1, "legacy.a", true],
      [2, "legacy.b", true],
      [3, "legacy.c", true],
      [4, CHAIN_KEYED_ACTION, false],
      [5, "test.after", false],
    ]);
    expect(JSON.parse(rows[3]!.details!)).toEqual({ lastUnkeyedId: 3, lastUnkeyedHash: lastUnkeyed.hash, keyId: auditKeyring().currentId });
    expect(rows[3]!.prevHash).toBe(lastUnkeyed.hash);
    expect(await verifyAuditChain(client)).toEqual({ ok: true, count: 5 });
    // Only once: the next write continues the keyed chain.
    await append(client, { action: "test.again", result: "SUCCESS" });
    expect(await client.auditEvent.count({ where: { action: CHAIN_KEYED_ACTION } })).toBe(1);
    expect(await verifyAuditChain(client)).toEqual({ ok: true, count: 6 });
  });

  it("treats a plain-SHA row after the switch-over as a break", async () => {
    const { client } = await emptyTrail();
    await appendUnkeyed(client, "legacy.a");
    await append(client, { action: "test.keyed", result: "SUCCESS" });
    await appendUnkeyed(client, "forged.unkeyed");
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 3, brokenAt: 4, problem: "unkeyed_after_switch" });
  });

  it("refuses a keyed row after unkeyed ones that is not a switch-over naming its predecessor", async () => {
    const { client } = await emptyTrail();
    await appendUnkeyed(client, "legacy.a");
    await appendUnkeyed(client, "legacy.b");
    const keyring = auditKeyring();
    const last = await client.auditEvent.findUniqueOrThrow({ where: { id: 2 } });
    const content = { ...last, id: 3, action: "test.keyed", prevHash: last.hash, keyId: keyring.currentId };
    await client.auditEvent.create({ data: { ...content, hash: auditHash(content, keyring) } });
    expect(await verifyAuditChain(client)).toEqual({ ok: false, count: 2, brokenAt: 3, problem: "link_broken" });
  });

  it("writes the switch-over at boot when no other write comes first (ensureChainKeyed)", async () => {
    const { client } = await emptyTrail();
    await ensureChainKeyed(client);
    expect(await client.auditEvent.count()).toBe(0);
    await appendUnkeyed(client, "legacy.a");
    await ensureChainKeyed(client);
    await ensureChainKeyed(client);
    const rows = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => row.action)).toEqual(["legacy.a", CHAIN_KEYED_ACTION]);
    expect(await verifyAuditChain(client)).toEqual({ ok: true, count: 2 });
  });
});

describe("key rotation", () => {
  it("keeps rows signed with an old key verifiable after a new key becomes current", async () => {
    const { client } = await emptyTrail();
    const dir = scratchDir("keys");
    const oldKey = "the-old-audit-key-0123456789-abcdefghijklmnop";
    const newKey = "the-new-audit-key-0123456789-abcdefghijklmnop";
    const before = loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY: oldKey, AUDIT_HMAC_KEY_ID: "2025" }));
    for (let i = 0; i < 3; i++) await append(client, { action: "test.old", result: "SUCCESS", objectId: i }, before);
    // Rotation: the new key becomes current, the old one moves to the old-keys file under its id.
    const oldKeysFile = path.join(dir, "old-keys");
    fs.writeFileSync(oldKeysFile, `# retired keys, id=key\n\n2025=${oldKey}\n`, { mode: 0o600 });
    const newKeyFile = path.join(dir, "current.key");
    fs.writeFileSync(newKeyFile, `${newKey}\n`, { mode: 0o600 });
    const after = loadAuditKeyring(
      keySettings({ AUDIT_HMAC_KEY_FILE: newKeyFile, AUDIT_HMAC_KEY_ID: "2026", AUDIT_HMAC_OLD_KEYS_FILE: oldKeysFile }),
    );
    expect(after.currentId).toBe("2026");
    for (let i = 0; i < 2; i++) await append(client, { action: "test.new", result: "SUCCESS", objectId: i }, after);
    const rows = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => row.keyId)).toEqual(["2025", "2025", "2025", "2026", "2026"]);
    expect(await verifyAuditChain(client, 2000, after)).toEqual({ ok: true, count: 5 });
    // Without the old key the rows it signed cannot be checked, and verification says so.
    const withoutOld = loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY_FILE: newKeyFile, AUDIT_HMAC_KEY_ID: "2026" }));
    expect(await verifyAuditChain(client, 2000, withoutOld)).toEqual({ ok: false, count: 0, brokenAt: 1, problem: "unknown_key" });
  });

  it("names a key by the first 8 hex digits of its SHA-256 unless an id is given", () => {
    const key = "k".repeat(40);
    expect(loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY: key })).currentId).toMatch(/^[0-9a-f]{8}$/);
    expect(keyIdFor(key)).toBe(createHash("sha256").update(key).digest("hex").slice(0, 8));
    expect(loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY: key, AUDIT_HMAC_KEY_ID: "k-1" })).currentId).toBe("k-1");
  });

  it("refuses a malformed old-keys file and an id given twice with different keys", () => {
    const dir = scratchDir("bad-keys");
    const file = path.join(dir, "old-keys");
    fs.writeFileSync(file, "no-separator-here\n");
    expect(() => loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY: "c".repeat(40), AUDIT_HMAC_OLD_KEYS_FILE: file }))).toThrow(
      /AUDIT_HMAC_OLD_KEYS_FILE: line 1 must read id=key/,
    );
    fs.writeFileSync(file, `same=${"a".repeat(40)}\n`);
    expect(() =>
      loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY: "b".repeat(40), AUDIT_HMAC_KEY_ID: "same", AUDIT_HMAC_OLD_KEYS_FILE: file })),
    ).toThrow(/key id "same" is given twice/);
  });
});

describe("a missing or bad key", () => {
  it("stops with a clear error naming the variable, and never echoes the key", () => {
    const missing = path.join(TEST_TMP_DIR, "no-such-dir", "audit.key");
    expect(() => loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY_FILE: missing }))).toThrow(AuditKeyError);
    expect(() => loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY_FILE: missing }))).toThrow(
      /AUDIT_HMAC_KEY_FILE: the audit key file ".*audit\.key" cannot be read/,
    );
    expect(() => loadAuditKeyring(keySettings({ AUDIT_HMAC_KEY: "short" }))).toThrow(/AUDIT_HMAC_KEY: the audit key must be at least 32/);
    const error = (() => {
      try {
        parseEnv({ NEXTAUTH_SECRET: "x".repeat(40), AUDIT_HMAC_KEY: "too-short-secret" });
      } catch (caught) {
        return caught as InvalidEnvironmentError;
      }
    })();
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect(error!.message).toContain("AUDIT_HMAC_KEY: must be at least 32 characters long");
    expect(error!.message).not.toContain("too-short-secret");
  });

  it("generates the default key file on a fresh machine (mode 0600), keeps it, and refuses to replace a lost one", () => {
    const cwd = process.cwd();
    const fresh = scratchDir("fresh-machine");
    process.chdir(fresh);
    try {
      const settings = keySettings({ NODE_ENV: "production" });
      expect(() => loadAuditKeyring(settings)).toThrow(/AUDIT_HMAC_KEY_FILE/);
      expect(fs.existsSync(DEFAULT_AUDIT_KEY_FILE), "production never generates a key on its own").toBe(false);
      expect(() => ensureAuditKeyFile(settings, true)).toThrow(/missing but the audit trail holds rows it signed/);
      expect(ensureAuditKeyFile(settings, false)).toBe("generated");
      expect(fs.statSync(DEFAULT_AUDIT_KEY_FILE).mode & 0o777).toBe(0o600);
      const keyring = loadAuditKeyring(settings);
      expect(ensureAuditKeyFile(settings, true)).toBe("present");
      expect(loadAuditKeyring(settings).keys.get(keyring.currentId)).toEqual(keyring.keys.get(keyring.currentId));
      expect(ensureAuditKeyFile(keySettings({ AUDIT_HMAC_KEY: "z".repeat(40) }), true)).toBe("configured");
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("the anchor outside the database", () => {
  it("appends {id, hash, at, keyId} as a JSON line and logs the same line, once per new head", async () => {
    const { client } = await keyedTrail(3);
    const anchors = scratchDir("anchors");
    const logged: string[] = [];
    const at = new Date("2026-05-01T00:00:00.000Z");
    const first = await writeAnchor(client, anchors, at, (line) => logged.push(line));
    const head = await client.auditEvent.findUniqueOrThrow({ where: { id: 3 } });
    expect(first).toEqual({ id: 3, hash: head.hash, at: at.toISOString(), keyId: auditKeyring().currentId });
    expect(await writeAnchor(client, anchors, at, (line) => logged.push(line))).toBeNull();
    await append(client, { action: "test.more", result: "SUCCESS" });
    await writeAnchor(client, anchors, at, (line) => logged.push(line));
    const lines = fs.readFileSync(anchorFile(anchors), "utf8").trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line).id)).toEqual([3, 4]);
    expect(logged).toEqual(lines.map((line) => `[audit-anchor] ${line}`));
    expect(fs.statSync(anchorFile(anchors)).mode & 0o777).toBe(0o600);
    expect(await checkAnchor(client, anchors)).toEqual({ status: "ok", id: 4, at: at.toISOString() });
  });

  it("reveals the newest rows cut off, which the chain alone cannot see", async () => {
    const { client } = await keyedTrail(5);
    const anchors = scratchDir("anchors");
    await writeAnchor(client, anchors, new Date(), () => {});
    await truncateAfter(client, 3);
    expect(await verifyAuditChain(client)).toEqual({ ok: true, count: 3 });
    expect((await verifyAuditTrailAgainstAnchor(client, anchors)).anchor).toMatchObject({ status: "missing", id: 5 });
  });

  it("reports a damaged anchor file and an installation with no anchor yet", async () => {
    const { client } = await keyedTrail(1);
    const anchors = scratchDir("anchors");
    expect(await checkAnchor(client, anchors)).toEqual({ status: "none" });
    fs.writeFileSync(anchorFile(anchors), '{"id":1,"hash":"nothex"}\n');
    expect(readLastAnchor(anchors)).toBe("unreadable");
    expect(await checkAnchor(client, anchors)).toEqual({ status: "unreadable" });
  });
});

describe("npm run audit:anchor and audit:verify", () => {
  it("anchor, verify, then detect a truncation (exit 2) and a missing key (exit 3)", async () => {
    const { client, url } = await keyedTrail(4);
    const anchors = scratchDir("script-anchors");
    const env = { ...process.env, NODE_ENV: "test" as const, DATABASE_URL: url, AUDIT_ANCHOR_DIR: anchors };
    const anchored = await run("npx", ["tsx", "scripts/audit-anchor.ts"], { env });
    expect(anchored.stdout).toMatch(/\[audit-anchor\] \{"id":4,"hash":"[0-9a-f]{64}","at":"[^"]+","keyId":"[0-9a-f]{8}"\}/);
    expect(anchored.stdout).toContain("已锚定第 4 条记录");
    const intact = await run("npx", ["tsx", "scripts/audit-verify.ts"], { env });
    expect(intact.stdout).toContain("审计链完整 / audit trail intact: 4 条记录");
    expect(intact.stdout).toContain("与库外锚点一致 / matches the last anchor: record 4");
    await truncateAfter(client, 2);
    await expect(run("npx", ["tsx", "scripts/audit-verify.ts"], { env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("锚点记载的第 4 条记录"),
    });
    await expect(
      run("npx", ["tsx", "scripts/audit-verify.ts"], {
        env: { ...env, AUDIT_HMAC_KEY: "", AUDIT_HMAC_KEY_FILE: path.join(anchors, "missing.key") },
      }),
    ).rejects.toMatchObject({ code: 3, stderr: expect.stringContaining("审计密钥缺失或无效") });
  }, 180_000);
});

// These change this file's own database (lib/core/db): they run last, in order.
describe("the portal", () => {
  it("starts keyed signing and anchors the head at boot", async () => {
    await appendUnkeyed(db as unknown as AppPrismaClient, "legacy.boot");
    await startAuditAnchoring();
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(head.action).toBe(CHAIN_KEYED_ACTION);
    expect(readLastAnchor(process.env.AUDIT_ANCHOR_DIR!)).toMatchObject({ id: head.id, hash: head.hash, keyId: head.keyId });
  });

  it("verifyAuditTrail checks the anchor and records a failed check after a truncation", async () => {
    const auditor = await actorFor("auditor");
    const intact = await verifyAuditTrail(auditor);
    expect(intact).toMatchObject({ ok: true, anchor: { status: "ok" } });
    await writeAnchor(db as unknown as AppPrismaClient, process.env.AUDIT_ANCHOR_DIR!, new Date(), () => {});
    const anchored = readLastAnchor(process.env.AUDIT_ANCHOR_DIR!);
    if (!anchored || anchored === "unreadable") throw new Error("no anchor");
    await truncateAfter(db as unknown as AppPrismaClient, anchored.id - 1);
    const result = await verifyAuditTrail(auditor);
    expect(result).toMatchObject({ ok: true, anchor: { status: "missing", id: anchored.id } });
    const recorded = await db.auditEvent.findFirstOrThrow({ where: { action: "audit.verify" }, orderBy: { id: "desc" } });
    expect(recorded.result).toBe("FAILURE");
    expect(JSON.parse(recorded.details!)).toMatchObject({ ok: true, anchor: "anchor_missing", anchorId: anchored.id });
  });
});
