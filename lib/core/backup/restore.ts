/**
 * `npm run restore -- <archive>`: puts a backup into an EMPTY database and an EMPTY evidence
 * folder, then proves it arrived whole. In order, nothing changed until step 5:
 * 1. the archive is read and every entry checked against manifest.json (size and SHA-256; an entry
 *    the manifest does not name, or one it names that is missing, refuses the archive);
 * 2. the provider must match (a PostgreSQL backup does not go into SQLite, nor the reverse);
 * 3. the audit key that signed the newest row must be configured (the chain is verified afterwards);
 * 4. the target must be empty: no table of ours holding a row (`_prisma_migrations` aside; a
 *    database with the migrations applied and no rows is accepted and replaced), and no file in
 *    the evidence folder (the store's hidden temporaries aside);
 * 5. the database is restored (SQLite: the file renamed into place; PostgreSQL: pg_restore in one
 *    transaction), then the evidence files (each written under a temporary name, synced, renamed);
 * 6. checks: row counts per table equal the manifest's, every evidence file's SHA-256 equals the
 *    manifest's, and the audit chain verifies with the configured key and ends at the manifest's head.
 */
import fs from "node:fs";
import { mkdtemp, open, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { verifyAuditChain } from "@/lib/audit/chain";
import type { AuditKeyring } from "@/lib/audit/keys";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { databaseProvider } from "@/lib/core/db/provider";
import { listEvidenceFiles } from "./backup";
import { checkPostgresTarget, databaseFigures, restoreDatabase, stagingFile, tablesWithRows } from "./database";
import { BackupError } from "./errors";
import { DATABASE_ENTRY, EVIDENCE_PREFIX, MANIFEST_NAME, manifestSchema, type BackupManifest } from "./manifest";
import { listTar, readTarEntry, TarFormatError, type TarEntry } from "./tar";
import { createHash } from "node:crypto";

export interface RestoreOptions {
  archive: string;
  databaseUrl: string;
  uploadDir: string;
  keyring: AuditKeyring;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  evidenceFiles: number;
  auditRows: number;
}

const PROVIDER_NAME = { sqlite: "SQLite", postgresql: "PostgreSQL" } as const;

function invalid(problems: string[]): BackupError {
  const shown = problems.slice(0, 10).join("\n  ");
  return new BackupError(
    "archive_invalid",
    `备份文件损坏或被改动，未作任何更改 / the archive is damaged or was changed; nothing was changed:\n  ${shown}`,
  );
}

/** Step 1: the manifest, and every entry checked against it without writing anything. */
export async function verifyArchive(archive: string): Promise<{ manifest: BackupManifest; entries: Map<string, TarEntry> }> {
  let handle;
  try {
    handle = await open(archive, "r");
  } catch {
    throw new BackupError("archive_invalid", `无法读取备份文件 / cannot read the archive: ${archive}`);
  }
  try {
    let list: TarEntry[];
    try {
      list = await listTar(handle);
    } catch (error) {
      if (error instanceof TarFormatError) throw invalid([`不是完整的 tar 归档 / not a complete tar archive: ${error.message}`]);
      throw error;
    }
    const entries = new Map(list.map((entry) => [entry.name, entry]));
    const manifestEntry = entries.get(MANIFEST_NAME);
    if (!manifestEntry) throw invalid([`缺少 ${MANIFEST_NAME} / ${MANIFEST_NAME} is missing`]);
    const chunks: Buffer[] = [];
    await readTarEntry(handle, manifestEntry, async (slice) => void chunks.push(Buffer.from(slice)));
    let manifest: BackupManifest;
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      if (!parsed.success) throw new Error(parsed.error.message);
      manifest = parsed.data;
    } catch (error) {
      throw invalid([`${MANIFEST_NAME} 无法识别 / ${MANIFEST_NAME} is not a backup manifest: ${(error as Error).message.slice(0, 200)}`]);
    }
    const expected = new Map<string, { size: number; sha256: string }>([
      [manifest.database.path, manifest.database],
      ...manifest.evidence.files.map((file) => [`${EVIDENCE_PREFIX}${file.path}`, file] as const),
    ]);
    const problems: string[] = [];
    if (manifest.database.path !== DATABASE_ENTRY[manifest.provider])
      problems.push(`数据库条目名称不符 / unexpected database entry ${manifest.database.path}`);
    for (const file of manifest.evidence.files) {
      if (file.path.split("/").some((part) => part === "" || part === "." || part === ".."))
        problems.push(`不安全的路径 / unsafe path: ${file.path}`);
    }
    for (const name of entries.keys()) {
      if (name !== MANIFEST_NAME && !expected.has(name)) problems.push(`清单未列出 / not in the manifest: ${name}`);
    }
    for (const [name, want] of expected) {
      const entry = entries.get(name);
      if (!entry) {
        problems.push(`缺少 / missing: ${name}`);
        continue;
      }
      if (entry.size !== want.size) {
        problems.push(`大小不符 / size differs: ${name}`);
        continue;
      }
      if ((await readTarEntry(handle, entry)) !== want.sha256) problems.push(`校验和不符 / checksum differs: ${name}`);
    }
    if (problems.length > 0) throw invalid(problems);
    return { manifest, entries };
  } finally {
    await handle.close();
  }
}

