/**
 * npm run audit:anchor — appends the audit trail's newest {id, hash, at, keyId} as a JSON line to
 * AUDIT_ANCHOR_DIR/audit-anchors.jsonl (outside the database) and prints the same line, for the
 * server log or an operator's records. The running portal does the same at boot and every 24 hours.
 * Starts keyed signing first (the `audit.chain_keyed` record) if the trail still ends in unkeyed
 * rows. Exit 0 when anchored (or nothing new to anchor), 3 when the audit key is missing.
 */
import { anchorFile, writeAnchor } from "@/lib/audit/anchor";
import { ensureChainKeyed } from "@/lib/audit/chain";
import { AuditKeyError, loadAuditKeyring } from "@/lib/audit/keys";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { loadScriptEnv } from "./load-env";

const settings = loadScriptEnv();
const { DATABASE_URL, AUDIT_ANCHOR_DIR } = settings;
let keyring;
try {
  // Never generates a key: a missing key file must be restored, not replaced.
  keyring = loadAuditKeyring(settings, { generate: false });
} catch (error) {
  if (!(error instanceof AuditKeyError)) throw error;
  console.error(`无法锚定：审计密钥缺失或无效 / cannot anchor: the audit key is missing or invalid\n${error.message}`);
  process.exit(3);
}
const client = createPrismaClient(DATABASE_URL);
await ensureChainKeyed(client, keyring);
const anchor = await writeAnchor(client, AUDIT_ANCHOR_DIR);
await client.$disconnect();
if (anchor) {
  console.log(`已锚定第 ${anchor.id} 条记录 / anchored record ${anchor.id} in ${anchorFile(AUDIT_ANCHOR_DIR)}`);
} else {
  console.log(`无新记录需要锚定 / nothing new to anchor (${anchorFile(AUDIT_ANCHOR_DIR)})`);
}
