/**
 * Login and lockout as the account administrator and the auditor see them: the one-bit answer
 * to the person at the login page, the account's counters, the session row, and the reason the
 * audit trail records for every refusal (the only place the reason is told).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/server/record";
import { login, type LoginContext } from "@/lib/core/auth/login";
import { db } from "@/lib/core/db";
import { DEMO_PASSWORD, auditSince, lastAuditId } from "../support/actors";

const context: LoginContext = { ip: "10.1.2.3", userAgent: "Mozilla/5.0 (vitest)" };
const MINUTE = 60_000;
const WRONG = "Wrong#pass1";

async function attempt(username: string, password: string, now?: Date, ctx = context) {
  const before = await lastAuditId();
  const result = await login({ username, password }, ctx, now);
  const events = await auditSince(before);
  expect(events, "exactly one audit record per attempt").toHaveLength(1);
  return { result, event: events[0]! };
}

// Each case starts from accounts with no failures, no lock and not disabled, and no address limit used, so any case can run
// on its own or in any order (mutation testing runs only the cases that reach a mutant).
// The per-address limit is cleared too: these cases make many failures from one address on purpose.
beforeEach(async () => {
  await db.user.updateMany({ data: { failedLoginCount: 0, lockedUntil: null, disabled: false } });
  await db.loginThrottle.deleteMany();
});

const userNamed = (username: string) => db.user.findUniqueOrThrow({ where: { username }, include: { unit: true } });

describe("what the audit trail records for each kind of refusal", () => {
  it("signs in a real account whose name was typed with surrounding spaces", async () => {
    const { result, event } = await attempt("  leader \t", DEMO_PASSWORD);
    expect(result.ok).toBe(true);
    expect(event).toMatchObject({ action: "auth.login", result: "SUCCESS", actorUsername: "leader", reason: null });
  });

  it("records an empty password for a real account as 'empty', not as a wrong password, and counts no failure", async () => {
    const { result, event } = await attempt(" jyj ", "");
    expect(result).toEqual({ ok: false });
    expect(event).toMatchObject({
      action: "auth.login",
      result: "FAILURE",
      reason: "empty",
      actorUsername: "jyj",
      objectType: "User",
      ip: "10.1.2.3",
    });
    expect((await userNamed("jyj")).failedLoginCount).toBe(0);
  });

  it("records a blank username as 'empty', whatever the password", async () => {
    const { result, event } = await attempt("   ", DEMO_PASSWORD);
    expect(result).toEqual({ ok: false });
    expect(event).toMatchObject({ result: "FAILURE", reason: "empty", actorUsername: "", actorId: null });
  });

  it("records a wrong password against the account, with who it belongs to and the failure count", async () => {
    const jyj = await userNamed("jyj");
    const now = new Date("2026-04-01T01:00:00Z");
    const { result, event } = await attempt("jyj", WRONG, now);
    expect(result).toEqual({ ok: false });
    expect(event).toMatchObject({
      occurredAt: now,
      action: "auth.login",
      result: "FAILURE",
      reason: "bad_password",
      actorId: jyj.id,
      actorUsername: "jyj",
      actorRole: "LIAISON",
      actorUnitId: jyj.unitId,
      actorUnitName: "市教育局",
      objectType: "User",
      objectId: String(jyj.id),
      ip: "10.1.2.3",
    });
    expect(jyj.unitId).not.toBeNull();
    expect(JSON.parse(event.details!)).toEqual({ failures: 1 });
    expect((await userNamed("jyj")).failedLoginCount).toBe(1);
  });

  it("records an unknown name as typed, with no account behind it", async () => {
    const { result, event } = await attempt(" no.such.user ", DEMO_PASSWORD);
    expect(result).toEqual({ ok: false });
    expect(event).toMatchObject({
      reason: "unknown_user",
      actorUsername: "no.such.user",
      actorId: null,
      actorRole: null,
      actorUnitId: null,
      objectType: "User",
      objectId: null,
      details: null,
      ip: "10.1.2.3",
    });
  });

  it("keeps at most 64 characters of a typed name", async () => {
    const typed = "x".repeat(100);
    const { event } = await attempt(typed, DEMO_PASSWORD);
    expect(event).toMatchObject({ reason: "unknown_user", actorUsername: "x".repeat(64) });
  });

  it("records a disabled account against that account", async () => {
    await db.user.update({ where: { username: "useradmin" }, data: { disabled: true } });
    const useradmin = await userNamed("useradmin");
    const { result, event } = await attempt("useradmin", DEMO_PASSWORD);
    expect(result).toEqual({ ok: false });
    expect(event).toMatchObject({
      reason: "disabled",
      actorId: useradmin.id,
      actorRole: "USER_ADMIN",
      objectId: String(useradmin.id),
      details: null,
    });
    await db.user.update({ where: { username: "useradmin" }, data: { disabled: false } });
  });

  it("records the address of the attempt, or none", async () => {
    const { event } = await attempt("nobody", DEMO_PASSWORD, undefined, { ip: null, userAgent: null });
    expect(event.ip).toBeNull();
  });

  it("leaves the audit chain intact", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});

describe("lockout", () => {
  const start = new Date("2026-05-01T02:00:00Z");
  const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);

  /** Five wrong passwords a few seconds apart, the last at `at(1)`: locked until `at(16)`. */
  async function lockOut() {
    for (let i = 1; i <= 5; i++) await login({ username: "wjw", password: WRONG }, context, at(i / 5));
    expect(await userNamed("wjw")).toMatchObject({ lockedUntil: at(16) });
  }

  it("locks on the fifth failure, says so in the record, and starts the count afresh", async () => {
    for (let i = 1; i <= 4; i++) {
      const { event } = await attempt("wjw", WRONG, at(i / 10));
      expect(JSON.parse(event.details!)).toEqual({ failures: i });
    }
    const { event } = await attempt("wjw", WRONG, at(1));
    expect(event.reason).toBe("bad_password");
    expect(JSON.parse(event.details!)).toEqual({ failures: 5, lockedUntil: at(16).toISOString() });
    expect(await userNamed("wjw")).toMatchObject({ failedLoginCount: 0, lockedUntil: at(16) });
  });

  it("refuses the right password while locked, recording 'locked' with the time the lock ends, and counts nothing", async () => {
    await lockOut();
    const wjw = await userNamed("wjw");
    const { result, event } = await attempt("wjw", DEMO_PASSWORD, at(15.99));
    expect(result).toEqual({ ok: false });
    expect(event).toMatchObject({ reason: "locked", actorId: wjw.id, objectId: String(wjw.id) });
    expect(JSON.parse(event.details!)).toEqual({ lockedUntil: at(16).toISOString() });
    const wrongWhileLocked = await attempt("wjw", WRONG, at(15.995));
    expect(wrongWhileLocked.event.reason).toBe("locked");
    expect(await userNamed("wjw")).toMatchObject({ failedLoginCount: 0, lockedUntil: at(16) });
  });

  it("lets the right password in at the very moment the lock ends", async () => {
    await lockOut();
    expect((await attempt("wjw", DEMO_PASSWORD, at(16))).result.ok).toBe(true);
    expect(await userNamed("wjw")).toMatchObject({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at(16) });
  });

  it("treats a wrong password at the very moment the lock ends as the first failure of a fresh count", async () => {
    await lockOut();
    const { event } = await attempt("wjw", WRONG, at(16));
    expect(event.reason).toBe("bad_password");
    expect(JSON.parse(event.details!)).toEqual({ failures: 1 });
    expect(await userNamed("wjw")).toMatchObject({ failedLoginCount: 1, lockedUntil: null });
    const second = await attempt("wjw", WRONG, at(17));
    expect(JSON.parse(second.event.details!)).toEqual({ failures: 2 });
  });

  it("clears the failure count on a successful login and records when it happened", async () => {
    await attempt("wjw", WRONG, at(17));
    await attempt("wjw", WRONG, at(17.5));
    expect((await userNamed("wjw")).failedLoginCount).toBe(2);
    const now = at(18);
    const { result } = await attempt("wjw", DEMO_PASSWORD, now);
    expect(result.ok).toBe(true);
    expect(await userNamed("wjw")).toMatchObject({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
  });

  it("does not lock an account whose failures are interrupted by a success", async () => {
    for (let i = 0; i < 4; i++) await attempt("wjw", WRONG, at(20));
    expect((await attempt("wjw", DEMO_PASSWORD, at(21))).result.ok).toBe(true);
    for (let i = 0; i < 4; i++) await attempt("wjw", WRONG, at(22));
    expect(await userNamed("wjw")).toMatchObject({ failedLoginCount: 4, lockedUntil: null });
    expect((await attempt("wjw", DEMO_PASSWORD, at(23))).result.ok).toBe(true);
  });
});

