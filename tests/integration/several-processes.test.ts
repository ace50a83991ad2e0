import { spawn } from "node:child_process";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { sqliteFilePath } from "@/lib/core/db/sqlite-adapter";
import { scratchSqliteUrl } from "../support/scratch-db";

const url = scratchSqliteUrl("several-processes");
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

/** Another process that takes the write lock and holds it for `holdMs`; resolves `locked` once it holds it. */
function holdWriteLockInAnotherProcess(file: string, holdMs: number) {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)}, { timeout: 10000 });
    db.exec("BEGIN IMMEDIATE; UPDATE Counter SET value = value * 10 WHERE id = 1;");
    process.stdout.write("locked\\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs});
    db.exec("COMMIT");
    db.close();`;
  const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd() });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const locked = new Promise<void>((resolve) => child.stdout.on("data", (chunk) => String(chunk).includes("locked") && resolve()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
  return { locked, exited };
}

// SQLite only (BEGIN IMMEDIATE on a scratch file); PostgreSQL's concurrent writers: concurrent-writes.test.ts.
describe.skipIf(process.env.TEST_DATABASE_PROVIDER === "postgresql")(
  "several server processes on one SQLite file (issue 16: both cores serve requests)",
  () => {
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

    it("a transaction waiting for another process's write lock leaves this process free to answer meanwhile, then commits after it", async () => {
      await client.$executeRawUnsafe("UPDATE Counter SET value = 1 WHERE id = 1");
      const other = holdWriteLockInAnotherProcess(sqliteFilePath(url), 800);
      await other.locked;
      // A timer every 10 ms stands in for the requests this process answers while it waits.
      let ticks = 0;
      const timer = setInterval(() => (ticks += 1), 10);
      const started = Date.now();
      await client.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("UPDATE Counter SET value = value + 1 WHERE id = 1");
      });
      const waited = Date.now() - started;
      clearInterval(timer);
      expect((await other.exited).code).toBe(0);
      // It waited for the other process's commit (1 × 10, then + 1)…
      const [after] = await client.$queryRawUnsafe<{ value: number | bigint }[]>("SELECT value FROM Counter WHERE id = 1");
      expect(Number(after!.value)).toBe(11);
      expect(waited).toBeGreaterThan(300);
      // …without stopping this process: SQLite's own busy handler would sleep on the event loop and no timer would fire.
      expect(ticks).toBeGreaterThan(waited / 10 / 3);
    });
  },
);

type Outcome = "ok" | "throttled" | "refused";

/** Starts a process that runs the app's login() for each attempt at once, when told to go. */
function loginProcess(attempts: { username: string; password: string; ip: string }[], now: Date) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./scripts/support/server-only.mjs",
      "tests/support/login-attempts.ts",
      JSON.stringify({ attempts, now: now.toISOString() }),
    ],
    { cwd: process.cwd(), env: process.env },
  );
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("ready\n")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`login process exited (${code}) before it was ready: ${stderr}`)));
  });
  const done = new Promise<Outcome[]>((resolve, reject) => {
    child.on("exit", (code) => {
      const line = stdout.split("\n").find((text) => text.startsWith("["));
      if (code === 0 && line) resolve(JSON.parse(line) as Outcome[]);
      else reject(new Error(`login process failed (${code}): ${stderr}`));
    });
  });
  return { ready, done, go: () => child.stdin.write("go\n") };
}

/** Two app processes at once, each with its own connection to the test database. */
async function fromTwoProcesses(attempts: (i: number) => { username: string; password: string; ip: string }, each: number, now: Date) {
  const processes = [0, 1].map((p) =>
    loginProcess(
      Array.from({ length: each }, (_, i) => attempts(p * each + i)),
      now,
    ),
  );
  await Promise.all(processes.map((child) => child.ready));
  for (const child of processes) child.go();
  return (await Promise.all(processes.map((child) => child.done))).flat();
}

describe("the login limits hold across server processes (issue 16)", () => {
  const WRONG = "Wrong#pass1";

  beforeEach(async () => {
    const { db } = await import("@/lib/core/db");
    await db.user.updateMany({ data: { failedLoginCount: 0, lockedUntil: null } });
    await db.loginThrottle.deleteMany();
  });

  it("lets one address make no more than LOGIN_ADDRESS_MAX_FAILURES attempts when two processes take them at once", async () => {
    const { db } = await import("@/lib/core/db");
    const { authSettings } = await import("@/lib/core/auth/settings");
    const accounts = ["kxadmin", "useradmin", "auditor", "leader", "jyj", "wjw", "futian"];
    const now = new Date("2026-08-01T02:00:00Z");
    const outcomes = await fromTwoProcesses(
      (i) => ({ username: accounts[i % accounts.length]!, password: WRONG, ip: "203.0.113.77" }),
      15,
      now,
    );
    expect(outcomes).toHaveLength(30);
    expect(outcomes.filter((outcome) => outcome === "refused")).toHaveLength(authSettings().addressMaxFailures);
    expect(outcomes.filter((outcome) => outcome === "throttled")).toHaveLength(30 - authSettings().addressMaxFailures);
    expect(await db.loginThrottle.findUniqueOrThrow({ where: { key: "ip:203.0.113.77" } })).toMatchObject({
      count: authSettings().addressMaxFailures,
    });
    const users = await db.user.findMany({ where: { username: { in: accounts } }, select: { failedLoginCount: true, lockedUntil: true } });
    expect(users.reduce((sum, user) => sum + user.failedLoginCount, 0) + 5 * users.filter((user) => user.lockedUntil).length).toBe(
      authSettings().addressMaxFailures,
    );
  }, 120_000);

  it("checks no more than LOGIN_MAX_FAILURES passwords of one account when two processes guess at once, and locks it", async () => {
    const { db } = await import("@/lib/core/db");
    const { authSettings } = await import("@/lib/core/auth/settings");
    const { auditSince, lastAuditId } = await import("../support/actors");
    const now = new Date("2026-08-02T02:00:00Z");
    const before = await lastAuditId();
    // Every guess from its own address, so only the account's own limit applies.
    const outcomes = await fromTwoProcesses(
      (i) => ({ username: "useradmin", password: `${WRONG}${i}`, ip: `198.51.100.${i + 1}` }),
      8,
      now,
    );
    expect(outcomes.every((outcome) => outcome === "refused")).toBe(true);
    const reasons = (await auditSince(before)).map((event) => event.reason);
    expect(reasons.filter((reason) => reason === "bad_password")).toHaveLength(authSettings().maxFailures);
    expect(reasons.filter((reason) => reason === "locked")).toHaveLength(16 - authSettings().maxFailures);
    const user = await db.user.findUniqueOrThrow({ where: { username: "useradmin" } });
    expect(user.lockedUntil).toEqual(new Date(now.getTime() + authSettings().lockMs));
  }, 120_000);
});
