/**
 * `npm run db:copy -- --from file:./data/app.db --to postgresql://…` — moves an office from its
 * SQLite file to PostgreSQL: every app table copied into an EMPTY PostgreSQL database (its own
 * migrations applied first), ids preserved, sequences reset, row counts compared afterwards.
 *
 * Driven by the target's catalogue, not by a list kept here: the tables, their columns and types,
 * the foreign keys (which give the order: referenced tables first, and within a table with a
 * self-reference — units merged into units, plans under plans, items under items — parents before
 * children) and the serial columns come from PostgreSQL, so a new model needs no change here.
 *
 * Types: SQLite keeps DateTime as text (this app's adapter writes ISO 8601 with an offset,
 * `2026-12-01T19:55:16.280+00:00`; SQLite's own CURRENT_TIMESTAMP writes `2026-12-01 19:55:16`,
 * and a millisecond integer is accepted too), Booleans as 0/1 and enums as text; each value is
 * sent with a cast to its column's exact PostgreSQL type (enum types included) and timestamps as
 * UTC text, so the client's time zone never shifts them.
 *
 * The source is read inside one read transaction (a consistent snapshot even while the app still
 * runs, though the app should be stopped so nothing written after the snapshot is left behind);
 * the target is written in one transaction, so a failed copy leaves it empty. The audit table's
 * append-only triggers refuse UPDATE, DELETE and TRUNCATE, not INSERT: its rows are copied as they
 * are, and `verifyAuditChain` checks the chain on the copy with the environment's key.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import pg from "pg";
import { readMigrationsList } from "./migration-files";
import { databaseProvider } from "./provider";
import { applyMigrations } from "./schema-engine";
import { sqliteFilePath } from "./sqlite-adapter";

/** Tables that are bookkeeping, not app data: each side keeps its own. */
const NOT_COPIED = new Set(["_prisma_migrations"]);
/** PostgreSQL allows 65,535 bound values per statement; stay well below it. */
const MAX_VALUES_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 1000;

export class DatabaseCopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseCopyError";
  }
}

interface Column {
  name: string;
  /** format_type(): the exact type to cast to, e.g. `timestamp(3) without time zone`, `"Role"`. */
  type: string;
  /** pg_type.typcategory: B boolean, D date/time, N numeric, S string, E enum, U user-defined (json). */
  category: string;
  serial: boolean;
}

interface Table {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Foreign keys of this table: its columns and the referenced table. */
  references: { columns: string[]; table: string }[];
}

export interface CopiedTable {
  name: string;
  rows: number;
}

export interface CopyResult {
  tables: CopiedTable[];
  /** Migrations applied to the target before copying. */
  appliedMigrations: string[];
  /** Serial columns whose sequence was moved past the copied ids. */
  sequencesReset: number;
  seconds: number;
}

