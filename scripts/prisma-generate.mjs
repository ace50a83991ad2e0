// Generates the Prisma clients (lib/generated/prisma for SQLite, lib/generated/prisma-postgresql
// for PostgreSQL: the same models, one client per provider) without the native schema engine.
// `prisma generate` never runs that engine but insists that the file exists, and would
// otherwise try to download it from binaries.prisma.sh, which an intranet cannot reach.
// Pointing it at any existing file (node itself) is enough.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");
for (const schema of ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"]) {
  const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", schema], {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
