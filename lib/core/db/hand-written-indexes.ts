/**
 * Indexes the migrations create by hand because prisma/schema.prisma cannot hold them. Prisma 7.10
 * has partial indexes only as a preview (`partialIndexes`, `@@unique(…, where: …)`), and the WASM
 * schema engine cannot introspect a SQLite database holding one through better-sqlite3 (it quotes the
 * index name as a string with double quotes, which better-sqlite3's SQLite refuses: "column not found"),
 * so the drift check and `npm run db:migration` would fail. They are therefore left out of the schema,
 * written into both providers' migrations, and dropped from the scratch database before the engine
 * compares it with the schema (lib/core/db/schema-engine.ts diffDatabaseToSchema); the PostgreSQL
 * drift test lists them among its hand-written extras.
 */
export const HAND_WRITTEN_INDEXES = [
  {
    name: "IndicatorValue_citywide_key",
    table: "IndicatorValue",
    /** One city-wide value (districtId empty) per indicator and year: NULLs are distinct in the schema's unique index. */
    definition: `CREATE UNIQUE INDEX "IndicatorValue_citywide_key" ON "IndicatorValue"("indicatorId", "year") WHERE "districtId" IS NULL`,
    migration: "20261201230500_citywide_indicator_value_unique",
  },
] as const;
