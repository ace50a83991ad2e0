/** npm run db:migrate — applies the committed migrations to DATABASE_URL. */
import { backupBeforeMigrations } from "@/lib/core/db/backup";
import { applyMigrations } from "@/lib/core/db/schema-engine";
import { loadScriptEnv } from "./load-env";

const { DATABASE_URL } = loadScriptEnv();
// As `npm start`: a database with data is backed up (BACKUP_DIR) before pending migrations run.
const backupFile = await backupBeforeMigrations(DATABASE_URL);
if (backupFile) console.log(`迁移前备份 / backup before migrating: ${backupFile}`);
const applied = await applyMigrations(DATABASE_URL);
console.log(
  applied.length === 0
    ? `数据库已是最新 / database is up to date (${DATABASE_URL})`
    : `已应用迁移 / applied ${applied.length} migration(s) to ${DATABASE_URL}:\n  ${applied.join("\n  ")}`,
);
