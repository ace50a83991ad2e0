/**
 * The throwaway PostgreSQL server (scripts/support/postgres-cluster.ts): tests run it without
 * durability (fast), the load benchmark with PostgreSQL's own durable defaults, so its figures
 * compare fairly with SQLite's synchronous=FULL.
 */
import { describe, expect, inject, it } from "vitest";
import { startThrowawayPostgres } from "@/scripts/support/postgres-cluster";
import { withPgClient } from "../support/postgres-template";

const settings = (url: string) =>
  withPgClient(url, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name",
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
  });

// Needs the PostgreSQL binaries the postgresql project already relies on; the sqlite project may run without them.
describe.runIf(process.env.TEST_DATABASE_PROVIDER === "postgresql")("the throwaway PostgreSQL server", () => {
  it("runs the test suite's server without durability", async () => {
    expect(await settings(inject("postgresAdminUrl"))).toEqual({ fsync: "off", full_page_writes: "off", synchronous_commit: "off" });
  });

  it("keeps every commit durable when asked (the benchmark's server)", async () => {
    const server = await startThrowawayPostgres({ durable: true });
    try {
      expect(await settings(server.url())).toEqual({ fsync: "on", full_page_writes: "on", synchronous_commit: "on" });
    } finally {
      server.stop();
    }
  });
});
