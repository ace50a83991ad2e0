/**
 * The audit trail's hash chain: building rows and verifying them. Used by the data layer
 * (lib/audit/server/record.ts) and by `npm run audit:verify`.
 */
import { createHash } from "node:crypto";
import type { AuditResult } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AppPrismaClient } from "@/lib/core/db/create-client";
import type { Actor } from "@/lib/core/actor";

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
}

/** sha256 over every stored field and the previous row's hash, in a fixed order. */
export function auditHash(row: AuditRowContent): string {
  const canonical = JSON.stringify([
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
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * Appends one event inside the caller's transaction, so a write and its audit record
 * commit or fail together. Ids are assigned here, in sequence, so the hash can cover them.
 */
export async function appendAudit(tx: Prisma.TransactionClient, entry: AuditEntry, now = new Date()) {
  const last = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  const actor = entry.actor ?? null;
  const content: AuditRowContent = {
    id: (last?.id ?? 0) + 1,
    occurredAt: now,
    actorId: actor?.userId ?? null,
    actorUsername: actor?.username ?? entry.attemptedUsername ?? null,
    actorRole: actor?.role ?? null,
    actorUnitId: actor?.unitId ?? null,
    actorUnitName: actor?.unitName ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId == null ? null : String(entry.objectId),
    result: entry.result,
    reason: entry.reason ?? null,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    ip: entry.ip ?? actor?.ip ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({ data: { ...content, hash: auditHash(content) } });
}

export type ChainVerification =
  { ok: true; count: number } | { ok: false; count: number; brokenAt: number; problem: "content_changed" | "link_broken" | "sequence_gap" };

/**
 * Walks the whole trail in id order and reports the first row whose hash does not match
 * its content, whose `prevHash` is not the previous row's hash, or whose id skips.
 */
export async function verifyAuditChain(client: AuditClient, batchSize = 2000): Promise<ChainVerification> {
  let previousHash = GENESIS_HASH;
  let previousId = 0;
  let count = 0;
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
      if (auditHash(row) !== row.hash) return { ok: false, count, brokenAt: row.id, problem: "content_changed" };
      previousHash = row.hash;
      previousId = row.id;
      count++;
    }
  }
}
