/**
 * npm run db:copy -- --from file:./data/app.db --to postgresql://user@host:5432/kepu
 *
 * Copies every app table of a SQLite database into an EMPTY PostgreSQL database (its migrations are
 * applied first), preserving ids, resets the sequences, then checks the row count of every table
 * on both sides and the audit chain on the copy with this environment's audit key
 * (lib/core/db/copy.ts). Refuses a target that holds any row. `--from` defaults to DATABASE_URL.
 * Exit 0 copied and verified; 1 refused or failed (nothing is left half-copied: the target is
 * written in one transaction); 2 copied but a count or the audit chain does not match; 3 the audit
 * key cannot be read.
 */
import { verifyAuditChain } from "@/lib/audit/chain";
import { AuditKeyError, loadAuditKeyring } from "@/lib/audit/keys";
import { compareCounts, copySqliteToPostgres, DatabaseCopyError } from "@/lib/core/db/copy";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { loadScriptEnv } from "./load-env";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

const settings = loadScriptEnv();
const from = argument("from") ?? settings.DATABASE_URL;
const to = argument("to");
if (!to || !from.startsWith("file:")) {
  console.error(
    "用法 / usage: npm run db:copy -- --from file:./data/app.db --to postgresql://用户@主机:5432/数据库\n" +
      "目标须为已建好的空 PostgreSQL 数据库 / the target must be an existing, empty PostgreSQL database",
  );
  process.exit(1);
}

let keyring;
try {
  keyring = loadAuditKeyring(settings, { generate: false });
} catch (error) {
  if (!(error instanceof AuditKeyError)) throw error;
  console.error(
    `无法校验审计链：审计密钥缺失或无效 / cannot verify the audit trail: the audit key is missing or invalid\n${error.message}`,
  );
  process.exit(3);
}

const safeTarget = to.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
console.log(`▶ 复制 / copying ${from} → ${safeTarget}`);
let result;
try {
  result = await copySqliteToPostgres({ from, to, log: (line) => console.log(line) });
} catch (error) {
  if (!(error instanceof DatabaseCopyError)) throw error;
  console.error(`✖ ${error.message}`);
  process.exit(1);
}
const total = result.tables.reduce((sum, table) => sum + table.rows, 0);
console.log(
  `已复制 / copied ${result.tables.length} 张表 / tables, ${total} 行 / rows in ${result.seconds.toFixed(1)} s; ` +
    `已重置序列 / sequences reset: ${result.sequencesReset}`,
);

console.log("▶ 校验 / verifying");
const counts = await compareCounts(from, to);
const differing = counts.filter((check) => check.source !== check.target);
for (const check of differing) console.error(`✖ ${check.name}: 源 / source ${check.source}, 目标 / target ${check.target}`);
if (differing.length === 0) console.log(`  行数一致 / row counts equal in all ${counts.length} tables`);

const client = createPrismaClient(to);
const chain = await verifyAuditChain(client, 2000, keyring);
await client.$disconnect();
if (chain.ok) console.log(`  审计链完整 / audit trail intact: ${chain.count} 条记录 / records`);
else console.error(`✖ 审计链在第 ${chain.brokenAt} 条记录处断开 / audit trail broken at record ${chain.brokenAt} (${chain.problem})`);

if (differing.length > 0 || !chain.ok) process.exit(2);
console.log(`完成 / done: 将 DATABASE_URL 改为目标地址后启动 / point DATABASE_URL at the target and start the app`);
