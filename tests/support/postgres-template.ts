/**
 * The PostgreSQL side of the integration suite (vitest project "postgresql"): one throwaway
 * server per run (scripts/support/postgres-cluster.ts), a template database migrated and seeded
 * through the same code path as `npm start`, and a private copy of it per test file
 * (`CREATE DATABASE … TEMPLATE`), as the SQLite project copies its template file.
 */
import pg from "pg";

export const TEMPLATE_DATABASE = "kepu_template";

/** Runs `fn` with one connection to the given database URL. */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Closes every connection to the template and forbids new ones, so it can be copied. */
export async function sealTemplate(adminUrl: string) {
  await withPgClient(adminUrl, async (client) => {
    await client.query(`ALTER DATABASE "${TEMPLATE_DATABASE}" WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
      TEMPLATE_DATABASE,
    ]);
  });
}

/** A new database copied from the seeded template; returns its URL. */
export async function copyTemplateDatabase(adminUrl: string, label: string): Promise<string> {
  const name = `${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withPgClient(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
        return;
      } catch (error) {
        // Two files copying the template at the same instant: PostgreSQL refuses the second ("being accessed by other users").
        if (attempt >= 20 || !String(error).includes("being accessed")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty database (not migrated); returns its URL. */
export async function createEmptyDatabase(adminUrl: string, label: string): Promise<string> {
  const name = `${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withPgClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
