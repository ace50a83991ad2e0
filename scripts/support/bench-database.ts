import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

/**
 * A benchmark's scratch database: `tmp/bench/<name>.db` made afresh (the app's own migrations and
 * seed, demo accounts, demo history if asked), the environment a production server would have,
 * and the demo accounts as actors. Import the app's modules only after this has run: they read
 * DATABASE_URL when first loaded.
 */
export async function scratchDatabase(name: string, options: { demoData: boolean }) {
  const file = path.resolve(`tmp/bench/${name}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  process.env.DATABASE_URL = `file:${file}`;
  process.env.NEXTAUTH_SECRET ??= "bench-only-secret-not-for-any-real-deployment-0123456789";
  (process.env as Record<string, string>).NODE_ENV = "production";

  const { prepareDatabase } = await import("@/lib/core/db/setup");
  await prepareDatabase(process.env.DATABASE_URL, { demoAccounts: true, demoData: options.demoData });
  const { db } = await import("@/lib/core/db");
  const { actorFromUser, userWithUnit } = await import("@/lib/core/auth/sessions");
  const actor = async (username: string) =>
    actorFromUser(await db.user.findUniqueOrThrow({ where: { username }, include: userWithUnit }), null, "127.0.0.1");
  return { file, db, actor };
}

/** Runs `run` and says how long it took, in milliseconds. */
export async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}
