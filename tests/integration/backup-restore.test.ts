/**
 * Issue 14 item 6: `npm run backup` and `npm run restore`, on the provider of the running vitest
 * project (SQLite file or PostgreSQL database, from tests/support/database-per-file.ts). A backup
 * is taken while audited report saves and evidence uploads keep running; it is restored into a
 * fresh empty database and evidence folder and checked (row counts, evidence checksums, the audit
 * chain and its head). A non-empty target, a tampered archive, the other provider and a missing
 * audit key are refused with nothing changed.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/lib/audit/chain";
import { auditKeyring, type AuditKeyring } from "@/lib/audit/keys";
import { createBackup, type BackupResult } from "@/lib/core/backup/backup";
import { databaseFigures, tablesWithRows } from "@/lib/core/backup/database";
import { restoreBackup } from "@/lib/core/backup/restore";
import { listTar, TarWriter, type TarEntry } from "@/lib/core/backup/tar";
import { withPostgres } from "@/lib/core/backup/postgres-tools";
import { db } from "@/lib/core/db";
import { backupBeforeMigrations } from "@/lib/core/db/backup";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { applyMigrations } from "@/lib/core/db/schema-engine";
import { addAttachment } from "@/lib/reporting/server/attachments";
import { saveReport } from "@/lib/reporting/server/reports";
import { actorFor } from "../support/actors";
import { filledReport, openYouthRound, reportOf } from "../support/round-fixtures";
import { copyOfTemplate, scratchDatabaseUrl, scratchSqliteUrl, testDatabaseProvider } from "../support/scratch-db";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

const run = promisify(execFile);
const PROVIDER = testDatabaseProvider();
// Outside tmp/vitest, which a concurrent vitest run's global setup empties.
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-backup-test-"));
const liveUploads = path.join(workDir, "uploads");
const originalUploadDir = process.env.UPLOAD_DIR;
let draftReportId = 0;
let evidenceReportId = 0;
/** The backup taken during the writes, reused by the refusal cases. */
let taken: BackupResult;

beforeAll(async () => {
  process.env.UPLOAD_DIR = liveUploads;
  const { round } = await openYouthRound();
  draftReportId = (await reportOf(round.id, "市教育局")).id;
  evidenceReportId = (await reportOf(round.id, "市卫生健康委")).id;
});
afterAll(() => {
  if (originalUploadDir === undefined) delete process.env.UPLOAD_DIR;
  else process.env.UPLOAD_DIR = originalUploadDir;
  fs.rmSync(workDir, { recursive: true, force: true });
});

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Every evidence file of a folder with its checksum: what "nothing changed" compares. */
function folderState(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, sha256(path.join(dir, name))]),
  );
}

function freshDir(label: string): string {
  return path.join(workDir, `${label}-${Math.random().toString(36).slice(2, 8)}`);
}

/** Whether a restore target is still untouched: no table at all (PostgreSQL), no file (SQLite). */
async function untouched(url: string): Promise<boolean> {
  if (PROVIDER === "postgresql") {
    const { rows } = await withPostgres(url, (client) =>
      client.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"),
    );
    return Number(rows[0].n) === 0;
  }
  return !fs.existsSync(url.replace(/^file:/, ""));
}

const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

