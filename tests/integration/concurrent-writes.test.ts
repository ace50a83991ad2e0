/**
 * Correct under real concurrency (issue 14, item 3), on both providers: SQLite serialises writers
 * (BEGIN IMMEDIATE), PostgreSQL runs them side by side on a pool of connections in READ COMMITTED,
 * so every check-then-write below must be made safe by a lock, a conditional update or a unique
 * index — never by the order a single process happens to run things in.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { createUser } from "@/lib/accounts/server/users";
import { lockAuditChain } from "@/lib/audit/chain";
import { verifyAuditChain } from "@/lib/audit/server/record";
import { runAction } from "@/lib/core/action";
import { login } from "@/lib/core/auth/login";
import { logout, resolveSession } from "@/lib/core/auth/sessions";
import { db } from "@/lib/core/db";
import { HAND_WRITTEN_INDEXES } from "@/lib/core/db/hand-written-indexes";
import { AppError } from "@/lib/core/errors";
import { getActor } from "@/lib/core/session";
import { UNIQUE_KEYS, uniqueViolation, violates } from "@/lib/core/unique-violation";
import { ACCOUNT_OPERATIONS } from "@/lib/accounts/operations";
import { createIndicator, setIndicatorValue } from "@/lib/indicators/server";
import { createUnit } from "@/lib/units/server";
import { z } from "zod";
import { DEMO_PASSWORD, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { withPgClient } from "../support/postgres-template";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { createUserAction } = await import("@/lib/accounts/actions/users");

const run = promisify(execFile);
const onPostgres = process.env.TEST_DATABASE_PROVIDER === "postgresql";
const MINUTE = 60_000;

const definition = {
  name: "并发测试指标",
  unit: "个",
  direction: "HIGHER_IS_BETTER" as const,
  baselineSource: "",
  description: "",
  targets: [],
  confirmPlanChange: false,
};

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

/** Every outcome of a batch of concurrent calls: the value, or the AppError's code and message key. */
async function settle<T>(calls: Promise<T>[]) {
  return (await Promise.allSettled(calls)).map((outcome) => {
    if (outcome.status === "fulfilled") return { ok: true as const, value: outcome.value };
    const error = outcome.reason as unknown;
    if (error instanceof AppError) return { ok: false as const, code: error.code, messageKey: error.messageKey };
    throw error;
  });
}

describe("the audit hash chain under concurrent writers", () => {
  it("takes 50 concurrent audited writes as one intact chain, and npm run audit:verify agrees", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await lastAuditId();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createIndicator(admin, { ...definition, code: `concurrent-${i}`, name: `并发测试指标${i}` })),
    );
    expect(results).toHaveLength(50);
    const written = await auditSince(before);
    expect(written.filter((row) => row.action === "indicator.create_indicator")).toHaveLength(50);
    expect(written.map((row) => row.id)).toEqual(written.map((_, i) => before + 1 + i));
    // Each row links to the one before it: nobody forked the chain from a head another writer had moved.
    written.slice(1).forEach((row, i) => expect(row.prevHash).toBe(written[i]!.hash));
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    const env = { ...process.env, NODE_ENV: "test" as const };
    const verified = await run("npx", ["tsx", "scripts/audit-verify.ts"], { env });
    expect(verified.stdout).toContain("审计链完整 / audit trail intact");
  });

  // PostgreSQL only: SQLite's write lock already serialises transactions from their start.
  it.runIf(onPostgres)("takes a transaction-scoped advisory lock on PostgreSQL, released at commit", async () => {
    // Advisory locks held in this file's own database (other files run on other databases of the server).
    const holders = `SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
      WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`;
    const count = async (client: Pick<typeof db, "$queryRawUnsafe">) =>
      Number((await client.$queryRawUnsafe<{ n: bigint }[]>(holders))[0]?.n);
    await db.$transaction(async (tx) => {
      await lockAuditChain(tx);
      expect(await count(tx)).toBe(1);
    });
    expect(await count(db)).toBe(0);
  });
});

