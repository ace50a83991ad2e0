/**
 * `BENCH_DATABASE=postgresql npm run bench:load` (or `npm run bench:load -- --postgresql`): the same
 * loads on PostgreSQL at the same data size. A throwaway PostgreSQL server (Debian's package,
 * scripts/support/postgres-cluster.ts) is started DURABLE — fsync, synchronous_commit and full-page
 * writes on, PostgreSQL's defaults: every acknowledged commit is on disk, as SQLite's
 * synchronous=FULL guarantees — and the SQLite load database is copied into it with `npm run
 * db:copy`'s code (lib/core/db/copy.ts), so both providers serve exactly the same rows.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { copySqliteToPostgres } from "@/lib/core/db/copy";
import { DEFAULT_POOL_SIZE } from "@/lib/core/db/postgres-adapter";
import { applyMigrations } from "@/lib/core/db/schema-engine";
import { startThrowawayPostgres } from "./postgres-cluster";

export type BenchDatabase = "sqlite" | "postgresql";

/** Which provider the load benchmark runs on: BENCH_DATABASE=postgresql or `--postgresql`; SQLite otherwise. */
export function benchDatabase(env: Record<string, string | undefined> = process.env, argv: string[] = process.argv): BenchDatabase {
  const named = (env.BENCH_DATABASE ?? "").trim().toLowerCase();
  if (argv.includes("--postgresql") || named === "postgresql" || named === "postgres") return "postgresql";
  if (named === "" || named === "sqlite") return "sqlite";
  throw new Error(`BENCH_DATABASE must be "sqlite" or "postgresql", not "${env.BENCH_DATABASE}"`);
}

/** One line saying what the figures were measured on (printed above the table). */
export function describeBenchDatabase(database: BenchDatabase, env: Record<string, string | undefined> = process.env): string {
  if (database === "sqlite") return `database: SQLite (synchronous=${env.DB_SYNCHRONOUS?.trim() || "FULL"}, WAL)`;
  const pool = Number(env.DB_POOL_SIZE) || DEFAULT_POOL_SIZE;
  return `database: PostgreSQL (throwaway server, durable: fsync, synchronous_commit and full_page_writes on, shared_buffers 64 MB; pool ${pool} connections per server process)`;
}

export interface BenchPostgres {
  url: string;
  copySeconds: number;
  stop(): void;
}

/** Starts the durable throwaway server and copies the SQLite database at `sqliteUrl` into it. */
export async function startBenchPostgres(sqliteUrl: string, log: (line: string) => void): Promise<BenchPostgres> {
  // The copy wants both sides at the same release: bring the scratch file up to date first (as
  // `npm start` would on the SQLite run).
  await applyMigrations(sqliteUrl);
  const server = await startThrowawayPostgres({ durable: true });
  try {
    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    await client.query(`CREATE DATABASE "kepu_bench"`);
    await client.end();
    const url = server.url("kepu_bench");
    log(`copying ${sqliteUrl} into PostgreSQL (port ${server.port}) …`);
    const begun = performance.now();
    const copied = await copySqliteToPostgres({ from: sqliteUrl, to: url });
    const copySeconds = (performance.now() - begun) / 1000;
    log(`copied ${copied.tables.reduce((sum, table) => sum + table.rows, 0)} rows in ${copySeconds.toFixed(0)} s`);
    // Fresh statistics for the planner, as autovacuum would gather them after a bulk load.
    const analyse = new pg.Client({ connectionString: url });
    await analyse.connect();
    await analyse.query("ANALYZE");
    await analyse.end();
    return { url, copySeconds, stop: server.stop };
  } catch (error) {
    server.stop();
    throw error;
  }
}
