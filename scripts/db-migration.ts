/**
 * npm run db:migration -- <name>
 * Writes the next SQL migration after a change to prisma/schema.prisma: replays the
 * committed migrations into a scratch database, diffs it against the schema and saves
 * the difference as prisma/migrations/<timestamp>_<name>/migration.sql.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, diffDatabaseToSchema, MIGRATIONS_DIR } from "@/lib/core/db/schema-engine";

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("用法 / usage: npm run db:migration -- <name>   (name: lowercase letters, digits and _)");
    process.exit(2);
  }
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), "migration-"));
  const scratchUrl = `file:${path.join(scratchDir, "scratch.db")}`;
  try {
    await applyMigrations(scratchUrl);
    const sql = await diffDatabaseToSchema(scratchUrl);
    if (sql === "") {
      console.log("The committed migrations already produce prisma/schema.prisma: nothing to write.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    if (!fs.existsSync(lock)) {
      fs.writeFileSync(lock, '# Written by scripts/db-migration.ts, as prisma migrate does.\nprovider = "sqlite"\n');
    }
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql:\n\n${sql}`);
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