describe("a city-wide indicator value", () => {
  it("is entered once when ten first entries arrive together; the others are told it was just entered", async () => {
    const admin = await actorForRole("ADMIN");
    const indicator = await createIndicator(admin, { ...definition, code: "concurrent-citywide" });
    const outcomes = await settle(
      Array.from({ length: 10 }, (_, i) =>
        setIndicatorValue(admin, { indicatorId: indicator.id, year: 2023, value: 100 + i, source: "测试", method: "测试" }),
      ),
    );
    expect(await db.indicatorValue.count({ where: { indicatorId: indicator.id, year: 2023, districtId: null } })).toBe(1);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual(
      Array.from({ length: 9 }, () => ({ ok: false, code: "CONFLICT", messageKey: "indicatorValueEntered" })),
    );
    // The history records the one entry that counts.
    expect(await db.indicatorRevision.count({ where: { indicatorId: indicator.id, action: "SET_VALUE" } })).toBe(1);
  });

  it("is unique in the database itself, while district values of the same year stay allowed", async () => {
    const admin = await actorForRole("ADMIN");
    const indicator = await createIndicator(admin, { ...definition, code: "citywide-index" });
    const row = { indicatorId: indicator.id, year: 2024, value: 1, source: "测试", method: "测试" };
    await db.indicatorValue.create({ data: row });
    const error = await db.indicatorValue.create({ data: row }).catch((caught: unknown) => caught);
    expect(violates(error, UNIQUE_KEYS.citywideIndicatorValue)).toBe(true);
    const districts = await db.unit.findMany({ where: { type: "DISTRICT_GOVERNMENT" }, take: 2, select: { id: true } });
    for (const district of districts) await db.indicatorValue.create({ data: { ...row, districtId: district.id } });
    expect(await db.indicatorValue.count({ where: { indicatorId: indicator.id, year: 2024 } })).toBe(1 + districts.length);
  });

  it("migration: existing duplicates do not stop it; the newest entry is kept", async () => {
    const [index] = HAND_WRITTEN_INDEXES;
    const sql = fs.readFileSync(path.resolve("prisma/migrations", index.migration, "migration.sql"), "utf8");
    // Both providers' migrations carry the same hand-written SQL.
    expect(fs.readFileSync(path.resolve("prisma/postgresql/migrations", index.migration, "migration.sql"), "utf8")).toBe(sql);
    const admin = await actorForRole("ADMIN");
    const indicator = await createIndicator(admin, { ...definition, code: "citywide-duplicates" });
    // A database from before the migration: no index, three city-wide rows for one year.
    await db.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
    const base = { indicatorId: indicator.id, year: 2022, source: "测试", method: "测试" };
    await db.indicatorValue.create({ data: { ...base, value: 1, enteredAt: new Date("2024-01-01T00:00:00Z") } });
    const newest = await db.indicatorValue.create({ data: { ...base, value: 3, enteredAt: new Date("2024-03-01T00:00:00Z") } });
    await db.indicatorValue.create({ data: { ...base, value: 2, enteredAt: new Date("2024-02-01T00:00:00Z") } });
    await db.indicatorValue.create({ data: { ...base, year: 2023, value: 9 } });
    const url = process.env.DATABASE_URL!;
    if (onPostgres) await withPgClient(url, (client) => client.query(sql));
    else {
      const file = new Database(url.replace(/^file:/, ""));
      try {
        file.exec(sql);
      } finally {
        file.close();
      }
    }
    const left = await db.indicatorValue.findMany({ where: { indicatorId: indicator.id }, orderBy: { year: "asc" } });
    expect(left.map((value) => [value.year, value.id, value.value])).toEqual([
      [2022, newest.id, 3],
      [2023, expect.any(Number), 9],
    ]);
    const again = await db.indicatorValue.create({ data: { ...base, value: 4 } }).catch((caught: unknown) => caught);
    expect(violates(again, UNIQUE_KEYS.citywideIndicatorValue)).toBe(true);
  });
});

