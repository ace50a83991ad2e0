import "server-only";
import type { Actor } from "@/lib/core/actor";
import { toCsv } from "@/lib/core/csv";
import { formatShanghaiDateTime, shanghaiDayStart } from "@/lib/core/time";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilter } from "@/lib/audit/schemas";
import { audit } from "./record";
import { verificationPassed, verifyAuditTrailAgainstAnchor, type AuditVerification } from "@/lib/audit/anchor";
import { env } from "@/lib/core/env";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AUDIT_OPERATIONS } from "@/lib/audit/operations";
import { auditTarget } from "@/lib/core/operations";

export const AUDIT_PAGE_SIZE = 50;
/** An export holds at most this many rows; narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 100_000;

function whereFor(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const occurredAt: Prisma.DateTimeFilter = {};
  if (filter.from) occurredAt.gte = shanghaiDayStart(filter.from);
  if (filter.to) occurredAt.lt = new Date(shanghaiDayStart(filter.to).getTime() + 24 * 3_600_000);
  return {
    ...(filter.from || filter.to ? { occurredAt } : {}),
    ...(filter.username ? { actorUsername: filter.username } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.objectType ? { objectType: filter.objectType } : {}),
    ...(filter.objectId ? { objectId: filter.objectId } : {}),
    ...(filter.result ? { result: filter.result } : {}),
  };
}

export async function searchAuditEvents(actor: Actor | null, filter: AuditFilter) {
  await authorize(actor, AUDIT_OPERATIONS.search);
  const where = whereFor(filter);
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return { total, events, page: filter.page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The distinct actions recorded so far, for the search form's list. */
export async function listAuditActions(actor: Actor | null): Promise<string[]> {
  await authorize(actor, AUDIT_OPERATIONS.search);
  const rows = await db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((row) => row.action);
}

export const AUDIT_CSV_HEADER = [
  "序号",
  "时间",
  "用户",
  "角色",
  "单位",
  "操作",
  "对象类型",
  "对象编号",
  "结果",
  "原因",
  "详情",
  "来源地址",
  "前序哈希",
  "本条哈希",
] as const;

/** The matching events as CSV, oldest first; the export itself is recorded in the trail. */
export async function exportAuditCsv(actor: Actor | null, filter: AuditFilter): Promise<{ csv: string; count: number }> {
  const auditor = await authorize(actor, AUDIT_OPERATIONS.export);
  const events = await db.auditEvent.findMany({ where: whereFor(filter), orderBy: { id: "asc" }, take: AUDIT_EXPORT_LIMIT });
  const { page: _page, ...filters } = filter;
  await audit({ ...auditTarget(AUDIT_OPERATIONS.export), result: "SUCCESS", actor: auditor, details: { filters, rows: events.length } });
  const csv = toCsv(
    AUDIT_CSV_HEADER,
    events.map((event) => [
      event.id,
      formatShanghaiDateTime(event.occurredAt),
      event.actorUsername,
      event.actorRole,
      event.actorUnitName,
      event.action,
      event.objectType,
      event.objectId,
      event.result,
      event.reason,
      event.details,
      event.ip,
      event.prevHash,
      event.hash,
    ]),
  );
  return { csv, count: events.length };
}

/**
 * Checks the whole hash chain (keyed rows by their HMAC key) and that the last anchor written
 * outside the database still matches; the check and its outcome are themselves recorded.
 */
export async function verifyAuditTrail(actor: Actor | null): Promise<AuditVerification> {
  const auditor = await authorize(actor, AUDIT_OPERATIONS.verify);
  const result = await verifyAuditTrailAgainstAnchor(db, env().AUDIT_ANCHOR_DIR);
  const { anchor, ...chain } = result;
  await audit({
    ...auditTarget(AUDIT_OPERATIONS.verify, result.ok ? null : result.brokenAt),
    result: verificationPassed(result) ? "SUCCESS" : "FAILURE",
    actor: auditor,
    details: { ...chain, anchor: `anchor_${anchor.status}`, ...("id" in anchor ? { anchorId: anchor.id } : {}) },
  });
  return result;
}
