/**
 * The audit trail's hash chain: building rows and verifying them. Used by the data layer
 * (lib/audit/server/record.ts) and by `npm run audit:verify`.
 *
 * Each row's hash is an HMAC-SHA256 under a key kept outside the database (lib/audit/keys.ts),
 * so whoever can write the database file still cannot recompute the chain after an edit. Rows
 * written before keying started keep their plain SHA-256 (keyId null); the first keyed row after
 * them is an `audit.chain_keyed` record naming the last unkeyed row, and no unkeyed row may
 * follow it.
 */
import { createHash, createHmac } from "node:crypto";
import { auditKeyring, type AuditKeyring } from "@/lib/audit/keys";
import type { AuditResult } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AppPrismaClient } from "@/lib/core/db/create-client";
import type { Actor } from "@/lib/core/actor";
import {
  bumpContentStamp,
  changesPublicContent,
  changesReportingContent,
  changesSignedInViews,
  PUBLIC_STAMP,
  REPORTING_STAMP,
  VIEWS_STAMP,
} from "@/lib/core/content-stamp";

/** The first row's `prevHash`: the chain starts from a known value. */
export const GENESIS_HASH = "0".repeat(64);

export type AuditClient = Prisma.TransactionClient | AppPrismaClient;

export interface AuditEntry {
  action: string;
  result: AuditResult;
  actor?: Actor | null;
  /** For events with no signed-in actor, e.g. a failed login: the name that was typed. */
  attemptedUsername?: string;
  objectType?: string;
  objectId?: string | number | null;
  reason?: string;
  /** Before/after summary of a write, or the parameters of a read. Serialised as JSON. */
  details?: unknown;
  ip?: string | null;
}

interface AuditRowContent {
  id: number;
  occurredAt: Date;
  actorId: number | null;
  actorUsername: string | null;
  actorRole: string | null;
  actorUnitId: number | null;
  actorUnitName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: AuditResult;
  reason: string | null;
  details: string | null;
  ip: string | null;
  prevHash: string;
  /** The signing key's id; null (or absent) for a row of the unkeyed chain before the switch-over. */
  keyId?: string | null;
}

/** Recorded when keying starts on a trail that already has unkeyed rows. */
export const CHAIN_KEYED_ACTION = "audit.chain_keyed";

function canonicalFields(row: AuditRowContent) {
  return [
    row.id,
    row.occurredAt.toISOString(),
    row.actorId,
    row.actorUsername,
    row.actorRole,
    row.actorUnitId,
    row.actorUnitName,
    row.action,
    row.objectType,
    row.objectId,
    row.result,
    row.reason,
    row.details,
    row.ip,
    row.prevHash,
  ];
}

/** The row's key is not configured: its hash cannot be computed. */
export class UnknownAuditKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`audit key "${keyId}" is not configured`);
    this.name = "UnknownAuditKeyError";
  }
}

/**
 * The row's hash. An unkeyed row (keyId null or absent, written before keying started): sha256
 * over every stored field and the previous row's hash, in a fixed order. A keyed row:
 * HMAC-SHA256 under the key `keyId` names, over the same fields followed by the key id.
 */
export function auditHash(row: AuditRowContent, keyring?: AuditKeyring): string {
  const fields = canonicalFields(row);
  if (row.keyId == null) return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
  const key = (keyring ?? auditKeyring()).keys.get(row.keyId);
  if (!key) throw new UnknownAuditKeyError(row.keyId);
  return createHmac("sha256", key)
    .update(JSON.stringify([...fields, row.keyId]))
    .digest("hex");
}

/** The longest object id or typed user name recorded: both are indexed, and a PostgreSQL index entry holds at most 2,704 bytes. */
export const AUDIT_INDEXED_TEXT_MAX = 200;

/**
 * Text typed by whoever made the request (an object id, a typed user name, a reason) as recorded:
 * any NUL character as U+FFFD, since PostgreSQL's text cannot hold NUL (the insert would fail, and
 * with it the refusal it records), and, for indexed columns, cut to `max` characters ending in "…"
 * (a 100,000-character id in a refused request would not fit PostgreSQL's index). The same on both
 * databases, so the chain reads the same. `details` is JSON, which escapes NUL itself.
 */