/** Writes one entry to `target` through a temporary name beside it; returns the bytes' SHA-256. */
async function extract(archive: string, entry: TarEntry, target: string): Promise<string> {
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.restore.part`);
  const source = await open(archive, "r");
  const out = await open(temporary, "wx", 0o600);
  try {
    let position = 0;
    const sha256 = await readTarEntry(source, entry, async (slice) => {
      let written = 0;
      while (written < slice.byteLength) {
        const { bytesWritten } = await out.write(slice, written, slice.byteLength - written, position + written);
        written += bytesWritten;
      }
      position += slice.byteLength;
    });
    await out.sync();
    await out.close();
    await rename(temporary, target);
    return sha256;
  } catch (error) {
    await out.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await source.close();
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const archive = path.resolve(options.archive);
  const uploadDir = path.resolve(options.uploadDir);
  // 1.
  const { manifest, entries } = await verifyArchive(archive);

  // 2.
  const provider = databaseProvider(options.databaseUrl);
  if (manifest.provider !== provider) {
    throw new BackupError(
      "provider_mismatch",
      `这是 ${PROVIDER_NAME[manifest.provider]} 数据库的备份，目标 DATABASE_URL 是 ${PROVIDER_NAME[provider]}：不能跨数据库类型恢复，未作任何更改。\n` +
        `This is a backup of a ${PROVIDER_NAME[manifest.provider]} database and DATABASE_URL names ${PROVIDER_NAME[provider]}: ` +
        `restoring across database types is not supported; nothing was changed.`,
    );
  }

  // 3.
  const keyId = manifest.audit.head?.keyId;
  if (keyId && !options.keyring.keys.has(keyId)) {
    throw new BackupError(
      "audit_key",
      `审计链最新记录由密钥 ${keyId} 签名，但当前未配置该密钥：请先恢复单独备份的密钥文件（AUDIT_HMAC_KEY_FILE，或轮换后的 AUDIT_HMAC_OLD_KEYS_FILE），未作任何更改。\n` +
        `The newest audit record was signed with key ${keyId}, which is not configured: restore the separately kept key file ` +
        `(AUDIT_HMAC_KEY_FILE, or AUDIT_HMAC_OLD_KEYS_FILE after a rotation) first; nothing was changed.`,
    );
  }

  // 4.
  const full = await tablesWithRows(options.databaseUrl, provider);
  const present = listEvidenceFiles(uploadDir);
  if (full.length > 0 || present.length > 0) {
    const what = [
      ...(full.length > 0
        ? [`数据库中 ${full.length} 张表已有数据 / ${full.length} table(s) hold rows (${full.slice(0, 5).join(", ")})`]
        : []),
      ...(present.length > 0
        ? [`证明材料目录中已有 ${present.length} 个文件 / the evidence folder holds ${present.length} file(s) (${uploadDir})`]
        : []),
    ];
    throw new BackupError(
      "target_not_empty",
      `目标不是空的，拒绝覆盖，未作任何更改 / the target is not empty; refusing to overwrite it, nothing was changed:\n  ${what.join("\n  ")}`,
    );
  }
  const pgRestore = manifest.database.postgres ? await checkPostgresTarget(options.databaseUrl, manifest.database.postgres) : null;

  // 5.
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), "kepu-restore-"));
  try {
    const staged = stagingFile(options.databaseUrl, provider, tmpDir);
    try {
      if ((await extract(archive, entries.get(manifest.database.path)!, staged)) !== manifest.database.sha256) {
        throw invalid([`校验和不符 / checksum differs: ${manifest.database.path}`]);
      }
      await restoreDatabase(options.databaseUrl, provider, staged, pgRestore);
    } finally {
      fs.rmSync(staged, { force: true });
    }
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
  fs.mkdirSync(uploadDir, { recursive: true, mode: 0o700 });
  for (const file of manifest.evidence.files) {
    await extract(archive, entries.get(`${EVIDENCE_PREFIX}${file.path}`)!, path.join(uploadDir, ...file.path.split("/")));
  }

  // 6.
  const problems: string[] = [];
  const figures = await databaseFigures(options.databaseUrl, provider);
  for (const table of new Set([...Object.keys(manifest.rowCounts), ...Object.keys(figures.rowCounts)])) {
    if (manifest.rowCounts[table] !== figures.rowCounts[table]) {
      problems.push(
        `表 ${table} 行数 ${figures.rowCounts[table] ?? "无"}，清单为 ${manifest.rowCounts[table] ?? "无"} / table ${table} has ${figures.rowCounts[table] ?? "no"} rows, the manifest says ${manifest.rowCounts[table] ?? "none"}`,
      );
    }
  }
  for (const file of manifest.evidence.files) {
    const restored = path.join(uploadDir, ...file.path.split("/"));
    if (!fs.existsSync(restored) || (await fileSha256(restored)) !== file.sha256)
      problems.push(`证明材料校验和不符 / evidence checksum differs: ${file.path}`);
  }
  const client = createPrismaClient(options.databaseUrl);
  let auditRows = 0;
  try {
    const chain = await verifyAuditChain(client, undefined, options.keyring);
    auditRows = chain.count;
    if (!chain.ok)
      problems.push(
        `审计链在第 ${chain.brokenAt} 条记录处断开（${chain.problem}）/ the audit chain breaks at record ${chain.brokenAt} (${chain.problem})`,
      );
    const head = await client.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
    const want = manifest.audit.head;
    if ((head?.id ?? null) !== (want?.id ?? null) || (head?.hash ?? null) !== (want?.hash ?? null)) {
      problems.push(
        `审计链末条记录与清单不符 / the audit chain's newest record differs from the manifest's (${head?.id ?? "none"} vs ${want?.id ?? "none"})`,
      );
    }
  } finally {
    await client.$disconnect();
  }
  if (problems.length > 0) {
    throw new BackupError(
      "check_failed",
      `已恢复，但核对发现差异 / restored, but the checks found differences:\n  ${problems.slice(0, 20).join("\n  ")}`,
    );
  }
  return {
    manifest,
    tables: Object.keys(figures.rowCounts).length,
    rows: Object.values(figures.rowCounts).reduce((sum, n) => sum + n, 0),
    evidenceFiles: manifest.evidence.files.length,
    auditRows,
  };
}