describe("unique-key violations", () => {
  it("are read the same way on both providers, each key recognised by its own descriptor", async () => {
    const unit = await db.unit.findFirstOrThrow();
    const user = await db.user.findFirstOrThrow();
    const plan = await db.plan.findFirstOrThrow();
    const indicator = await db.indicator.findFirstOrThrow({ include: { values: { where: { districtId: { not: null } }, take: 1 } } });
    const cases = [
      [UNIQUE_KEYS.username, db.user.create({ data: { username: user.username, displayName: "x", role: "LEADER", passwordHash: "x" } })],
      [UNIQUE_KEYS.unitName, db.unit.create({ data: { name: unit.name, fullName: "x", type: unit.type } })],
      [
        UNIQUE_KEYS.planCode,
        db.plan.create({
          data: { code: plan.code, kind: plan.kind, title: "x", shortTitle: "x", issuer: "x", startYear: 2020, endYear: 2021 },
        }),
      ],
      [
        UNIQUE_KEYS.indicatorCode,
        db.indicator.create({ data: { code: indicator.code, name: "x", unit: "x", direction: "HIGHER_IS_BETTER" } }),
      ],
    ] as const;
    for (const [key, write] of cases) {
      const error = await write.catch((caught: unknown) => caught);
      expect(uniqueViolation(error), key.model).not.toBeNull();
      expect(violates(error, key), key.model).toBe(true);
      for (const other of Object.values(UNIQUE_KEYS))
        if (other !== key) expect(violates(error, other), `${key.model} as ${other.model}`).toBe(false);
    }
    const existing = indicator.values[0];
    if (existing) {
      const error = await db.indicatorValue
        .create({
          data: {
            indicatorId: existing.indicatorId,
            year: existing.year,
            districtId: existing.districtId,
            value: 1,
            source: "x",
            method: "x",
          },
        })
        .catch((caught: unknown) => caught);
      expect(violates(error, UNIQUE_KEYS.indicatorValue)).toBe(true);
    }
    expect(uniqueViolation(new Error("not a database error"))).toBeNull();
  });

  it("two concurrent creates of one username: the loser is told 该用户名已被使用", async () => {
    const admin = await actorForRole("USER_ADMIN");
    vi.mocked(getActor).mockResolvedValue(admin);
    const unit = await db.unit.findUniqueOrThrow({ where: { name: "市文化广电旅游体育局" } });
    const submit = () =>
      createUserAction(null, form({ username: "samename", displayName: "同名联络员", role: "LIAISON", unitId: unit.id, email: "" }));
    const results = await Promise.all([submit(), submit(), submit()]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const refused = results.filter((result) => !result.ok);
    expect(refused).toHaveLength(2);
    for (const result of refused) {
      expect(result).toMatchObject({
        ok: false,
        error: "CONFLICT",
        message: "该用户名已被使用。",
        fieldErrors: { username: expect.any(String) },
      });
    }
    expect(await db.user.count({ where: { username: "samename" } })).toBe(1);
  });

  it("the data layer maps a lost race to the same refusal its own check gives (accounts, units)", async () => {
    const userAdmin = await actorForRole("USER_ADMIN");
    const unit = await db.unit.findUniqueOrThrow({ where: { name: "市文化广电旅游体育局" } });
    const users = await settle(
      Array.from({ length: 4 }, () => createUser(userAdmin, { username: "racedname", displayName: "x", role: "LIAISON", unitId: unit.id })),
    );
    expect(users.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of users.filter((o) => !o.ok)) expect(outcome).toMatchObject({ code: "CONFLICT", messageKey: "usernameTaken" });
    const admin = await actorForRole("ADMIN");
    const units = await settle(
      Array.from({ length: 4 }, () => createUnit(admin, { name: "并发新单位", fullName: "并发新单位全称", type: "GOVERNMENT_DEPARTMENT" })),
    );
    expect(units.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of units.filter((o) => !o.ok)) expect(outcome).toMatchObject({ code: "VALIDATION", messageKey: "unitNameTaken" });
    const indicators = await settle(Array.from({ length: 4 }, () => createIndicator(admin, { ...definition, code: "raced-code" })));
    expect(indicators.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of indicators.filter((o) => !o.ok))
      expect(outcome).toMatchObject({ code: "CONFLICT", messageKey: "indicatorCodeTaken" });
  });

  it("one no write site expected still reaches the user as a clear conflict, not an unexpected error", async () => {
    const admin = await actorForRole("USER_ADMIN");
    vi.mocked(getActor).mockResolvedValue(admin);
    const unit = await db.unit.findFirstOrThrow();
    const result = await runAction(
      {
        operation: ACCOUNT_OPERATIONS.listUsers,
        schema: z.object({}),
        run: () => db.unit.create({ data: { name: unit.name, fullName: "x", type: unit.type } }),
      },
      new FormData(),
    );
    expect(result).toMatchObject({ ok: false, error: "CONFLICT", message: "已有相同的记录（可能刚被他人创建），请刷新页面后查看。" });
  });
});

describe("ending an idle session", () => {
  it("is written once when ten requests of the idle session arrive together", async () => {
    const start = new Date("2026-05-01T01:00:00Z");
    const result = await login({ username: "leader", password: DEMO_PASSWORD }, { ip: "10.0.0.9", userAgent: "vitest" }, start);
    if (!result.ok) throw new Error("login failed");
    const before = await lastAuditId();
    const idleAt = new Date(start.getTime() + 31 * MINUTE);
    const states = await Promise.all(Array.from({ length: 10 }, () => resolveSession(result.sessionId, null, idleAt)));
    expect(states).toEqual(Array.from({ length: 10 }, () => ({ actor: null, reason: "idle" })));
    const ended = (await auditSince(before)).filter((row) => row.action === "auth.session_end");
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ reason: "IDLE_TIMEOUT", actorUsername: "leader" });
    expect(await db.session.findUniqueOrThrow({ where: { id: result.sessionId } })).toMatchObject({
      endedAt: idleAt,
      endReason: "IDLE_TIMEOUT",
    });
  });

  it("a sign-out sent several times at once is recorded once", async () => {
    const result = await login({ username: "leader", password: DEMO_PASSWORD }, { ip: "10.0.0.9", userAgent: "vitest" });
    if (!result.ok) throw new Error("login failed");
    const before = await lastAuditId();
    await Promise.all(Array.from({ length: 5 }, () => logout(result.sessionId, null)));
    expect((await auditSince(before)).filter((row) => row.action === "auth.logout")).toHaveLength(1);
  });
});