export interface CopyOptions {
  from: string;
  to: string;
  log?: (line: string) => void;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC", application_name: "kepu-db-copy" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The app's tables in the target's current schema, with columns, keys and foreign keys. */
async function readCatalogue(client: pg.Client): Promise<Table[]> {
  const columns = await client.query<{ table: string; column: string; type: string; category: string; serial: boolean }>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type",
            t.typcategory AS "category", coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false) AS "serial"
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const constraints = await client.query<{ table: string; kind: string; columns: string[]; target: string | null }>(
    `SELECT c.relname AS "table", k.contype AS "kind", f.relname AS "target",
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) AS "columns"
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class f ON f.oid = k.confrelid
      WHERE n.nspname = current_schema() AND k.contype IN ('p', 'f')`,
  );
  const tables = new Map<string, Table>();
  for (const row of columns.rows) {
    if (NOT_COPIED.has(row.table)) continue;
    const table = tables.get(row.table) ?? { name: row.table, columns: [], primaryKey: [], references: [] };
    table.columns.push({ name: row.column, type: row.type, category: row.category, serial: row.serial });
    tables.set(row.table, table);
  }
  for (const row of constraints.rows) {
    const table = tables.get(row.table);
    if (!table) continue;
    if (row.kind === "p") table.primaryKey = row.columns;
    else if (row.target) table.references.push({ columns: row.columns, table: row.target });
  }
  return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Referenced tables before the tables that reference them (self-references are handled per row). */
export function dependencyOrder<T extends { name: string; references: { table: string }[] }>(tables: T[]): T[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: T[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: T, path: string[]) => {
    if (state.get(table.name) === "done") return;
    if (state.get(table.name) === "visiting")
      throw new DatabaseCopyError(`外键成环，无法排序 / the foreign keys form a cycle: ${[...path, table.name].join(" → ")}`);
    state.set(table.name, "visiting");
    for (const reference of table.references) {
      const target = byName.get(reference.table);
      if (target && target.name !== table.name) visit(target, [...path, table.name]);
    }
    state.set(table.name, "done");
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

/**
 * Rows of a self-referencing table with every referenced row before the rows pointing at it
 * (an item moved under a newer parent has a smaller id than that parent).
 */
export function parentsFirst(rows: Record<string, unknown>[], key: string, parentColumns: string[]): Record<string, unknown>[] {
  const byKey = new Map(rows.map((row) => [row[key], row]));
  const placed = new Set<unknown>();
  const ordered: Record<string, unknown>[] = [];
  const place = (row: Record<string, unknown>, depth: number) => {
    if (placed.has(row[key])) return;
    if (depth > rows.length) throw new DatabaseCopyError(`自引用成环 / a self-reference forms a cycle at ${String(row[key])}`);
    for (const column of parentColumns) {
      const parent = row[column] === null || row[column] === undefined ? undefined : byKey.get(row[column]);
      if (parent && parent !== row) place(parent, depth + 1);
    }
    placed.add(row[key]);
    ordered.push(row);
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

/** A SQLite DateTime (ISO text with or without offset, SQLite's `YYYY-MM-DD HH:MM:SS`, or epoch ms) as UTC text. */
export function sqliteDateTimeToUtc(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let date: Date;
  if (typeof value === "number" || typeof value === "bigint") date = new Date(Number(value));
  else if (typeof value === "string") {
    const text = value.trim();
    if (/^\d+$/.test(text)) date = new Date(Number(text));
    else {
      // SQLite's CURRENT_TIMESTAMP (and any text without a zone) is UTC.
      const withT = text.replace(/^(\d{4}-\d{2}-\d{2})[ T]/, "$1T");
      date = new Date(/(Z|[+-]\d{2}:?\d{2})$/i.test(withT) || !withT.includes("T") ? withT : `${withT}Z`);
    }
  } else throw new DatabaseCopyError(`无法识别的日期时间值 / not a date-time value: ${String(value)}`);
  if (Number.isNaN(date.getTime())) throw new DatabaseCopyError(`无法识别的日期时间值 / not a date-time value: ${String(value)}`);
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/** One SQLite value as the parameter for a PostgreSQL column. */
export function convertValue(value: unknown, column: Pick<Column, "category" | "type">): unknown {
  if (value === null || value === undefined) return null;
  if (column.category === "B") return value === 1 || value === 1n || value === true || value === "1" || value === "true";
  if (column.category === "D") return column.type.startsWith("timestamp") || column.type === "date" ? sqliteDateTimeToUtc(value) : value;
  if (typeof value === "bigint") return value.toString();
  return value;
}

function sourceMigrationsPending(sqlite: Database.Database): string[] {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  const finished = new Set(
    hasTable
      ? (
          sqlite
            .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
            .all() as { migration_name: string }[]
        ).map((row) => row.migration_name)
      : [],
  );
  return readMigrationsList("sqlite")
    .migrationDirectories.map((directory) => directory.path)
    .filter((name) => !finished.has(name));
}

/** The app tables of the target that already hold a row (empty: the target may be copied into). */
export async function nonEmptyTables(targetUrl: string): Promise<string[]> {
  return withClient(targetUrl, async (client) => {
    const tables = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY 1`,
    );
    const filled: string[] = [];
    for (const { name } of tables.rows) {
      if (NOT_COPIED.has(name)) continue;
      const any = await client.query(`SELECT 1 FROM ${quote(name)} LIMIT 1`);
      if (any.rowCount) filled.push(name);
    }
    return filled;
  });
}

function refuseNonEmpty(filled: string[]): never {
  throw new DatabaseCopyError(
    `目标数据库不是空的（${filled.slice(0, 5).join("、")}${filled.length > 5 ? " 等" : ""}已有数据），不会覆盖：请换一个新建的空数据库。\n` +
      `The target database is not empty (${filled.slice(0, 5).join(", ")}${filled.length > 5 ? ", …" : ""} hold rows) and will not be overwritten: copy into a newly created, empty database.`,
  );
}

/** Copies every app table of the SQLite database `from` into the empty PostgreSQL database `to`. */
export async function copySqliteToPostgres({ from, to, log = () => {} }: CopyOptions): Promise<CopyResult> {
  const started = Date.now();
  if (databaseProvider(from) !== "sqlite")
    throw new DatabaseCopyError(`--from 须为 SQLite 文件（file:…）/ --from must be a SQLite file URL (file:…): ${from}`);
  if (databaseProvider(to) !== "postgresql")
    throw new DatabaseCopyError(`--to 须为 PostgreSQL 地址（postgresql://…）/ --to must be a PostgreSQL URL (postgresql://…)`);
  const file = sqliteFilePath(from);
  if (file === ":memory:" || !fs.existsSync(file))
    throw new DatabaseCopyError(`找不到源数据库文件 / the source database file does not exist: ${file}`);

  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    sqlite.defaultSafeIntegers(false);
    const pending = sourceMigrationsPending(sqlite);
    if (pending.length > 0)
      throw new DatabaseCopyError(
        `源数据库还有未应用的迁移（${pending.join("、")}）：请先对它执行 npm run db:migrate。\n` +
          `The source database lacks migrations (${pending.join(", ")}): run npm run db:migrate on it first.`,
      );

    // Refuse before touching the target at all, then migrate it, then look again.
    let filled = await nonEmptyTables(to);
    if (filled.length > 0) refuseNonEmpty(filled);
    const appliedMigrations = await applyMigrations(to);
    if (appliedMigrations.length > 0) log(`目标库已应用迁移 / migrations applied to the target: ${appliedMigrations.join(", ")}`);
    filled = await nonEmptyTables(to);
    if (filled.length > 0) refuseNonEmpty(filled);

    return await withClient(to, async (client) => {
      const tables = dependencyOrder(await readCatalogue(client));
      const sourceTables = new Set(
        (
          sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
        ).map((row) => row.name),
      );
      for (const table of tables) {
        if (!sourceTables.has(table.name))
          throw new DatabaseCopyError(`源数据库缺少表 / the source has no table ${table.name}: are both at the same release?`);
        const sourceColumns = new Set(
          (sqlite.prepare(`PRAGMA table_info(${quote(table.name)})`).all() as { name: string }[]).map((row) => row.name),
        );
        const missing = table.columns.filter((column) => !sourceColumns.has(column.name)).map((column) => column.name);
        const extra = [...sourceColumns].filter((name) => !table.columns.some((column) => column.name === name));
        if (missing.length > 0 || extra.length > 0)
          throw new DatabaseCopyError(
            `表 ${table.name} 的列两边不一致 / the columns of ${table.name} differ between the databases` +
              (missing.length ? `; 源库缺少 / missing in the source: ${missing.join(", ")}` : "") +
              (extra.length ? `; 目标库缺少 / missing in the target: ${extra.join(", ")}` : ""),
          );
      }
      const unknown = [...sourceTables].filter((name) => !NOT_COPIED.has(name) && !tables.some((table) => table.name === name));
      if (unknown.length > 0)
        throw new DatabaseCopyError(`目标库缺少表 / the target has no table for: ${unknown.join(", ")} (are both at the same release?)`);

      const copied: CopiedTable[] = [];
      let sequencesReset = 0;
      // One snapshot of the source, one transaction on the target.
      sqlite.exec("BEGIN");
      await client.query("BEGIN");
      try {
        for (const table of tables) {
          const rows = await copyTable(sqlite, client, table);
          copied.push({ name: table.name, rows });
          log(`  ${table.name}: ${rows}`);
        }
        for (const table of tables)
          for (const column of table.columns.filter((candidate) => candidate.serial)) {
            await client.query(
              `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(column.name)}) FROM ${quote(table.name)}), 0) + 1, false)`,
              [quote(table.name), column.name],
            );
            sequencesReset += 1;
          }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        sqlite.exec("COMMIT");
      }
      return { tables: copied, appliedMigrations, sequencesReset, seconds: (Date.now() - started) / 1000 };
    });
  } finally {
    sqlite.close();
  }
}

async function copyTable(sqlite: Database.Database, client: pg.Client, table: Table): Promise<number> {
  const names = table.columns.map((column) => column.name);
  const order = table.primaryKey.length > 0 ? table.primaryKey : ["rowid"];
  const select = sqlite.prepare(`SELECT ${names.map(quote).join(", ")} FROM ${quote(table.name)} ORDER BY ${order.map(quote).join(", ")}`);
  const selfColumns = table.references.filter((reference) => reference.table === table.name).flatMap((reference) => reference.columns);
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_VALUES_PER_STATEMENT / names.length)));
  const casts = table.columns.map((column) => column.type);
  const insert = async (batch: Record<string, unknown>[]) => {
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const placeholders = table.columns.map((column, index) => {
        values.push(convertValue(row[column.name], column));
        return `$${values.length}::${casts[index]}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    await client.query(`INSERT INTO ${quote(table.name)} (${names.map(quote).join(", ")}) VALUES ${tuples.join(", ")}`, values);
  };
  let count = 0;
  if (selfColumns.length > 0 && table.primaryKey.length === 1) {
    // A self-referencing table (units, plans, plan items: thousands of rows at most) is sorted whole.
    const rows = parentsFirst(select.all() as Record<string, unknown>[], table.primaryKey[0]!, selfColumns);
    for (let start = 0; start < rows.length; start += perStatement) await insert(rows.slice(start, start + perStatement));
    return rows.length;
  }
  let batch: Record<string, unknown>[] = [];
  // Read a batch, write it, read on: the iterator stays open across the awaits (nothing else uses this connection).
  for (const row of select.iterate() as IterableIterator<Record<string, unknown>>) {
    batch.push(row);
    if (batch.length === perStatement) {
      await insert(batch);
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await insert(batch);
    count += batch.length;
  }
  return count;
}

export interface CountCheck {
  name: string;
  source: number;
  target: number;
}

/** Row counts of every copied table on both sides; the tables whose counts differ are the ones to look at. */
export async function compareCounts(from: string, to: string): Promise<CountCheck[]> {
  const sqlite = new Database(sqliteFilePath(from), { readonly: true, fileMustExist: true });
  try {
    return await withClient(to, async (client) => {
      const tables = await readCatalogue(client);
      const checks: CountCheck[] = [];
      for (const table of tables) {
        const source = (sqlite.prepare(`SELECT count(*) AS n FROM ${quote(table.name)}`).get() as { n: number }).n;
        const target = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table.name)}`)).rows[0]!.n);
        checks.push({ name: table.name, source, target });
      }
      return checks;
    });
  } finally {
    sqlite.close();
  }
}
