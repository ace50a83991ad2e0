/**
 * npm run audit:verify — walks the audit trail's hash chain (keyed rows by their HMAC key) and
 * checks that the last anchor written outside the database (AUDIT_ANCHOR_DIR) still matches.
 * Exit codes: 0 intact (or no anchor written yet), 1 a row was changed, removed or inserted,
 * 2 the chain is consistent but the anchored row is gone or different (the newest rows were
 * removed, or the trail was rewritten), 3 the check cannot run (audit key missing or unreadable,
 * anchor file unreadable).
 */
import { verifyAuditTrailAgainstAnchor } from "@/lib/audit/anchor";
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
  console.error(`无法校验：审计密钥缺失或无效 / cannot verify: the audit key is missing or invalid\n${error.message}`);
  process.exit(3);
}
const client = createPrismaClient(DATABASE_URL);
const result = await verifyAuditTrailAgainstAnchor(client, AUDIT_ANCHOR_DIR, keyring);
await client.$disconnect();

const problems = {
  content_changed: "内容被修改 / its content was changed after it was written",
  link_broken: "前序哈希不符 / its link to the previous row is broken (a row before it was removed or replaced)",
  sequence_gap: "序号不连续 / the sequence skips (rows were removed)",
  unknown_key: "签名密钥未配置 / it was signed with a key that is not configured (add it to AUDIT_HMAC_OLD_KEYS_FILE)",
  unkeyed_after_switch: "启用密钥签名后出现未签名记录 / an unsigned row follows the switch to keyed signing (forged or rewritten)",
};
if (!result.ok) {
  console.error(
    `审计链在第 ${result.brokenAt} 条记录处断开 / audit trail broken at record ${result.brokenAt}: ${problems[result.problem]}`,
  );
  console.error(`此前 ${result.count} 条记录完好 / the ${result.count} records before it are intact`);
  process.exit(result.problem === "unknown_key" ? 3 : 1);
}
console.log(`审计链完整 / audit trail intact: ${result.count} 条记录 / records verified (${DATABASE_URL})`);
const anchor = result.anchor;
switch (anchor.status) {
  case "none":
    console.log(`尚无库外锚点 / no anchor yet in ${AUDIT_ANCHOR_DIR} (npm run audit:anchor writes one)`);
    break;
  case "ok":
    console.log(`与库外锚点一致 / matches the last anchor: record ${anchor.id} at ${anchor.at}`);
    break;
  case "missing":
    console.error(
      `锚点记载的第 ${anchor.id} 条记录（${anchor.at}）已不存在 / record ${anchor.id}, anchored at ${anchor.at}, is gone: the newest rows were removed`,
    );
    process.exit(2);
    break;
  case "mismatch":
    console.error(
      `第 ${anchor.id} 条记录与锚点（${anchor.at}）的哈希不符 / record ${anchor.id} differs from the anchor written at ${anchor.at}: the trail was rewritten`,
    );
    process.exit(2);
    break;
  case "unreadable":
    console.error(`锚点文件无法读取 / the anchor file in ${AUDIT_ANCHOR_DIR} cannot be read`);
    process.exit(3);
}
