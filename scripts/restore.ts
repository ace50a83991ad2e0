/**
 * npm run restore -- <archive> — restores a backup written by `npm run backup` into the EMPTY
 * database DATABASE_URL and the EMPTY evidence folder UPLOAD_DIR, then checks row counts, evidence
 * checksums and the audit chain (with the key from the environment) against the manifest.
 * Exit codes: 0 restored and checked; 1 the archive is damaged or changed; 2 refused: the target
 * is not empty, the database type differs, or the server is older (nothing changed in these
 * three); 3 the audit key or pg_restore is missing (nothing changed); 4 restored, but a check failed.
 */
import { AuditKeyError, loadAuditKeyring } from "@/lib/audit/keys";
import { BackupError, type BackupProblem } from "@/lib/core/backup/errors";
import { restoreBackup } from "@/lib/core/backup/restore";
import { loadScriptEnv } from "./load-env";

const settings = loadScriptEnv();
const archive = process.argv[2];
if (!archive) {
  console.error("用法 / usage: npm run restore -- <kepu-backup-….tar>");
  process.exit(1);
}

let keyring;
try {
  // Never generates a key: the restored chain needs the key it was signed with.
  keyring = loadAuditKeyring(settings, { generate: false });
} catch (error) {
  if (!(error instanceof AuditKeyError)) throw error;
  console.error(
    `无法恢复：审计密钥缺失或无效，请先恢复单独备份的密钥文件，未作任何更改 / cannot restore: the audit key is missing or invalid; restore the separately kept key file first. Nothing was changed.\n${error.message}`,
  );
  process.exit(3);
}

const EXIT: Record<BackupProblem, number> = {
  archive_invalid: 1,
  exists: 1,
  provider_mismatch: 2,
  target_not_empty: 2,
  server_too_old: 2,
  audit_key: 3,
  tool_missing: 3,
  tool_too_old: 3,
  check_failed: 4,
};

try {
  const result = await restoreBackup({ archive, databaseUrl: settings.DATABASE_URL, uploadDir: settings.UPLOAD_DIR, keyring });
  const { manifest } = result;
  console.log(`恢复完成 / restored: ${archive}（备份时间 / taken ${manifest.createdAt}）`);
  console.log(
    `  数据库 / database (${manifest.provider}): ${result.tables} 张表 / tables, ${result.rows} 行 / rows, 与清单一致 / match the manifest`,
  );
  console.log(`  证明材料 / evidence: ${result.evidenceFiles} 个文件，校验和一致 / files, checksums match`);
  console.log(
    `  审计链完整 / audit chain intact: ${result.auditRows} 条记录 / records, 末条 / newest #${manifest.audit.head?.id ?? "—"} 与清单一致 / matches the manifest`,
  );
  console.log(
    "  接下来：npm start（或 npm run db:migrate）应用更新的迁移 / next: npm start (or npm run db:migrate) applies any newer migrations",
  );
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`恢复未完成 / restore stopped:\n${error.message}`);
    process.exit(EXIT[error.code]);
  }
  throw error;
}
