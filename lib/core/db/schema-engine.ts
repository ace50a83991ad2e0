/**
 * Migrations without the native schema-engine binary (which Prisma downloads from its
 * own host, unreachable on an intranet): the WASM build of the same engine, driven
 * through the SQLite driver adapter. applyMigrations records rows in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does.
 */
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import BetterSqlite3 from "better-sqlite3";
import { HAND_WRITTEN_INDEXES } from "./hand-written-indexes";
import { readMigrationsList, schemaPath } from "./migration-files";
import { databaseProvider, type DatabaseProvider } from "./provider";
import { ensureDatabaseDirectory, sqliteFilePath } from "./sqlite-adapter";

export { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, SCHEMA_PATH } from "./migration-files";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

type WasmModule = typeof import("@prisma/schema-engine-wasm");
type SchemaEngine = Awaited<ReturnType<WasmModule["SchemaEngine"]["new"]>>;

// One instance per process, kept on globalThis: the bindings file below is a single ES module that
// holds the instance it was given last, so a second instance (a second copy of this module, e.g. the
// two vitest projects' global setups in one process) would swap memories under the first one.
const wasmHolder = globalThis as { kepuSchemaEngineWasm?: Promise<WasmModule> };

// The package's own entry imports the .wasm file as an ES module, which Node cannot do.
// Instantiate it by hand the way that entry does; the `_bg` files are hidden by
// `exports`, so resolve them by path.
function loadWasm(): Promise<WasmModule> {
  wasmHolder.kepuSchemaEngineWasm ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bindings = (await import(pathToFileURL(path.join(packageDir, "schema_engine_bg.js")).href)) as WasmModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    globals.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        throw new Error(`Prisma schema engine panicked: ${message}`);
      },
    };
    const bytes = fs.readFileSync(path.join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return wasmHolder.kepuSchemaEngineWasm;
}

function readSchema(provider: DatabaseProvider): string {
  return fs.readFileSync(schemaPath(provider), "utf8");
}

interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes the connections it opened (it holds an EXCLUSIVE lock). */
  close(): Promise<void>;
}

/**
 * adapter-pg's executeScript splits a script at every `;` and sends the pieces one by one, which
 * breaks a function body (the audit trail's append-only trigger) and a `;` inside a comment. Send
 * the whole migration as one simple-protocol query instead, as the native engine does.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const pool = (adapter as unknown as { underlyingDriver?: () => { query(sql: string): Promise<unknown> } }).underlyingDriver?.();
  if (!pool) throw new Error("adapter-pg no longer exposes its pool: check wholeScripts");
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

function postgresEngineFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg({ connectionString: databaseUrl, max: 2 });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wholeScripts(await inner.connect()),
    connectToShadowDb: async () => wholeScripts(await inner.connectToShadowDb()),
  };
}

function engineAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  if (databaseProvider(databaseUrl) === "postgresql") return postgresEngineFactory(databaseUrl);
  ensureDatabaseDirectory(databaseUrl);
  return new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl) });
}

async function openEngine(databaseUrl: string): Promise<OpenEngine> {
  const { SchemaEngine } = await loadWasm();
  const provider = databaseProvider(databaseUrl);
  const inner = engineAdapterFactory(databaseUrl);
  const opened: SqlDriverAdapter[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await inner.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath(provider), readSchema(provider)]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((adapter) => adapter.dispose()));
    },
  };
}

export class DatabaseInUseError extends Error {
  constructor(databaseUrl: string) {
    super(
      `数据库正被其他进程使用，无法迁移：请先停止正在运行的服务，再执行迁移 / ` +
        `The database ${databaseUrl} is in use by another process (a running server?). Stop it, then migrate.`,
    );
    this.name = "DatabaseInUseError";
  }
}

// The engine takes an EXCLUSIVE lock; another open connection makes SQLite answer BUSY,
// which the engine reports as an unknown `SocketTimeout` variant.
function isBusyError(error: unknown): boolean {
  return error instanceof Error && error.message.includes("SocketTimeout");
}

/** Applies every committed migration not yet recorded in the database. Returns their names. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationsList(databaseProvider(databaseUrl)),
      filters: NO_FILTERS,
    });
    return result.appliedMigrationNames;
  } catch (error) {
    throw isBusyError(error) ? new DatabaseInUseError(databaseUrl) : error;
  } finally {
    await close();
  }
}

/**
 * The SQL that takes the database at `databaseUrl` to the current schema: empty when the
 * database already matches it. Meant for a scratch database: the hand-written indexes the schema
 * does not hold (lib/core/db/hand-written-indexes.ts) are dropped from it first, since the engine
 * can neither introspect them on SQLite nor would it leave them alone.
 */
export async function diffDatabaseToSchema(databaseUrl: string): Promise<string> {
  const scratch = new BetterSqlite3(sqliteFilePath(databaseUrl));
  try {
    for (const index of HAND_WRITTEN_INDEXES) scratch.exec(`DROP INDEX IF EXISTS "${index.name}"`);
  } finally {
    scratch.close();
  }
  const { engine, close } = await openEngine(databaseUrl);
  const schema = { path: schemaPath("sqlite"), content: readSchema("sqlite") };
  try {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return normaliseScript(result.stdout ?? "");
  } finally {
    await close();
  }
}

// An up-to-date diff still prints a comment line; treat it as empty.
function normaliseScript(script: string): string {
  const meaningful = script.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("--"));
  return meaningful.length === 0 ? "" : script.trim() + "\n";
}

/**
 * The PostgreSQL SQL that takes one schema text to another, without reading any database (the engine
 * connects to `scratchUrl`, any reachable PostgreSQL database, but cannot introspect a live PostgreSQL database through adapter-pg). `from: null` is the empty
 * database. Used by `npm run db:migration` (previous PostgreSQL schema → new one) and the drift test.
 */
export async function diffPostgresSchemas(from: string | null, to: string, scratchUrl: string): Promise<string> {
  const { SchemaEngine } = await loadWasm();
  const file = schemaPath("postgresql");
  const factory = postgresEngineFactory(scratchUrl);
  const engine = await SchemaEngine.new({ datamodels: [[file, to]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: file, content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: file, content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return normaliseScript(result.stdout ?? "");
  } finally {
    engine.free();
  }
}
