/**
 * One set of models, two providers. prisma/schema.prisma (SQLite) is the file people edit;
 * prisma/postgresql/schema.prisma is derived from it by `npm run db:migration` (which also writes
 * both providers' migrations) and differs only in its generator output and datasource provider.
 * tests/integration/schema-drift.test.ts fails when the two files' models differ.
 */
export const SQLITE_GENERATOR_OUTPUT = "../lib/generated/prisma";
export const POSTGRES_GENERATOR_OUTPUT = "../../lib/generated/prisma-postgresql";

const HEADER_NOTE =
  "// GENERATED from prisma/schema.prisma by `npm run db:migration`: edit that file, not this one.\n" +
  "// The models are identical; only the datasource provider and the client's output differ.\n\n";

/** The PostgreSQL twin of the SQLite schema text. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const output = `output       = "${SQLITE_GENERATOR_OUTPUT}"`;
  const provider = 'provider = "sqlite"';
  if (!sqliteSchema.includes(output) || !sqliteSchema.includes(provider)) {
    throw new Error("prisma/schema.prisma no longer has the generator output or sqlite provider this script rewrites");
  }
  return (
    HEADER_NOTE + sqliteSchema.replace(output, `output       = "${POSTGRES_GENERATOR_OUTPUT}"`).replace(provider, 'provider = "postgresql"')
  );
}

/** Everything after the datasource block: the models and enums both files must share verbatim. */
export function modelsOf(schema: string): string {
  const start = schema.search(/^datasource db \{[^}]*\}\s*$/m);
  if (start < 0) throw new Error("schema has no datasource block");
  return schema.slice(schema.indexOf("}", start) + 1).trim();
}
