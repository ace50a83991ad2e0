import type { TestProject } from "vitest/node";
import { prepareDatabase } from "@/lib/core/db/setup";
import { startThrowawayPostgres } from "@/scripts/support/postgres-cluster";
import { sealTemplate, TEMPLATE_DATABASE, withPgClient } from "./postgres-template";
import { TEST_TMP_DIR } from "./paths";
import fs from "node:fs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The throwaway PostgreSQL server's superuser URL (database `postgres`). */
    postgresAdminUrl: string;
  }
}

// One throwaway PostgreSQL server per run (Debian's `postgresql` package; the error says how to
// install it when missing) with the template database migrated and seeded like `npm start` does.
export default async function setup(project: TestProject) {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  const server = await startThrowawayPostgres();
  try {
    const adminUrl = server.url();
    await withPgClient(adminUrl, (client) => client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`));
    const templateUrl = new URL(adminUrl);
    templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
    await prepareDatabase(templateUrl.toString(), { demoAccounts: true });
    await sealTemplate(adminUrl);
    project.provide("postgresAdminUrl", adminUrl);
  } catch (error) {
    server.stop();
    throw error;
  }
  return () => server.stop();
}