function typed(value: string | null, max = Number.POSITIVE_INFINITY): string | null {
  if (value === null) return null;
  const clean = value.replaceAll("\u0000", "\uFFFD");
  if (clean.length <= max) return clean;
  return `${Array.from(clean)
    .slice(0, max - 1)
    .join("")}…`;
}

function rowContent(entry: AuditEntry, id: number, prevHash: string, keyId: string, now: Date): AuditRowContent {
  const actor = entry.actor ?? null;
  return {
    id,
    occurredAt: now,
    actorId: actor?.userId ?? null,
    actorUsername: typed(actor?.username ?? entry.attemptedUsername ?? null, AUDIT_INDEXED_TEXT_MAX),
    actorRole: actor?.role ?? null,
    actorUnitId: actor?.unitId ?? null,
    actorUnitName: actor?.unitName ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId == null ? null : typed(String(entry.objectId), AUDIT_INDEXED_TEXT_MAX),
    result: entry.result,
    reason: typed(entry.reason ?? null),
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    ip: typed(entry.ip ?? actor?.ip ?? null),
    prevHash,
    keyId,
  };
}

/**
 * Which database the client talks to, read from the client itself (every generated client carries
 * its schema's provider): scripts and tests append through clients for URLs other than DATABASE_URL.
 */
function providerOf(client: object): string {
  const provider = (client as { _activeProvider?: unknown })._activeProvider;
  // Never skip the lock silently: a client that no longer says what it is must be looked at.
  if (typeof provider !== "string") throw new Error("Prisma client without _activeProvider: check lockAuditChain");
  return provider;
}

/** The key of the PostgreSQL advisory lock that serialises appends to the chain ("kepu-audit"). */
export const AUDIT_CHAIN_LOCK_KEY = 7_283_650_114;

/**
 * Makes this transaction the chain's only writer until it ends. Appending reads the newest row
 * and writes its successor, so two writers must never interleave: on PostgreSQL (READ COMMITTED,
 * a pool of connections) both would read the same head and fork the chain, so the transaction
 * takes a transaction-scoped advisory lock, released at commit or rollback. SQLite's transactions
 * already hold the database's write lock from their start (BEGIN IMMEDIATE). Re-entrant: a
 * transaction that appends several events takes it once per event.
 */
export async function lockAuditChain(tx: Prisma.TransactionClient) {
  if (providerOf(tx) === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
}

async function lastRow(tx: Prisma.TransactionClient) {
  return tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true, keyId: true } });
}

/**
 * When the newest row is unkeyed (a trail written before keying), appends the switch-over record
 * `audit.chain_keyed` naming it; every later row is keyed. Returns the new head.
 */
async function switchOverIfNeeded(tx: Prisma.TransactionClient, keyring: AuditKeyring, now: Date) {
  await lockAuditChain(tx);
  const last = await lastRow(tx);
  if (!last || last.keyId !== null) return last;
  const marker = rowContent(
    {
      action: CHAIN_KEYED_ACTION,
      result: "SUCCESS",
      objectType: "AuditEvent",
      objectId: last.id,
      details: { lastUnkeyedId: last.id, lastUnkeyedHash: last.hash, keyId: keyring.currentId },
    },
    last.id + 1,
    last.hash,
    keyring.currentId,
    now,
  );
  const hash = auditHash(marker, keyring);
  await tx.auditEvent.create({ data: { ...marker, hash } });
  return { id: marker.id, hash, keyId: keyring.currentId };
}

/** Writes the switch-over record now if the trail still ends in unkeyed rows (at boot, before anchoring). */
export async function ensureChainKeyed(client: AppPrismaClient, keyring: AuditKeyring = auditKeyring(), now = new Date()) {
  await client.$transaction((tx) => switchOverIfNeeded(tx, keyring, now));
}

