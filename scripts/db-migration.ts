/**
 * npm run db:migration -- <name>
 * Writes the next migration for both providers after a change to prisma/schema.prisma:
 * - SQLite: replays the committed migrations into a scratch database, diffs it against the schema
 *   and saves the difference as prisma/migrations/<timestamp>_<name>/migration.sql;
 * - PostgreSQL: diffs the previous prisma/postgresql/schema.prisma (the state its migrations
 *   produce) against the new one, in a throwaway PostgreSQL server (the engine needs a connection
 *   but reads nothing from it), saves prisma/postgresql/migrations/<timestamp>_<name>/migration.sql
 *   and rewrites prisma/postgresql/schema.prisma from prisma/schema.prisma.
 * Then run `npm run db:generate`. Hand-written SQL (triggers, partial indexes) goes into both
 * files by hand; tests/integration/schema-drift.test.ts checks that both folders still produce the schema.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  applyMigrations,
  diffDatabaseToSchema,
  diffPostgresSchemas,
  MIGRATIONS_DIR,
  POSTGRES_MIGRATIONS_DIR,
  SCHEMA_PATH,
} from "@/lib/core/db/schema-engine";
import { POSTGRES_SCHEMA_PATH } from "@/lib/core/db/migration-files";
import { postgresSchemaFrom } from "@/lib/core/db/schema-variants";
import { startThrowawayPostgres } from "./support/postgres-cluster";

function writeMigration(baseDir: string, folder: string, sql: string, provider: string) {
  const dir = path.join(baseDir, folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  const lock = path.join(baseDir, "migration_lock.toml");
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(lock, `# Written by scripts/db-migration.ts, as prisma migrate does.\nprovider = "${provider}"\n`);
  }
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql:\n\n${sql}`);
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("用法 / usage: npm run db:migration -- <name>   (name: lowercase letters, digits and _)");
    process.exit(2);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;

  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), "migration-"));
  const scratchUrl = `file:${path.join(scratchDir, "scratch.db")}`;
  try {
    await applyMigrations(scratchUrl);
    const sql = await diffDatabaseToSchema(scratchUrl);
    if (sql === "") console.log("SQLite: the committed migrations already produce prisma/schema.prisma: nothing to write.");
    else writeMigration(MIGRATIONS_DIR, folder, sql, "sqlite");
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }

  const previous = fs.readFileSync(POSTGRES_SCHEMA_PATH, "utf8");
  const next = postgresSchemaFrom(fs.readFileSync(SCHEMA_PATH, "utf8"));
  const pg = await startThrowawayPostgres();
  try {
    const sql = await diffPostgresSchemas(previous, next, pg.url());
    if (sql === "") console.log("PostgreSQL: prisma/postgresql/schema.prisma already matches: nothing to write.");
    else writeMigration(POSTGRES_MIGRATIONS_DIR, folder, sql, "postgresql");
  } finally {
    pg.stop();
  }
  fs.writeFileSync(POSTGRES_SCHEMA_PATH, next);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
