/**
 * npm run audit:verify — walks the audit trail's hash chain and reports the first broken
 * link. Exit code 0 when intact, 1 when a row was changed, removed or inserted.
 */
import { verifyAuditChain } from "@/lib/audit/chain";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { loadScriptEnv } from "./load-env";

const { DATABASE_URL } = loadScriptEnv();
const client = createPrismaClient(DATABASE_URL);
const result = await verifyAuditChain(client);
await client.$disconnect();

const problems = {
  content_changed: "内容被修改 / its content was changed after it was written",
  link_broken: "前序哈希不符 / its link to the previous row is broken (a row before it was removed or replaced)",
  sequence_gap: "序号不连续 / the sequence skips (rows were removed)",
};
if (result.ok) {
  console.log(`审计链完整 / audit trail intact: ${result.count} 条记录 / records verified (${DATABASE_URL})`);
} else {
  console.error(
    `审计链在第 ${result.brokenAt} 条记录处断开 / audit trail broken at record ${result.brokenAt}: ${problems[result.problem]}`,
  );
  console.error(`此前 ${result.count} 条记录完好 / the ${result.count} records before it are intact`);
  process.exit(1);
}
