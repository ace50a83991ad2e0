/**
 * Which database a URL names. `file:…` (the default) is the embedded SQLite file; `postgresql://…`
 * (or `postgres://…`) is a PostgreSQL server reached through `@prisma/adapter-pg`. The models are
 * the same for both (prisma/schema.prisma and its PostgreSQL twin prisma/postgresql/schema.prisma);
 * the SQL of their migrations differs, so each provider has its own migrations folder.
 */
export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(databaseUrl: string): DatabaseProvider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(`Unsupported DATABASE_URL: expected "file:…" (SQLite) or "postgresql://…" (PostgreSQL)`);
}

export function isPostgres(databaseUrl: string): boolean {
  return databaseProvider(databaseUrl) === "postgresql";
}

/**
 * Which database a Prisma client (or an interactive transaction's client) talks to, read from the
 * client itself: scripts and tests build clients for URLs other than DATABASE_URL, so the
 * environment is not the answer. Every generated client carries its schema's provider.
 */
export function clientProvider(client: object): DatabaseProvider {
  const active = (client as { _activeProvider?: unknown })._activeProvider;
  if (active === "postgresql" || active === "sqlite") return active;
  throw new Error(`Cannot tell the database provider of this Prisma client (${String(active)})`);
}
