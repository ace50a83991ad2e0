import fs from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "./provider";

/** The schema people edit (SQLite) and the folder of its migrations. */
export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");
/** The PostgreSQL twin of the schema (same models) and its own migrations. */
export const POSTGRES_SCHEMA_PATH = path.resolve(process.cwd(), "prisma/postgresql/schema.prisma");
export const POSTGRES_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/postgresql/migrations");

export function schemaPath(provider: DatabaseProvider = "sqlite"): string {
  return provider === "postgresql" ? POSTGRES_SCHEMA_PATH : SCHEMA_PATH;
}

export function migrationsDir(provider: DatabaseProvider = "sqlite"): string {
  return provider === "postgresql" ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR;
}

/** The committed migrations of a provider, oldest first, in the engine's input format. */
export function readMigrationsList(provider: DatabaseProvider = "sqlite") {
  const dir = migrationsDir(provider);
  const directories = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}
