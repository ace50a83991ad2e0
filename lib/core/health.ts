import "server-only";
import { readMigrationStatus, type MigrationStatus } from "@/lib/core/db/migration-status";
import { db } from "./db";

export interface HealthReport {
  status: "ok" | "error";
  database: { reachable: boolean };
  migrations: (Pick<MigrationStatus, "applied" | "latest"> & { pending: number; failed: number }) | null;
}

/**
 * Whether the database answers and has every committed migration. Deliberately terse:
 * the endpoint is unauthenticated, so it reports counts, not table or file names.
 */
export async function checkHealth(): Promise<HealthReport> {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { status: "error", database: { reachable: false }, migrations: null };
  }
  const status = await readMigrationStatus(db);
  const healthy = status.pending.length === 0 && status.failed.length === 0;
  return {
    status: healthy ? "ok" : "error",
    database: { reachable: true },
    migrations: {
      applied: status.applied,
      pending: status.pending.length,
      failed: status.failed.length,
      latest: status.latest,
    },
  };
}
