/**
 * Anchoring the audit trail's head outside the database. `npm run audit:anchor` and the app
 * (at boot and every 24 hours, lib/core/boot.ts) append the newest row's {id, hash, at, keyId}
 * as one JSON line to AUDIT_ANCHOR_DIR/audit-anchors.jsonl and write the same line to the server
 * log. Verification checks that the last anchored row still exists with that hash: removing the
 * newest rows (which the chain alone cannot see) or rewriting the trail is then detected.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { verifyAuditChain, type AuditClient, type ChainVerification } from "@/lib/audit/chain";
import type { AuditKeyring } from "@/lib/audit/keys";

export const ANCHOR_FILE_NAME = "audit-anchors.jsonl";

const anchorSchema = z.object({
  id: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  keyId: z.string().nullable(),
});

export type AuditAnchor = z.infer<typeof anchorSchema>;

export type AnchorCheck =
  /** No anchor written yet (a new installation): nothing to compare. */
  | { status: "none" }
  | { status: "ok"; id: number; at: string }
  /** The anchored row is gone: the newest rows were removed. */
  | { status: "missing"; id: number; at: string }
  /** The anchored row holds another hash: the trail was rewritten. */
  | { status: "mismatch"; id: number; at: string }
  /** The anchor file's last line is not an anchor. */
  | { status: "unreadable" };

export type AuditVerification = ChainVerification & { anchor: AnchorCheck };

export function anchorFile(directory: string): string {
  return path.join(directory, ANCHOR_FILE_NAME);
}

/** The last anchor in the file, null when there is none, "unreadable" when its last line is damaged. */
export function readLastAnchor(directory: string): AuditAnchor | null | "unreadable" {
  let content: string;
  try {
    content = fs.readFileSync(anchorFile(directory), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    return "unreadable";
  }
  const lines = content.split("\n").filter((line) => line.trim() !== "");
  const last = lines.at(-1);
  if (last === undefined) return null;
  try {
    const parsed = anchorSchema.safeParse(JSON.parse(last));
    return parsed.success ? parsed.data : "unreadable";
  } catch {
    return "unreadable";
  }
}

/**
 * Appends the newest row as an anchor line (file opened for appending only, mode 0600) and logs
 * it. Returns the anchor, or null for an empty trail or a head that is already anchored.
 */
export async function writeAnchor(
  client: AuditClient,
  directory: string,
  now = new Date(),
  log: (line: string) => void = console.log,
): Promise<AuditAnchor | null> {
  const head = await client.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true, keyId: true } });
  if (!head) return null;
  const last = readLastAnchor(directory);
  if (last && last !== "unreadable" && last.id === head.id && last.hash === head.hash) return null;
  const anchor: AuditAnchor = { id: head.id, hash: head.hash, at: now.toISOString(), keyId: head.keyId };
  const line = JSON.stringify(anchor);
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  fs.appendFileSync(anchorFile(directory), `${line}\n`, { mode: 0o600, flag: "a" });
  log(`[audit-anchor] ${line}`);
  return anchor;
}

/** Whether the last anchored row still exists with the anchored hash. */
export async function checkAnchor(client: AuditClient, directory: string): Promise<AnchorCheck> {
  const anchor = readLastAnchor(directory);
  if (anchor === null) return { status: "none" };
  if (anchor === "unreadable") return { status: "unreadable" };
  const row = await client.auditEvent.findUnique({ where: { id: anchor.id }, select: { hash: true } });
  const where = { id: anchor.id, at: anchor.at };
  if (!row) return { status: "missing", ...where };
  return row.hash === anchor.hash ? { status: "ok", ...where } : { status: "mismatch", ...where };
}

/** The chain and the anchor together: intact only when both are. */
export async function verifyAuditTrailAgainstAnchor(
  client: AuditClient,
  directory: string,
  keyring?: AuditKeyring,
): Promise<AuditVerification> {
  const chain = await verifyAuditChain(client, undefined, keyring);
  return { ...chain, anchor: await checkAnchor(client, directory) };
}

/** Whether a verification found nothing wrong (an installation with no anchor yet passes). */
export function verificationPassed(result: AuditVerification): boolean {
  return result.ok && (result.anchor.status === "ok" || result.anchor.status === "none");
}
