import { describe, expect, it } from "vitest";
import { changeOwnPassword } from "@/lib/accounts/server/account";
import { login } from "@/lib/core/auth/login";
import { logout, resolveSession } from "@/lib/core/auth/sessions";
import { db } from "@/lib/core/db";
import { resetPassword, setUserDisabled, updateUser } from "@/lib/accounts/server/users";
import { DEMO_PASSWORD, actorFor, auditSince, lastAuditId } from "../support/actors";

const MINUTE = 60_000;
const context = { ip: "10.0.0.9", userAgent: "vitest" };

async function signIn(username: string, now = new Date()) {
  const result = await login({ username, password: DEMO_PASSWORD }, context, now);
  if (!result.ok) throw new Error(`login failed for ${username}`);
  return result.sessionId;
}

async function version(username: string) {
  return (await db.user.findUniqueOrThrow({ where: { username } })).version;
}

describe("sessions", () => {
  it("resolve to the signed-in user while active, refreshing last-seen at most once a minute", async () => {
    const start = new Date("2026-04-01T01:00:00Z");
    const sessionId = await signIn("leader", start);
    const state = await resolveSession(sessionId, "10.0.0.9", new Date(start.getTime() + 30 * 1000));
    expect(state.actor).toMatchObject({ username: "leader", role: "LEADER", sessionId });
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(start);
    await resolveSession(sessionId, null, new Date(start.getTime() + 2 * MINUTE));
    expect((await db.session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(new Date(start.getTime() + 2 * MINUTE));
  });

  it("end after 30 minutes without a request", async () => {
    const start = new Date("2026-04-01T02:00:00Z");
    const sessionId = await signIn("leader", start);
    expect((await resolveSession(sessionId, null, new Date(start.getTime() + 29 * MINUTE))).actor).not.toBeNull();
    const before = await lastAuditId();
    const idleAt = new Date(start.getTime() + (29 + 31) * MINUTE);
    expect(await resolveSession(sessionId, null, idleAt)).toEqual({ actor: null, reason: "idle" });
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ endedAt: idleAt, endReason: "IDLE_TIMEOUT" });
    expect((await auditSince(before))[0]).toMatchObject({ action: "auth.session_end", reason: "IDLE_TIMEOUT", actorUsername: "leader" });
    // Activity after the end does not revive it.
    expect((await resolveSession(sessionId, null, idleAt)).actor).toBeNull();
  });

  it("end 12 hours after login however active the user is", async () => {
    const start = new Date("2026-04-02T00:00:00Z");
    const sessionId = await signIn("kxadmin", start);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      expect(
        (await resolveSession(sessionId, null, new Date(start.getTime() + minutes * MINUTE))).actor,
        `at ${minutes} min`,
      ).not.toBeNull();
    }
    expect(await resolveSession(sessionId, null, new Date(start.getTime() + 12 * 60 * MINUTE))).toEqual({ actor: null, reason: "expired" });
  });

  it("end at the next request when the user is disabled", async () => {
    const sessionId = await signIn("wjw");
    expect((await resolveSession(sessionId, null)).actor).not.toBeNull();
    await setUserDisabled(await actorFor("useradmin"), { userId: (await actorFor("wjw")).userId, version: await version("wjw") }, true);
    expect(await resolveSession(sessionId, null)).toEqual({ actor: null, reason: "revoked" });
    expect(await db.session.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ endReason: "USER_DISABLED" });
  });

  it("end when an administrator resets the password, which must then be changed", async () => {
    const sessionId = await signIn("futian");
    const target = await actorFor("futian");
    const reset = await resetPassword(await actorFor("useradmin"), {
      userId: target.userId,
      version: await version("futian"),
    });
    if (!("temporaryPassword" in reset)) throw new Error("a liaison's password is reset at once");
    const { temporaryPassword } = reset;
    expect((await resolveSession(sessionId, null)).actor).toBeNull();
    expect((await login({ username: "futian", password: DEMO_PASSWORD }, context)).ok).toBe(false);
    const fresh = await login({ username: "futian", password: temporaryPassword }, context);
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect((await resolveSession(fresh.sessionId, null)).actor).toMatchObject({ mustChangePassword: true });
  });

  it("other than the current one end when users change their own password", async () => {
    const first = await signIn("jyj");
    const second = await signIn("jyj");
    const actor = await actorFor("jyj", second);
    await changeOwnPassword(actor, { currentPassword: DEMO_PASSWORD, newPassword: "Renewed#2026", confirmPassword: "Renewed#2026" });
    expect(await resolveSession(first, null)).toEqual({ actor: null, reason: "revoked" });
    expect((await resolveSession(second, null)).actor).toMatchObject({ username: "jyj", mustChangePassword: false });
    expect((await login({ username: "jyj", password: "Renewed#2026" }, context)).ok).toBe(true);
  });

  it("end when the user's role or unit changes", async () => {
    const sessionId = await signIn("leader");
    const leader = await actorFor("leader");
    await updateUser(await actorFor("useradmin"), {
      userId: leader.userId,
      version: await version("leader"),
      displayName: leader.displayName,
      // Not a privileged role: that would only be requested (privileged-requests.test.ts).
      role: "LIAISON",
      unitId: (await db.unit.findUniqueOrThrow({ where: { name: "福田区" } })).id,
    });
    expect(await resolveSession(sessionId, null)).toEqual({ actor: null, reason: "revoked" });
  });

  it("end on logout, which is audited", async () => {
    const sessionId = await signIn("auditor");
    const before = await lastAuditId();
    await logout(sessionId, "10.0.0.9");
    expect(await resolveSession(sessionId, null)).toEqual({ actor: null, reason: "ended" });
    expect((await auditSince(before))[0]).toMatchObject({ action: "auth.logout", result: "SUCCESS", actorUsername: "auditor" });
  });

  it("that are unknown resolve to nobody", async () => {
    expect(await resolveSession("forged-session-id", null)).toEqual({ actor: null, reason: "none" });
  });
});
