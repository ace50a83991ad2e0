/**
 * manifest.json, the last entry of every backup archive: what the archive holds and the figures a
 * restore is checked against. The audit HMAC key is deliberately not in the archive.
 */
import { z } from "zod";

export const MANIFEST_NAME = "manifest.json";
export const MANIFEST_FORMAT = "kepu-backup";
export const DATABASE_ENTRY = { sqlite: "database/app.db", postgresql: "database/postgresql.pgdump" } as const;
export const EVIDENCE_PREFIX = "evidence/";

export const AUDIT_KEY_NOTE =
  "审计链的 HMAC 密钥（AUDIT_HMAC_KEY / AUDIT_HMAC_KEY_FILE）不在备份中：它是单独保管的机密，请另行备份密钥文件；恢复后校验审计链需要它。 " +
  "The audit chain's HMAC key (AUDIT_HMAC_KEY / AUDIT_HMAC_KEY_FILE) is not in this archive: it is a secret kept apart; back up the key file separately. Verifying the restored chain needs it.";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  provider: z.enum(["sqlite", "postgresql"]),
  database: z.object({
    path: z.string(),
    size: z.number().int().nonnegative(),
    sha256,
    format: z.enum(["sqlite", "pg_dump-custom"]),
    postgres: z.object({ serverMajor: z.number().int(), pgDumpMajor: z.number().int() }).optional(),
  }),
  migration: z.object({ latest: z.string().nullable() }),
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  evidence: z.object({
    count: z.number().int().nonnegative(),
    totalBytes: z.number().int().nonnegative(),
    files: z.array(z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256 })),
    /** Storage keys the snapshot's attachments name whose file was not in UPLOAD_DIR (should be empty). */
    missing: z.array(z.string()),
  }),
  audit: z.object({
    head: z.object({ id: z.number().int(), hash: z.string(), keyId: z.string().nullable() }).nullable(),
    key: z.string(),
  }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
