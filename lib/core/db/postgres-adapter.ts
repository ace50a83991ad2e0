import { PrismaPg } from "@prisma/adapter-pg";

/** Connections per server process when DB_POOL_SIZE is not set (pg's own default is 10). */
export const DEFAULT_POOL_SIZE = 10;

function poolSize(): number {
  const raw = Number(process.env.DB_POOL_SIZE);
  return Number.isInteger(raw) && raw >= 1 && raw <= 200 ? raw : DEFAULT_POOL_SIZE;
}

/**
 * A driver adapter factory for PostgreSQL: one `pg` pool per client, opened at the first query.
 * Every connection runs in UTC so `now()` and timestamps read the same on every instance.
 */
export function createPostgresAdapterFactory(databaseUrl: string): PrismaPg {
  return new PrismaPg({
    connectionString: databaseUrl,
    max: poolSize(),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    options: "-c TimeZone=UTC",
    application_name: "kepu-portal",
  });
}
