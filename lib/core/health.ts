import "server-only";
import { readMigrationStatus, type MigrationStatus } from "@/lib/core/db/migration-status";
import { db } from "./db";
import { evidenceStorageStatus, type EvidenceStorageStatus } from "./files/storage";

export interface HealthReport {
  status: "ok" | "error";
  database: { reachable: boolean };
  migrations: (Pick<MigrationStatus, "applied" | "latest"> & { pending: number; failed: number }) | null;
  /** The evidence folder (UPLOAD_DIR): writable, and free space against UPLOAD_MIN_FREE_MB. */
  evidence: Omit<EvidenceStorageStatus, "ok">;
}

/**
 * Whether the database answers and has every committed migration, and whether evidence can
 * still be stored (UPLOAD_DIR writable, free space above UPLOAD_MIN_FREE_MB). Deliberately terse:
 * the endpoint is unauthenticated, so it reports counts, not table or file names.
 */
export async function checkHealth(): Promise<HealthReport> {
  const { ok: evidenceOk, ...evidence } = await evidenceStorageStatus();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { status: "error", database: { reachable: false }, migrations: null, evidence };
  }
  const status = await readMigrationStatus(db);
  const healthy = status.pending.length === 0 && status.failed.length === 0 && evidenceOk;
  return {
    status: healthy ? "ok" : "error",
    database: { reachable: true },
    migrations: {
      applied: status.applied,
      pending: status.pending.length,
      failed: status.failed.length,
      latest: status.latest,
    },
    evidence,
  };
}
