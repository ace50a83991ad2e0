import "server-only";
import { appendAudit, verifyAuditChain as verifyChain, type AuditEntry } from "@/lib/audit/chain";
import { db } from "@/lib/core/db";

export { appendAudit, type AuditEntry } from "@/lib/audit/chain";

/** Appends one event in a transaction of its own (for events with no other write). */
export async function audit(entry: AuditEntry, now = new Date()) {
  await db.$transaction((tx) => appendAudit(tx, entry, now));
}

export function verifyAuditChain() {
  return verifyChain(db);
}
