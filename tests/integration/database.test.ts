import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";

// The PRAGMAs as the app sees them: read through the app's own client, not a side connection.
describe("the app's database connection", () => {
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
