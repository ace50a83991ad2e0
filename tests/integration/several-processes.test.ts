import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { sqliteFilePath } from "@/lib/core/db/sqlite-adapter";
import { scratchDatabaseUrl } from "../support/scratch-db";

const url = scratchDatabaseUrl("several-processes");
const client = createPrismaClient(url);
afterAll(() => client.$disconnect());

/** Another process writing to the same file, as a second server process would (better-sqlite3, its own connection). */
function writeFromAnotherProcess(file: string): Promise<{ code: number | null; stderr: string }> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)}, { timeout: 10000 });
    db.exec("BEGIN IMMEDIATE; UPDATE Counter SET value = value + 1 WHERE id = 1; COMMIT;");
    db.close();`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd() });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("several server processes on one SQLite file (issue 16: both cores serve requests)", () => {
  it("a transaction that reads and then writes holds the write lock from its start: another process's write waits, nothing is lost or refused", async () => {
    await client.$executeRawUnsafe("CREATE TABLE Counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");
    await client.$executeRawUnsafe("INSERT INTO Counter (id, value) VALUES (1, 0)");
    let other: ReturnType<typeof writeFromAnotherProcess> | undefined;
    await client.$transaction(async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ value: number | bigint }[]>("SELECT value FROM Counter WHERE id = 1");
      // The other process tries to write while this transaction is between its read and its write.
      other = writeFromAnotherProcess(sqliteFilePath(url));
      await new Promise((resolve) => setTimeout(resolve, 700));
      // With a DEFERRED begin the other process would have committed by now and this write would fail (SQLITE_BUSY).
      await tx.$executeRawUnsafe(`UPDATE Counter SET value = ${Number(row!.value) + 1} WHERE id = 1`);
    });
    const result = await other!;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [after] = await client.$queryRawUnsafe<{ value: number | bigint }[]>("SELECT value FROM Counter WHERE id = 1");
    expect(Number(after!.value)).toBe(2);
  });
});