describe("a successful login", () => {
  it("opens a session as of the login time, with the client's address and browser", async () => {
    const now = new Date("2026-06-01T08:00:00Z");
    const userAgent = "U".repeat(400);
    const { result, event } = await attempt("kxadmin", DEMO_PASSWORD, now, { ip: "10.9.8.7", userAgent });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const kxadmin = await userNamed("kxadmin");
    expect(result.userId).toBe(kxadmin.id);
    const session = await db.session.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({
      userId: kxadmin.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 12 * 60 * MINUTE),
      ip: "10.9.8.7",
      userAgent: "U".repeat(300),
      endedAt: null,
    });
    expect(event).toMatchObject({
      occurredAt: now,
      result: "SUCCESS",
      actorId: kxadmin.id,
      actorUsername: "kxadmin",
      actorRole: "ADMIN",
      objectType: "Session",
      ip: "10.9.8.7",
      details: null,
    });
  });

  it("opens a session without a browser string when none was sent", async () => {
    const { result } = await attempt("leader", DEMO_PASSWORD, undefined, { ip: null, userAgent: null });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await db.session.findUniqueOrThrow({ where: { id: result.sessionId } })).toMatchObject({ ip: null, userAgent: null });
  });

  it("records that a temporary password must still be changed", async () => {
    await db.user.update({ where: { username: "auditor" }, data: { mustChangePassword: true } });
    const { result, event } = await attempt("auditor", DEMO_PASSWORD);
    expect(result.ok).toBe(true);
    expect(JSON.parse(event.details!)).toEqual({ mustChangePassword: true });
  });

  it("gives each login a session of its own", async () => {
    const first = await login({ username: "leader", password: DEMO_PASSWORD }, context);
    const second = await login({ username: "leader", password: DEMO_PASSWORD }, context);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(await db.session.count({ where: { id: { in: [first.sessionId, second.sessionId] }, endedAt: null } })).toBe(2);
  });
});
