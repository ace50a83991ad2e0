/**
 * One schema, two providers (issue 14): prisma/schema.prisma (SQLite, the file people edit) and its
 * derived PostgreSQL twin must hold the same models, and each provider's committed migrations must
 * produce exactly that schema. The SQLite side of "migrations produce the schema" is
 * tests/integration/migrations.test.ts (the engine diffs the migrated SQLite file against the
 * schema); PostgreSQL cannot be introspected through adapter-pg, so here the migrated database is
 * compared, catalogue against catalogue, with one built from the schema alone.
 */
import fs from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { HAND_WRITTEN_INDEXES } from "@/lib/core/db/hand-written-indexes";
import { POSTGRES_SCHEMA_PATH, SCHEMA_PATH } from "@/lib/core/db/migration-files";
import { applyMigrations, diffPostgresSchemas } from "@/lib/core/db/schema-engine";
import { modelsOf, postgresSchemaFrom } from "@/lib/core/db/schema-variants";
import { createEmptyDatabase, withPgClient } from "../support/postgres-template";

const sqliteSchema = fs.readFileSync(SCHEMA_PATH, "utf8");
const postgresSchema = fs.readFileSync(POSTGRES_SCHEMA_PATH, "utf8");

describe("the two schema files", () => {
  it("hold the same models and enums", () => {
    expect(modelsOf(postgresSchema)).toBe(modelsOf(sqliteSchema));
  });

  it("prisma/postgresql/schema.prisma is exactly what npm run db:migration derives from prisma/schema.prisma", () => {
    // Different: edit prisma/schema.prisma only, then `npm run db:migration -- <name>` rewrites the twin.
    expect(postgresSchema).toBe(postgresSchemaFrom(sqliteSchema));
  });
});

/**
 * What the PostgreSQL migrations add by hand beyond the schema (see the init migration): they are
 * left out of the comparison, and must be present in the migrated database.
 */
const HAND_WRITTEN_POSTGRES_EXTRAS = {
  functions: ["audit_event_append_only"],
  triggers: ["AuditEvent.AuditEvent_no_delete", "AuditEvent.AuditEvent_no_truncate", "AuditEvent.AuditEvent_no_update"],
  /** Partial indexes the schema cannot express (lib/core/db/hand-written-indexes.ts). */
  indexes: HAND_WRITTEN_INDEXES.map((index) => index.name) as string[],
};

/** Tables, columns, indexes, constraints, enums, functions and triggers of a database's current schema. */
async function catalogue(url: string) {
  return withPgClient(url, async (client) => {
    const rows = async (sql: string) => (await client.query(sql)).rows.map((row) => Object.values(row).join(" | "));
    return {
      tables: await rows(`
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
        ORDER BY 1`),
      columns: await rows(`
        SELECT table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, '<none>') AS "default",
          coalesce(character_maximum_length, -1) AS "length", coalesce(numeric_precision, -1) AS "precision",
          coalesce(datetime_precision, -1) AS "timePrecision"
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      // The full definition: uniqueness, method, columns in order, sort order and any predicate.
      indexes: await rows(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
        ORDER BY tablename, indexname`),
      // Primary keys, unique constraints, checks and foreign keys (columns, target, ON DELETE/UPDATE).
      constraints: await rows(`
        SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = current_schema() AND c.conrelid <> 0 AND c.conrelid::regclass::text NOT LIKE '%_prisma_migrations%'
        ORDER BY 1, 2`),
      enums: await rows(`
        SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = current_schema() GROUP BY t.typname ORDER BY 1`),
      functions: await rows(`
        SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() ORDER BY 1`),
      triggers: await rows(`
        SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND NOT t.tgisinternal ORDER BY 1`),
    };
  });
}

type Catalogue = Awaited<ReturnType<typeof catalogue>>;

/** The catalogue without the hand-written extras (an index row starts with "table | name"). */
function withoutExtras(catalogue: Catalogue): Catalogue {
  const extraIndex = (row: string) => HAND_WRITTEN_POSTGRES_EXTRAS.indexes.some((name) => row.split(" | ")[1] === name);
  return {
    ...catalogue,
    indexes: catalogue.indexes.filter((row) => !extraIndex(row)),
    functions: catalogue.functions.filter((name) => !HAND_WRITTEN_POSTGRES_EXTRAS.functions.includes(name)),
    triggers: catalogue.triggers.filter((name) => !HAND_WRITTEN_POSTGRES_EXTRAS.triggers.includes(name)),
  };
}

// Needs the run's PostgreSQL server (project "postgresql"); the SQLite drift check is migrations.test.ts.
describe.runIf(process.env.TEST_DATABASE_PROVIDER === "postgresql")("the committed PostgreSQL migrations", () => {
  it("produce the same tables, columns, indexes, constraints and enums as the schema, plus the hand-written extras", async () => {
    const adminUrl = inject("postgresAdminUrl");
    const migrated = await createEmptyDatabase(adminUrl, "drift_migrated");
    const fromSchema = await createEmptyDatabase(adminUrl, "drift_schema");
    await applyMigrations(migrated);
    const script = await diffPostgresSchemas(null, postgresSchema, fromSchema);
    await withPgClient(fromSchema, (client) => client.query(script));

    const [actual, expected] = await Promise.all([catalogue(migrated), catalogue(fromSchema)]);
    expect(expected.tables.length).toBeGreaterThan(20);
    expect(expected.indexes.length).toBeGreaterThan(expected.tables.length);
    // A difference is what a new migration needs: run `npm run db:migration -- <name>`.
    expect(withoutExtras(actual)).toEqual(withoutExtras(expected));

    expect(actual.functions).toEqual(expect.arrayContaining(HAND_WRITTEN_POSTGRES_EXTRAS.functions));
    expect(actual.triggers).toEqual(expect.arrayContaining(HAND_WRITTEN_POSTGRES_EXTRAS.triggers));
    const indexNames = actual.indexes.map((row) => row.split(" | ")[1]);
    expect(indexNames).toEqual(expect.arrayContaining(HAND_WRITTEN_POSTGRES_EXTRAS.indexes));
  });
});