/**
 * Appends one event inside the caller's transaction, so a write and its audit record
 * commit or fail together. Ids are assigned here, in sequence, so the hash can cover them.
 */
export async function appendAudit(
  tx: Prisma.TransactionClient,
  entry: AuditEntry,
  now = new Date(),
  keyring: AuditKeyring = auditKeyring(),
) {
  const last = await switchOverIfNeeded(tx, keyring, now);
  const content = rowContent(entry, (last?.id ?? 0) + 1, last?.hash ?? GENESIS_HASH, keyring.currentId, now);
  await tx.auditEvent.create({ data: { ...content, hash: auditHash(content, keyring) } });
  // The write this event records may change the public page: every process's cached copy goes stale.
  if (entry.result === "SUCCESS" && changesPublicContent(entry.action)) await bumpContentStamp(tx, PUBLIC_STAMP, now);
  // …and so may the dashboard's figures (lib/core/stamped-cache.ts keeps them per process).
  if (entry.result === "SUCCESS" && changesReportingContent(entry.action)) await bumpContentStamp(tx, REPORTING_STAMP, now);
  // …and so may any signed-in page a process keeps rendered (lib/outputs/server/page-cache-server.ts).
  if (entry.result === "SUCCESS" && changesSignedInViews(entry.action)) await bumpContentStamp(tx, VIEWS_STAMP, now);
}

export type ChainProblem =
  | "content_changed"
  | "link_broken"
  | "sequence_gap"
  /** The row names a key that is not configured (restore the old key into AUDIT_HMAC_OLD_KEYS_FILE). */
  | "unknown_key"
  /** An unkeyed row after keying started: written by someone without the key. */
  | "unkeyed_after_switch";

export type ChainVerification = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; problem: ChainProblem };

/** Whether a keyed row may start the keyed part: the first row of a trail, or a switch-over naming its predecessor. */
function startsKeyedPart(row: AuditRowContent, previousId: number, previousHash: string): boolean {
  if (row.id === 1) return true;
  if (row.action !== CHAIN_KEYED_ACTION || row.details === null) return false;
  try {
    const details = JSON.parse(row.details) as { lastUnkeyedId?: unknown; lastUnkeyedHash?: unknown };
    return details.lastUnkeyedId === previousId && details.lastUnkeyedHash === previousHash;
  } catch {
    return false;
  }
}

/**
 * Walks the whole trail in id order and reports the first row whose hash does not match
 * its content, whose `prevHash` is not the previous row's hash, or whose id skips.
 */
export async function verifyAuditChain(
  client: AuditClient,
  batchSize = 2000,
  keyring: AuditKeyring = auditKeyring(),
): Promise<ChainVerification> {
  let previousHash = GENESIS_HASH;
  let previousId = 0;
  let count = 0;
  let keyed = false;
  for (;;) {
    const rows = await client.auditEvent.findMany({
      where: { id: { gt: previousId } },
      // Stryker disable next-line ObjectLiteral: equivalent on SQLite, where the id is the rowid, so `id > ?` already reads in id order; the order is kept for other databases
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) return { ok: true, count };
    for (const row of rows) {
      if (row.id !== previousId + 1) return { ok: false, count, brokenAt: row.id, problem: "sequence_gap" };
      if (row.prevHash !== previousHash) return { ok: false, count, brokenAt: row.id, problem: "link_broken" };
      const broken = (problem: ChainProblem) => ({ ok: false as const, count, brokenAt: row.id, problem });
      if (row.keyId === null) {
        // Without the key an attacker can only write plain hashes: none may follow the switch-over.
        if (keyed) return broken("unkeyed_after_switch");
      } else if (!keyring.keys.has(row.keyId)) {
        return broken("unknown_key");
      }
      if (auditHash(row, keyring) !== row.hash) return broken("content_changed");
      if (row.keyId !== null && !keyed) {
        if (!startsKeyedPart(row, previousId, previousHash)) return broken("link_broken");
        keyed = true;
      }
      previousHash = row.hash;
      previousId = row.id;
      count++;
    }
  }
}
