/**
 * npm run backup [-- --out <dir>] — writes kepu-backup-<UTC time>.tar (database snapshot, evidence
 * files, manifest.json) into BACKUP_DIR (default ./data/backups) or <dir>. Safe while the app runs.
 * Exit codes: 0 written, 1 failed, 3 pg_dump missing or too old (PostgreSQL).
 */
import path from "node:path";
import { createBackup } from "@/lib/core/backup/backup";
import { BackupError } from "@/lib/core/backup/errors";
import { loadScriptEnv } from "./load-env";

const { DATABASE_URL, UPLOAD_DIR, BACKUP_DIR } = loadScriptEnv();
const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
if (outIndex !== -1 && !args[outIndex + 1]) {
  console.error("用法 / usage: npm run backup [-- --out <目录 / dir>]");
  process.exit(1);
}
const outDir = outIndex === -1 ? BACKUP_DIR : args[outIndex + 1]!;

try {
  const { file, manifest } = await createBackup({ databaseUrl: DATABASE_URL, uploadDir: UPLOAD_DIR, outDir: path.resolve(outDir) });
  const rows = Object.values(manifest.rowCounts).reduce((sum, n) => sum + n, 0);
  const megabytes = (manifest.evidence.totalBytes / 1024 / 1024).toFixed(1);
  console.log(`备份完成 / backup written: ${file}`);
  console.log(
    `  数据库 / database (${manifest.provider}): ${Object.keys(manifest.rowCounts).length} 张表 / tables, ${rows} 行 / rows; ` +
      `最新迁移 / latest migration ${manifest.migration.latest ?? "—"}`,
  );
  console.log(`  证明材料 / evidence: ${manifest.evidence.count} 个文件 / files, ${megabytes} MB`);
  console.log(`  审计链末条 / audit head: ${manifest.audit.head ? `#${manifest.audit.head.id} ${manifest.audit.head.hash}` : "—"}`);
  console.log("  审计密钥不在备份中，请另行备份密钥文件 / the audit key is not in the archive: back up the key file separately");
  if (manifest.evidence.missing.length > 0) {
    console.warn(
      `  警告：${manifest.evidence.missing.length} 个附件记录的文件在 UPLOAD_DIR 中不存在 / warning: ${manifest.evidence.missing.length} attachment row(s) name a file missing from UPLOAD_DIR: ${manifest.evidence.missing.slice(0, 5).join(", ")}`,
    );
  }
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`备份失败 / backup failed:\n${error.message}`);
    process.exit(error.code === "tool_missing" || error.code === "tool_too_old" ? 3 : 1);
  }
  throw error;
}
