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
import { countAtMost, pageInfo, pageWindow } from "@/lib/core/paging";

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
    // One action (as the form's list offers), or a family when it ends in "." (report.): an equality
    // or a range on the action index — not LIKE, which SQLite cannot serve from it.
    ...(filter.action
      ? { action: filter.action.endsWith(".") ? { gte: filter.action, lt: `${filter.action}\u{10FFFF}` } : filter.action }
      : {}),
    ...(filter.objectType ? { objectType: filter.objectType } : {}),
    ...(filter.objectId ? { objectId: filter.objectId } : {}),
    ...(filter.result ? { result: filter.result } : {}),
  };
}

/**
 * One page of matching events, newest first, with a count that stops at COUNT_CAP (「超过 10000 条」):
 * every filter is served by an index (see tests/integration/query-plans.test.ts).
 */
export async function searchAuditEvents(actor: Actor | null, filter: AuditFilter) {
  await authorize(actor, AUDIT_OPERATIONS.search);
  const where = whereFor(filter);
  const request = { page: filter.page, size: AUDIT_PAGE_SIZE };
  // Newest first. With a date range, by the time (then the id) so that the occurredAt index serves
  // both the range and the order — walking the ids instead would pass every event outside the range.
  const orderBy: Prisma.AuditEventOrderByWithRelationInput[] =
    filter.from || filter.to ? [{ occurredAt: "desc" }, { id: "desc" }] : [{ id: "desc" }];
  const [count, events] = await Promise.all([
    countAtMost(({ take }) => db.auditEvent.count({ where, take, orderBy })),
    db.auditEvent.findMany({ where, orderBy, ...pageWindow(request) }),
  ]);
  const info = pageInfo(request, count);
  return { total: count.total, capped: count.capped, events, page: filter.page, pageCount: info.pageCount, info };
}

/**
 * The distinct actions recorded so far, for the search form's list: one index seek per action
 * (a recursive skip-scan over the action index), not a walk over every event.
 */
export async function listAuditActions(actor: Actor | null): Promise<string[]> {
  await authorize(actor, AUDIT_OPERATIONS.search);
  const rows = await db.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE actions(action) AS (
      SELECT MIN(action) FROM "AuditEvent"
      UNION ALL
      SELECT (SELECT MIN(action) FROM "AuditEvent" WHERE action > actions.action) FROM actions WHERE actions.action IS NOT NULL
    )
    SELECT action FROM actions WHERE action IS NOT NULL ORDER BY action`;
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
