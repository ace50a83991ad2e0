import "server-only";
import { readMigrationStatus, type MigrationStatus } from "@/lib/core/db/migration-status";
import { databaseProvider, type DatabaseProvider } from "@/lib/core/db/provider";
import { databaseUrl } from "@/lib/core/env";
import { db } from "./db";
import { evidenceStorageStatus, type EvidenceStorageStatus } from "./files/storage";

export interface HealthReport {
  status: "ok" | "error";
  /** Which database DATABASE_URL names ("sqlite" or "postgresql") and whether it answers. */
  database: { provider: DatabaseProvider; reachable: boolean };
  migrations: (Pick<MigrationStatus, "applied" | "latest"> & { pending: number; failed: number }) | null;
  /** The evidence folder (UPLOAD_DIR): writable, and free space against UPLOAD_MIN_FREE_MB. */
  evidence: Omit<EvidenceStorageStatus, "ok">;
}

/** How long one probe of the evidence folder (a file written, synced and removed) stands for. */
export const EVIDENCE_PROBE_TTL_MS = 5_000;

/**
 * What the health check remembers per process, so that a request costs O(1) work however often
 * monitoring (or a load test) asks: the migration state once it is complete (committed migrations
 * are applied before the server starts and never un-applied while it runs; until then every call
 * looks again, so running `npm run db:migrate` turns the check green), and the evidence probe for
 * EVIDENCE_PROBE_TTL_MS per folder and floor.
 */
let migratedStatus: MigrationStatus | undefined;
let evidenceProbe: { key: string; at: number; status: Promise<EvidenceStorageStatus> } | undefined;

function probeEvidence(now: number): Promise<EvidenceStorageStatus> {
  const key = `${process.env.UPLOAD_DIR ?? ""}\n${process.env.UPLOAD_MIN_FREE_MB ?? ""}`;
  if (!evidenceProbe || evidenceProbe.key !== key || now - evidenceProbe.at >= EVIDENCE_PROBE_TTL_MS) {
    evidenceProbe = { key, at: now, status: evidenceStorageStatus() };
  }
  return evidenceProbe.status;
}

/**
 * Whether the database answers and has every committed migration, and whether evidence can
 * still be stored (UPLOAD_DIR writable, free space above UPLOAD_MIN_FREE_MB). Deliberately terse:
 * the endpoint is unauthenticated, so it reports counts, not table or file names.
 * Per call: one `SELECT 1`; the rest is remembered as described above.
 */
export async function checkHealth(now = Date.now()): Promise<HealthReport> {
  const { ok: evidenceOk, ...evidence } = await probeEvidence(now);
  const provider = databaseProvider(databaseUrl());
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { status: "error", database: { provider, reachable: false }, migrations: null, evidence };
  }
  let status = migratedStatus;
  if (!status) {
    status = await readMigrationStatus(db);
    if (status.pending.length === 0 && status.failed.length === 0) migratedStatus = status;
  }
  const healthy = status.pending.length === 0 && status.failed.length === 0 && evidenceOk;
  return {
    status: healthy ? "ok" : "error",
    database: { provider, reachable: true },
    migrations: {
      applied: status.applied,
      pending: status.pending.length,
      failed: status.failed.length,
      latest: status.latest,
    },
    evidence,
  };
}