/** A file handle reading one entry of an archive as if it were a file of its own (for rewriting an archive). */
async function entrySource(archive: FileHandle, entry: TarEntry): Promise<FileHandle> {
  const read = (buffer: Buffer, offset: number, length: number, position: number) =>
    archive.read(buffer, offset, Math.max(0, Math.min(length, entry.size - position)), entry.offset + position);
  return { read } as unknown as FileHandle;
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe(`backup and restore (${PROVIDER})`, () => {
  it("takes a consistent backup while audited writes run and restores it whole: counts, evidence checksums, audit chain", async () => {
    const jyj = await actorFor("jyj");
    const wjw = await actorFor("wjw");
    let stopping = false;
    let backupDone = false;
    const done = { saves: 0, uploads: 0, savesAfter: 0, uploadsAfter: 0 };

    const saves = (async () => {
      for (let i = 1; !stopping; i++) {
        const report = await db.progressReport.findUniqueOrThrow({ where: { id: draftReportId } });
        await saveReport(jyj, {
          reportId: draftReportId,
          version: report.version,
          intent: "save",
          submissionKey: "",
          ...filledReport,
          workDone: `第 ${i} 次保存草稿`,
        });
        done.saves++;
        // Each write arrives as its own request would: let file I/O and timers run in between (on
        // SQLite every query is synchronous, so a loop of them alone never yields to the event loop).
        await new Promise((resolve) => setImmediate(resolve));
        if (backupDone) done.savesAfter++;
      }
    })();
    const uploads = (async () => {
      for (let i = 1; !stopping; i++) {
        const bytes = new TextEncoder().encode(`%PDF-1.4\n% 证明材料 ${i} ${Math.random()}\n${"科普".repeat(i * 50)}\n%%EOF\n`);
        await addAttachment(wjw, evidenceReportId, `活动证明${i}.pdf`, bytes);
        done.uploads++;
        await new Promise((resolve) => setImmediate(resolve));
        if (backupDone) done.uploadsAfter++;
      }
    })();
    const writers = Promise.all([saves, uploads]);
    writers.catch(() => {
      stopping = true;
    });

    try {
      await until(() => stopping || (done.saves >= 3 && done.uploads >= 3));
      taken = await createBackup({ databaseUrl: process.env.DATABASE_URL!, uploadDir: liveUploads, outDir: freshDir("backups") });
      backupDone = true;
      await until(() => stopping || (done.savesAfter >= 2 && done.uploadsAfter >= 2));
    } finally {
      stopping = true;
      await writers;
    }

    const { manifest, file } = taken;
    expect(path.basename(file)).toMatch(/^kepu-backup-\d{8}T\d{6}Z\.tar$/);
    expect(manifest.provider).toBe(PROVIDER);
    // Evidence is copied after the snapshot: every attachment the snapshot holds has its file.
    expect(manifest.evidence.missing).toEqual([]);
    expect(manifest.rowCounts.Attachment).toBeGreaterThanOrEqual(3);
    expect(manifest.evidence.count).toBeGreaterThanOrEqual(manifest.rowCounts.Attachment!);
    // The writes went on after the snapshot, so the live database is ahead of it.
    expect(await db.attachment.count()).toBeGreaterThan(manifest.rowCounts.Attachment!);
    expect(await db.auditEvent.count()).toBeGreaterThan(manifest.rowCounts.AuditEvent!);
    expect(manifest.audit.head).toMatchObject({ id: manifest.rowCounts.AuditEvent, keyId: auditKeyring().currentId });
    expect(manifest.audit.key).toContain("not in this archive");
    expect(manifest.migration.latest).toMatch(/^\d{14}_/);
    for (const entry of manifest.evidence.files) expect(entry.sha256).toBe(sha256(path.join(liveUploads, entry.path)));

    const target = await scratchDatabaseUrl("restored");
    const restoredUploads = freshDir("restored-uploads");
    const result = await restoreBackup({ archive: file, databaseUrl: target, uploadDir: restoredUploads, keyring: auditKeyring() });
    expect(result.evidenceFiles).toBe(manifest.evidence.count);

    // Checked here again, independently of the restore's own checks.
    expect((await databaseFigures(target, PROVIDER)).rowCounts).toEqual(manifest.rowCounts);
    const restored = createPrismaClient(target);
    try {
      const attachments = await restored.attachment.findMany();
      expect(attachments).toHaveLength(manifest.rowCounts.Attachment!);
      const checksums = new Map(manifest.evidence.files.map((entry) => [entry.path, entry.sha256]));
      for (const attachment of attachments) {
        const restoredFile = path.join(restoredUploads, attachment.storageKey);
        expect(fs.statSync(restoredFile).size).toBe(attachment.size);
        expect(sha256(restoredFile)).toBe(checksums.get(attachment.storageKey));
        expect(sha256(restoredFile)).toBe(sha256(path.join(liveUploads, attachment.storageKey)));
      }
      const chain = await verifyAuditChain(restored, undefined, auditKeyring());
      expect(chain).toEqual({ ok: true, count: manifest.rowCounts.AuditEvent });
      const head = await restored.auditEvent.findFirst({ orderBy: { id: "desc" } });
      expect({ id: head?.id, hash: head?.hash, keyId: head?.keyId }).toEqual(manifest.audit.head);
      // The restored draft is the one the snapshot saw, one of the saves.
      const draft = await restored.progressReport.findUniqueOrThrow({ where: { id: draftReportId } });
      expect(draft.workDone).toMatch(/^第 \d+ 次保存草稿$/);
    } finally {
      await restored.$disconnect();
    }
  }, 180_000);

  it("runs as the real commands; a second restore into the now non-empty target is refused and changes nothing", async () => {
    const env = { ...process.env, UPLOAD_DIR: liveUploads };
    const outDir = freshDir("cli-backups");
    const backup = await run("npx", ["tsx", "scripts/backup.ts", "--out", outDir], { env });
    expect(backup.stdout).toContain("备份完成 / backup written");
    const [archiveName] = fs.readdirSync(outDir);
    const archive = path.join(outDir, archiveName!);
    // A plain ustar archive: any tar lists it.
    const listing = (await run("tar", ["-tf", archive])).stdout.split("\n");
    expect(listing).toContain("manifest.json");
    expect(listing).toContain(PROVIDER === "sqlite" ? "database/app.db" : "database/postgresql.pgdump");

    const target = await scratchDatabaseUrl("cli-restored");
    const restoredUploads = freshDir("cli-restored-uploads");
    const restoreEnv = { ...process.env, DATABASE_URL: target, UPLOAD_DIR: restoredUploads };
    const restore = await run("npx", ["tsx", "scripts/restore.ts", archive], { env: restoreEnv });
    expect(restore.stdout).toContain("恢复完成 / restored");
    expect(restore.stdout).toContain("审计链完整 / audit chain intact");

    const countsBefore = (await databaseFigures(target, PROVIDER)).rowCounts;
    const filesBefore = folderState(restoredUploads);
    expect(Object.keys(filesBefore).length).toBeGreaterThan(0);
    await expect(run("npx", ["tsx", "scripts/restore.ts", archive], { env: restoreEnv })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("目标不是空的，拒绝覆盖，未作任何更改 / the target is not empty"),
    });
    expect((await databaseFigures(target, PROVIDER)).rowCounts).toEqual(countsBefore);
    expect(folderState(restoredUploads)).toEqual(filesBefore);
  }, 180_000);

  it("copies the evidence after the database snapshot: an upload between the two is an extra file, never a row without its file", async () => {
    let uploadedKey = "";
    const { manifest, file } = await createBackup({
      databaseUrl: process.env.DATABASE_URL!,
      uploadDir: liveUploads,
      outDir: freshDir("ordered"),
      betweenSteps: async () => {
        const attachment = await addAttachment(await actorFor("wjw"), evidenceReportId, "快照之后.pdf", PDF);
        uploadedKey = attachment.storageKey;
      },
    });
    // Listed before the snapshot, the upload's row would be in the snapshot without its file.
    expect(manifest.evidence.missing).toEqual([]);
    expect(manifest.evidence.files.map((entry) => entry.path)).toContain(uploadedKey);
    expect(manifest.rowCounts.Attachment).toBe((await db.attachment.count()) - 1);
    const handle = await open(file, "r");
    try {
      expect((await listTar(handle)).map((entry) => entry.name)).toContain(`evidence/${uploadedKey}`);
    } finally {
      await handle.close();
    }
  });

  it("restores, then reports a difference from the manifest as a failed check (check_failed: exit 4 on the console)", async () => {
    // The manifest is not signed: one whose counts were edited passes the checksums, and the
    // checks after the restore catch the difference.
    const edited = path.join(workDir, "edited-manifest.tar");
    const source = await open(taken.file, "r");
    const out = await open(edited, "w");
    try {
      const writer = new TarWriter(out);
      for (const entry of await listTar(source)) {
        if (entry.name === "manifest.json") continue;
        await writer.addFile(entry.name, await entrySource(source, entry), entry.size, new Date());
      }
      const manifest = { ...taken.manifest, rowCounts: { ...taken.manifest.rowCounts, User: taken.manifest.rowCounts.User! + 1 } };
      await writer.addBuffer("manifest.json", Buffer.from(JSON.stringify(manifest)));
      await writer.finish();
    } finally {
      await out.close();
      await source.close();
    }
    const target = await scratchDatabaseUrl("edited");
    await expect(
      restoreBackup({ archive: edited, databaseUrl: target, uploadDir: freshDir("edited-uploads"), keyring: auditKeyring() }),
    ).rejects.toMatchObject({ code: "check_failed", message: expect.stringContaining("table User has") });
  });

  it("accepts a target whose migrations were applied but which holds no rows, and replaces its empty tables", async () => {
    const target = await scratchDatabaseUrl("migrated-empty");
    await applyMigrations(target);
    expect(await tablesWithRows(target, PROVIDER)).toEqual([]);
    const result = await restoreBackup({
      archive: taken.file,
      databaseUrl: target,
      uploadDir: freshDir("migrated-uploads"),
      keyring: auditKeyring(),
    });
    expect(result.rows).toBe(Object.values(taken.manifest.rowCounts).reduce((sum, n) => sum + n, 0));
    expect((await databaseFigures(target, PROVIDER)).rowCounts).toEqual(taken.manifest.rowCounts);
  });

  it("refuses an empty database when the evidence folder already holds files, touching neither", async () => {
    const target = await scratchDatabaseUrl("evidence-not-empty");
    const uploads = freshDir("occupied-uploads");
    fs.mkdirSync(uploads, { recursive: true });
    fs.writeFileSync(path.join(uploads, "11111111-1111-4111-8111-111111111111"), "已有的文件");
    const before = folderState(uploads);
    await expect(
      restoreBackup({ archive: taken.file, databaseUrl: target, uploadDir: uploads, keyring: auditKeyring() }),
    ).rejects.toMatchObject({
      code: "target_not_empty",
      message: expect.stringContaining("证明材料目录中已有 1 个文件"),
    });
    expect(await untouched(target)).toBe(true);
    expect(folderState(uploads)).toEqual(before);
  });

  it("refuses a tampered archive (one evidence byte changed) before touching anything", async () => {
    const tampered = path.join(workDir, "tampered.tar");
    fs.copyFileSync(taken.file, tampered);
    const handle = await open(tampered, "r+");
    let victim: string;
    try {
      const entry = (await listTar(handle)).find((candidate) => candidate.name.startsWith("evidence/"))!;
      victim = entry.name;
      const byte = Buffer.alloc(1);
      await handle.read(byte, 0, 1, entry.offset + 20);
      byte[0] = byte[0]! ^ 0x01;
      await handle.write(byte, 0, 1, entry.offset + 20);
    } finally {
      await handle.close();
    }
    const target = await scratchDatabaseUrl("tampered");
    const uploads = freshDir("tampered-uploads");
    await expect(
      restoreBackup({ archive: tampered, databaseUrl: target, uploadDir: uploads, keyring: auditKeyring() }),
    ).rejects.toMatchObject({
      code: "archive_invalid",
      message: expect.stringContaining(`校验和不符 / checksum differs: ${victim}`),
    });
    expect(await untouched(target)).toBe(true);
    expect(fs.existsSync(uploads)).toBe(false);
  });

  it("refuses a backup of the other database type, and one whose audit key is not configured", async () => {
    const other = PROVIDER === "sqlite" ? "postgresql://nobody@127.0.0.1:9/none" : scratchSqliteUrl("other-provider");
    const uploads = freshDir("other-uploads");
    await expect(
      restoreBackup({ archive: taken.file, databaseUrl: other, uploadDir: uploads, keyring: auditKeyring() }),
    ).rejects.toMatchObject({
      code: "provider_mismatch",
      message: expect.stringContaining("不能跨数据库类型恢复"),
    });
    if (PROVIDER === "postgresql") expect(fs.existsSync(other.replace(/^file:/, ""))).toBe(false);

    const target = await scratchDatabaseUrl("wrong-key");
    const wrongKey: AuditKeyring = { currentId: "other", keys: new Map([["other", Buffer.from("another-key-".repeat(4))]]) };
    await expect(restoreBackup({ archive: taken.file, databaseUrl: target, uploadDir: uploads, keyring: wrongKey })).rejects.toMatchObject({
      code: "audit_key",
    });
    expect(await untouched(target)).toBe(true);
    expect(fs.existsSync(uploads)).toBe(false);
  });

  // The SQLite side of the automatic backup before migrations is covered with the migrations;
  // here the PostgreSQL side, which needs pg_dump.
  it.runIf(PROVIDER === "postgresql")(
    "before pending migrations, a PostgreSQL database with data gets a pg_dump in BACKUP_DIR; a fresh or up-to-date one none",
    async () => {
      const backupDir = freshDir("before-migrations");
      const originalBackupDir = process.env.BACKUP_DIR;
      process.env.BACKUP_DIR = backupDir;
      const { url, client } = await copyOfTemplate("pending-migration");
      try {
        expect(await backupBeforeMigrations(url)).toBeNull();
        expect(await backupBeforeMigrations(await scratchDatabaseUrl("fresh"))).toBeNull();
        const latest = await withPostgres(url, async (pg) => {
          const { rows } = await pg.query("SELECT max(migration_name) AS name FROM _prisma_migrations");
          await pg.query("DELETE FROM _prisma_migrations WHERE migration_name = $1", [rows[0].name]);
          return rows[0].name as string;
        });
        const file = await backupBeforeMigrations(url, new Date("2027-01-05T08:30:00Z"));
        expect(path.basename(file!)).toMatch(new RegExp(`-20270105T083000Z-before-${latest}\\.pgdump$`));
        expect(path.dirname(file!)).toBe(backupDir);
        const header = Buffer.alloc(5);
        const handle = await open(file!, "r");
        await handle.read(header, 0, 5, 0);
        await handle.close();
        expect(header.toString("latin1")).toBe("PGDMP");
        expect(await tablesWithRows(url, "postgresql")).toContain("User");
      } finally {
        await client.$disconnect();
        if (originalBackupDir === undefined) delete process.env.BACKUP_DIR;
        else process.env.BACKUP_DIR = originalBackupDir;
      }
    },
  );
});
