import { randomUUID } from "node:crypto";
import { mkdir, open, statfs, unlink } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_UPLOAD_DIR, uploadMinFreeBytes } from "@/lib/core/env";

/** The evidence folder (UPLOAD_DIR), read on every call so it follows the environment it runs in. */
export function uploadDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.UPLOAD_DIR?.trim() || DEFAULT_UPLOAD_DIR);
}

export interface EvidenceStorageStatus {
  /** A file could be created, written, synced and removed in the folder just now. */
  writable: boolean;
  /** Space left for evidence, in whole MB (null when the folder cannot be examined). */
  freeMegabytes: number | null;
  /** The floor below which the health check fails (UPLOAD_MIN_FREE_MB). */
  minFreeMegabytes: number;
  ok: boolean;
}

const MB = 1024 * 1024;

/**
 * Whether uploads would succeed now: the folder takes a real write (root ignores permission
 * bits, so asking `access` would say yes on a read-only mount's sibling), and enough space is
 * left. Counts only, never the path: the health endpoint is unauthenticated.
 */
export async function evidenceStorageStatus(): Promise<EvidenceStorageStatus> {
  const dir = uploadDir();
  const minFree = uploadMinFreeBytes();
  let writable = false;
  let free: number | null = null;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const probe = path.join(dir, `.health-${randomUUID()}.tmp`);
    const handle = await open(probe, "wx", 0o600);
    try {
      await handle.writeFile("ok");
      await handle.sync();
    } finally {
      await handle.close();
      await unlink(probe).catch(() => {});
    }
    writable = true;
  } catch {
    writable = false;
  }
  try {
    const stats = await statfs(dir);
    free = Number(stats.bavail) * Number(stats.bsize);
  } catch {
    free = null;
  }
  return {
    writable,
    freeMegabytes: free === null ? null : Math.floor(free / MB),
    minFreeMegabytes: Math.round(minFree / MB),
    ok: writable && free !== null && free >= minFree,
  };
}
