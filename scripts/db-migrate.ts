/** npm run db:migrate — applies the committed migrations to DATABASE_URL. */
import { applyMigrations } from "@/lib/core/db/schema-engine";
import { loadScriptEnv } from "./load-env";

const { DATABASE_URL } = loadScriptEnv();
const applied = await applyMigrations(DATABASE_URL);
console.log(
  applied.length === 0
    ? `数据库已是最新 / database is up to date (${DATABASE_URL})`
    : `已应用迁移 / applied ${applied.length} migration(s) to ${DATABASE_URL}:\n  ${applied.join("\n  ")}`,
);
