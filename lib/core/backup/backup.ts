/**
 * `npm run backup`: one archive per backup, `kepu-backup-<UTC time>.tar` in BACKUP_DIR, holding
 * the database snapshot, the evidence files and manifest.json (lib/core/backup/manifest.ts). Safe
 * while the app runs and writes. Written under a hidden temporary name, synced and renamed, so an
 * archive under its final name is always complete.
 */
import fs from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { databaseProvider } from "@/lib/core/db/provider";
import { snapshotDatabase } from "./database";
import { BackupError } from "./errors";
import { AUDIT_KEY_NOTE, DATABASE_ENTRY, EVIDENCE_PREFIX, MANIFEST_FORMAT, MANIFEST_NAME, type BackupManifest } from "./manifest";
import { TarWriter } from "./tar";

export interface BackupOptions {
  databaseUrl: string;
  /** The evidence folder (UPLOAD_DIR). */
  uploadDir: string;
  /** Where the archive goes (BACKUP_DIR, or `--out`). */
  outDir: string;
  now?: Date;
  /** For tests: runs between the database snapshot and the listing of the evidence folder. */
  betweenSteps?: () => Promise<void>;
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
}

export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/**
 * The evidence files, relative to the folder, "/"-separated, sorted. Names starting with a dot
 * are the store's own temporaries (`.<key>.part` while an upload is written, the health probe)
 * and are left out: a finished upload is always renamed to its key.
 */
export function listEvidenceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else if (entry.isFile()) found.push(name);
    }
  };
  walk("");
  return found.sort();
}

async function syncDirectory(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const provider = databaseProvider(options.databaseUrl);
  const now = options.now ?? new Date();
  const outDir = path.resolve(options.outDir);
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const name = `kepu-backup-${backupStamp(now)}.tar`;
  const file = path.join(outDir, name);
  if (fs.existsSync(file)) {
    throw new BackupError("exists", `备份文件已存在 / the backup file already exists: ${file}`);
  }
  const partial = path.join(outDir, `.${name}.part`);
  const snapshotFile = path.join(outDir, `.${name}.database.part`);
  fs.rmSync(snapshotFile, { force: true });
  try {
    // 1. The database first: a consistent snapshot and the figures read from exactly it.
    const snapshot = await snapshotDatabase(options.databaseUrl, provider, snapshotFile);
    await options.betweenSteps?.();

    // 2. The evidence AFTER the snapshot. A file is written and synced under its final name before
    // the row naming it commits, and files are only ever added (a deleted draft attachment aside),
    // so every file a snapshot row points at is already in the folder now; files uploaded since
    // the snapshot come along too and are harmless extras. Listing the folder first would miss
    // the files of rows committed between the listing and the snapshot.
    const uploadDir = path.resolve(options.uploadDir);
    const evidence = listEvidenceFiles(uploadDir);

    const out = await open(partial, "wx", 0o600);
    const files: BackupManifest["evidence"]["files"] = [];
    let databaseEntry: BackupManifest["database"];
    try {
      const tar = new TarWriter(out);
      const source = await open(snapshotFile, "r");
      try {
        const { size } = await source.stat();
        const sha256 = await tar.addFile(DATABASE_ENTRY[provider], source, size, now);
        databaseEntry = {
          path: DATABASE_ENTRY[provider],
          size,
          sha256,
          format: provider === "postgresql" ? "pg_dump-custom" : "sqlite",
          ...(snapshot.postgres ? { postgres: snapshot.postgres } : {}),
        };
      } finally {
        await source.close();
      }
      for (const relative of evidence) {
        let handle;
        try {
          handle = await open(path.join(uploadDir, relative), "r");
        } catch (error) {
          // Removed since the listing (a draft's attachment deleted): not in the archive; if the
          // snapshot still names it, the manifest lists it under evidence.missing.
          if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
          throw error;
        }
        try {
          const stat = await handle.stat();
          const sha256 = await tar.addFile(`${EVIDENCE_PREFIX}${relative}`, handle, stat.size, stat.mtime);
          files.push({ path: relative, size: stat.size, sha256 });
        } finally {
          await handle.close();
        }
      }
      const present = new Set(files.map((entry) => entry.path));
      const manifest: BackupManifest = {
        format: MANIFEST_FORMAT,
        version: 1,
        createdAt: now.toISOString(),
        provider,
        database: databaseEntry,
        migration: { latest: snapshot.latestMigration },
        rowCounts: snapshot.rowCounts,
        evidence: {
          count: files.length,
          totalBytes: files.reduce((sum, entry) => sum + entry.size, 0),
          files,
          missing: snapshot.attachmentKeys.filter((key) => !present.has(key)),
        },
        audit: { head: snapshot.auditHead, key: AUDIT_KEY_NOTE },
      };
      await tar.addBuffer(MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"), now);
      await tar.finish();
      await out.sync();
      await out.close();
      fs.renameSync(partial, file);
      await syncDirectory(outDir).catch(() => {});
      return { file, manifest };
    } catch (error) {
      await out.close().catch(() => {});
      throw error;
    }
  } finally {
    fs.rmSync(snapshotFile, { force: true });
    fs.rmSync(partial, { force: true });
  }
}
