import { beforeEach, describe, expect, it } from "vitest";
import { login } from "@/lib/core/auth/login";
import { db } from "@/lib/core/db";
import { DEMO_PASSWORD, auditSince, lastAuditId } from "../support/actors";

const context = { ip: "10.1.2.3", userAgent: "vitest" };
const MINUTE = 60_000;

describe("login", () => {
  // Each case may fail several times from one address: the per-address limit is tested in login-race.test.ts.
  beforeEach(async () => {
    await db.loginThrottle.deleteMany();
  });

  it("signs in with the right password, opening a session and auditing it", async () => {
    const before = await lastAuditId();
    const result = await login({ username: "leader", password: DEMO_PASSWORD }, context);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await db.session.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ userId: result.userId, ip: "10.1.2.3", endedAt: null });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 60 * MINUTE);
    const [event] = await auditSince(before);
    expect(event).toMatchObject({ action: "auth.login", result: "SUCCESS", actorUsername: "leader", actorRole: "LEADER", ip: "10.1.2.3" });
  });

  it("gives the same answer for an unknown user, auditing the name that was typed", async () => {
    const before = await lastAuditId();
    expect(await login({ username: "nobody", password: DEMO_PASSWORD }, context)).toEqual({ ok: false });
    const [event] = await auditSince(before);
    expect(event).toMatchObject({
      action: "auth.login",
      result: "FAILURE",
      reason: "unknown_user",
      actorUsername: "nobody",
      actorId: null,
    });
  });

  it("locks the account after 5 failures, refuses even the right password while locked, and unlocks after 15 minutes", async () => {
    const start = new Date("2026-03-01T02:00:00Z");
    const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await login({ username: "wjw", password: "Wrong#pass1" }, context, at(attempt / 10))).ok).toBe(false);
    }
    let user = await db.user.findUniqueOrThrow({ where: { username: "wjw" } });
    expect(user).toMatchObject({ failedLoginCount: 4, lockedUntil: null });

    const before = await lastAuditId();
    expect((await login({ username: "wjw", password: "Wrong#pass1" }, context, at(1))).ok).toBe(false);
    user = await db.user.findUniqueOrThrow({ where: { username: "wjw" } });
    expect(user.lockedUntil).toEqual(at(16));

    expect(await login({ username: "wjw", password: DEMO_PASSWORD }, context, at(15.9))).toEqual({ ok: false });
    const events = await auditSince(before);
    expect(events.map((event) => event.reason)).toEqual(["bad_password", "locked"]);
    expect(JSON.parse(events[0]!.details!)).toMatchObject({ failures: 5, lockedUntil: at(16).toISOString() });

    const unlocked = await login({ username: "wjw", password: DEMO_PASSWORD }, context, at(16));
    expect(unlocked.ok).toBe(true);
    user = await db.user.findUniqueOrThrow({ where: { username: "wjw" } });
    expect(user).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("starts a fresh count when a lock has run out and the next attempt also fails", async () => {
    const start = new Date("2026-03-02T02:00:00Z");
    for (let i = 0; i < 5; i++) await login({ username: "futian", password: "Wrong#pass1" }, context, start);
    await login({ username: "futian", password: "Wrong#pass1" }, context, new Date(start.getTime() + 20 * MINUTE));
    const user = await db.user.findUniqueOrThrow({ where: { username: "futian" } });
    expect(user).toMatchObject({ failedLoginCount: 1, lockedUntil: null });
  });

  it("refuses a disabled account with the same answer", async () => {
    await db.user.update({ where: { username: "auditor" }, data: { disabled: true } });
    const before = await lastAuditId();
    expect(await login({ username: "auditor", password: DEMO_PASSWORD }, context)).toEqual({ ok: false });
    expect((await auditSince(before))[0]).toMatchObject({ result: "FAILURE", reason: "disabled" });
  });

  it("refuses empty credentials without looking anything up", async () => {
    expect(await login({ username: " ", password: "" }, context)).toEqual({ ok: false });
  });
});
