import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";

const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";

// The PRAGMAs as the app sees them: read through the app's own client, not a side connection.
// SQLite only: PostgreSQL has no PRAGMAs (it always enforces foreign keys and waits for locks).
describe.skipIf(onPostgres)("the app's database connection", () => {
  it("uses WAL journaling", async () => {
    const rows = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(rows[0]?.journal_mode).toBe("wal");
  });

  it("waits at least 5 s for a lock before failing", async () => {
    const rows = await db.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
    expect(Number(rows[0]?.timeout)).toBeGreaterThanOrEqual(5000);
  });

  it("enforces foreign keys", async () => {
    const rows = await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(Number(rows[0]?.foreign_keys)).toBe(1);
  });
});

describe.runIf(onPostgres)("the app's PostgreSQL connection", () => {
  it("runs in UTC, so timestamps and now() read the same on every instance", async () => {
    const rows = await db.$queryRawUnsafe<{ TimeZone: string }[]>("SHOW TimeZone");
    expect(rows[0]?.TimeZone).toBe("UTC");
  });
});
