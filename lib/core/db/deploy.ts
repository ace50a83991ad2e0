import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { SeedOptions } from "@/lib/seed";
import { databaseProvider } from "./provider";
import { prepareDatabase, type SetupResult } from "./setup";
import { sqliteFilePath } from "./sqlite-adapter";

/**
 * `npm run db:deploy` (and the database step of `npm start`): migrations, then seed data into
 * empty tables, as one job under a lock, so that several instances or deploy jobs starting at
 * the same moment never migrate or seed the same database twice. The second job waits for the
 * first, then finds nothing left to do.
 *
 * - PostgreSQL: a session-level advisory lock (`pg_advisory_lock`) held on a dedicated connection
 *   for the whole job; the server releases it if the job dies, so a crashed job never blocks the
 *   next one.
 * - SQLite: a lock file beside the database (`<file>.deploy-lock`, created exclusively) holding the
 *   job's pid and host; a lock left by a process that no longer runs on this host is taken over.
 */

/** The advisory lock key of the deploy job (any 64-bit number no other code uses; "kepu" in ASCII + 1). */
export const DEPLOY_LOCK_KEY = 0x6b65_7075_0001n;

export interface DeployResult extends SetupResult {
  /** Whether another job held the lock when this one started (it waited for it). */
  waitedForLock: boolean;
}

export interface DeployOptions extends SeedOptions {
  /** Called once when the lock is held by another job and this one starts waiting. */
  onWait?: () => void;
  /** How long to wait for the lock before giving up (default 15 minutes). */
  lockTimeoutMs?: number;
}

export class DeployLockTimeoutError extends Error {
  constructor(what: string) {
    super(`等待数据库部署锁超时：另一个部署任务仍在运行 / Timed out waiting for the deploy lock: another job still holds it (${what})`);
    this.name = "DeployLockTimeoutError";
  }
}

const DEFAULT_LOCK_TIMEOUT_MS = 15 * 60_000;

/** Runs migrations and seed-if-empty under the deploy lock. */
export async function deployDatabase(databaseUrl: string, options: DeployOptions): Promise<DeployResult> {
  const { onWait, lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS, ...seedOptions } = options;
  const lock = databaseProvider(databaseUrl) === "postgresql" ? withPostgresLock : withSqliteLockFile;
  return lock(databaseUrl, lockTimeoutMs, onWait ?? (() => {}), async (waitedForLock) => ({
    ...(await prepareDatabase(databaseUrl, seedOptions)),
    waitedForLock,
  }));
}

type LockedJob<T> = (waitedForLock: boolean) => Promise<T>;

async function withPostgresLock<T>(databaseUrl: string, timeoutMs: number, onWait: () => void, job: LockedJob<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "kepu-portal db:deploy" });
  await client.connect();
  try {
    const key = DEPLOY_LOCK_KEY.toString();
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [key]);
    const waited = !rows[0]?.locked;
    if (waited) {
      onWait();
      await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
      try {
        await client.query("SELECT pg_advisory_lock($1::bigint)", [key]);
      } catch (error) {
        if ((error as { code?: string }).code === "55P03") throw new DeployLockTimeoutError(`pg_advisory_lock(${key})`);
        throw error;
      }
    }
    try {
      return await job(waited);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock file whose owner is gone (same host, process no longer running) may be taken over. */
function isStale(lockFile: string): boolean {
  try {
    const [pid, host] = fs.readFileSync(lockFile, "utf8").trim().split(" ");
    if (host !== os.hostname()) return false;
    return !processIsAlive(Number(pid));
  } catch {
    // Unreadable or just removed: try again.
    return false;
  }
}

async function withSqliteLockFile<T>(databaseUrl: string, timeoutMs: number, onWait: () => void, job: LockedJob<T>): Promise<T> {
  const lockFile = `${sqliteFilePath(databaseUrl)}.deploy-lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, `${process.pid} ${os.hostname()}\n`, { flag: "wx", mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (isStale(lockFile)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (!waited) onWait();
      waited = true;
      if (Date.now() > deadline) throw new DeployLockTimeoutError(lockFile);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await job(waited);
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}
