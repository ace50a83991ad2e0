import type { AppPrismaClient } from "@/lib/core/db/create-client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Content stamps: a counter per cached view that moves whenever what the view shows may have
 * changed. A server process keeps a cached copy of a view together with the stamp it was built at
 * and serves it only while that stamp is still the database's (one primary-key read), so a write
 * made through one process or instance is seen by every other at once, with no message between
 * them.
 *
 * `public` covers the public progress page. It is bumped by the audit trail itself
 * (lib/audit/chain.ts), in the same transaction as the write: every write the portal makes is
 * audited, so no write path can forget to invalidate the page. The rule is fail-safe: every
 * successful audited action bumps it except the ones listed here as unable to change what the
 * public page shows (sign-ins, reads, exports, drafts and submissions, accounts, chasing…). A new
 * action therefore invalidates the page until someone decides it need not.
 */
export const PUBLIC_STAMP = "public";

/** Areas whose actions never change the public page: accounts, sign-in, the audit trail, inbox, chasing, evidence. */
const PRIVATE_AREAS = new Set([
  "account",
  "account_request",
  // 年度考核 and 总结评估 are read by CAST, leaders and liaisons only; the public page shows neither.
  "assessment",
  "evaluation",
  "attachment",
  "audit",
  "auth",
  "chase",
  "dashboard",
  "division",
  "inbox",
  "user",
]);

/** Verbs that only read, export or prepare; and writes to reports that are not approved (never public). */
const PRIVATE_VERBS = new Set([
  "read",
  "list",
  "form",
  "search",
  "queue",
  "mine",
  "timeline",
  "template",
  "versions",
  "compare",
  "registry",
  "workbook",
  "export",
  "import_preview",
  "import_read",
  "import_discard",
  "carry_over_form",
]);
/** …and a rejected visitor comment, which was never public (a rating and an approval do change the page). */
const PRIVATE_ACTIONS = new Set(["report.save", "report.submit", "feedback.reject"]);

/** Whether a successful audited action may change what the public progress page shows. */
export function changesPublicContent(action: string): boolean {
  if (PRIVATE_ACTIONS.has(action)) return false;
  const dot = action.indexOf(".");
  const area = dot < 0 ? action : action.slice(0, dot);
  const verb = dot < 0 ? "" : action.slice(dot + 1);
  return !PRIVATE_AREAS.has(area) && !PRIVATE_VERBS.has(verb);
}

/**
 * `reporting` covers what the leadership dashboard aggregates over every round (reports, rounds,
 * chasing, plans, units, indicators): every successful audited write in those areas bumps it,
 * drafts and submissions included; reads do not.
 */
export const REPORTING_STAMP = "reporting";

const REPORTING_AREAS = new Set(["report", "round", "chase", "plan", "plan_item", "unit", "indicator"]);

/** Whether a successful audited action may change the dashboard's figures. */
export function changesReportingContent(action: string): boolean {
  const dot = action.indexOf(".");
  return dot > 0 && REPORTING_AREAS.has(action.slice(0, dot)) && !PRIVATE_VERBS.has(action.slice(dot + 1));
}

/**
 * `views` covers the signed-in pages whose rendered HTML each server process keeps per session
 * (lib/outputs/server/page-cache-server.ts): every successful audited action moves it except the
 * ones that only read, export or prepare (the verbs above) and sign-in and sign-out (`auth`),
 * since the session itself is checked on every answer. Fail-safe like the public stamp: a new
 * kind of write drops every copy until someone decides it need not.
 */
export const VIEWS_STAMP = "views";

/** Whether a successful audited action may change what a signed-in page shows. */
export function changesSignedInViews(action: string): boolean {
  const dot = action.indexOf(".");
  const area = dot < 0 ? action : action.slice(0, dot);
  const verb = dot < 0 ? "" : action.slice(dot + 1);
  return area !== "auth" && !PRIVATE_VERBS.has(verb);
}

type StampClient = Prisma.TransactionClient | AppPrismaClient;

/** Moves a stamp on, inside the caller's transaction. */
export async function bumpContentStamp(tx: StampClient, key: string, now = new Date()) {
  await tx.contentStamp.upsert({
    where: { key },
    create: { key, version: 1, changedAt: now },
    update: { version: { increment: 1 }, changedAt: now },
  });
}

/** The stamp's current version (0 before its first bump): one primary-key read. */
export async function readContentStamp(client: StampClient, key: string): Promise<number> {
  const row = await client.contentStamp.findUnique({ where: { key }, select: { version: true } });
  return row?.version ?? 0;
}
