import "server-only";
import { verifyAgainstDummy, verifyPassword } from "@/lib/core/auth/password-hash";
import { appendAudit, audit } from "@/lib/audit/server/record";
import { db } from "@/lib/core/db";
import { actorFromUser, newSessionId, sessionExpiry, userWithUnit } from "./sessions";
import { authSettings } from "./settings";

export interface LoginInput {
  username: string;
  password: string;
}

export interface LoginContext {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The outcome is deliberately one bit for the caller: the user sees the same message
 * whether the account is unknown, the password wrong, the account locked or disabled.
 * The reason goes only to the audit trail.
 */
export type LoginResult = { ok: true; userId: number; sessionId: string } | { ok: false };

type FailureReason = "unknown_user" | "bad_password" | "locked" | "disabled" | "empty";

export async function login(input: LoginInput, context: LoginContext, now = new Date()): Promise<LoginResult> {
  const username = input.username.trim();
  const fail = async (reason: FailureReason, details?: Record<string, unknown>, actorUser?: Parameters<typeof actorFromUser>[0]) => {
    await audit(
      {
        action: "auth.login",
        result: "FAILURE",
        reason,
        details,
        actor: actorUser ? actorFromUser(actorUser, null, context.ip) : null,
        attemptedUsername: username.slice(0, 64),
        objectType: "User",
        objectId: actorUser?.id,
        ip: context.ip,
      },
      now,
    );
    return { ok: false } as const;
  };

  if (username === "" || input.password === "") return fail("empty");

  const user = await db.user.findUnique({ where: { username }, include: userWithUnit });
  if (!user) {
    await verifyAgainstDummy(input.password);
    return fail("unknown_user");
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    return fail("locked", { lockedUntil: user.lockedUntil.toISOString() }, user);
  }
  if (user.disabled) return fail("disabled", undefined, user);

  const settings = authSettings();
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    // A lock that has run out starts a fresh count; the increment itself is atomic.
    const lockExpired = user.lockedUntil !== null && user.lockedUntil <= now;
    const updated = await db.user.update({
      where: { id: user.id },
      data: lockExpired ? { failedLoginCount: 1, lockedUntil: null } : { failedLoginCount: { increment: 1 } },
      select: { failedLoginCount: true },
    });
    if (updated.failedLoginCount >= settings.maxFailures) {
      const lockedUntil = new Date(now.getTime() + settings.lockMs);
      await db.user.update({ where: { id: user.id }, data: { lockedUntil, failedLoginCount: 0 } });
      return fail("bad_password", { failures: updated.failedLoginCount, lockedUntil: lockedUntil.toISOString() }, user);
    }
    return fail("bad_password", { failures: updated.failedLoginCount }, user);
  }

  const sessionId = newSessionId();
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    });
    await tx.session.create({
      data: {
        id: sessionId,
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: sessionExpiry(now),
        ip: context.ip,
        userAgent: context.userAgent?.slice(0, 300) ?? null,
      },
    });
    await appendAudit(
      tx,
      {
        action: "auth.login",
        result: "SUCCESS",
        actor: actorFromUser(user, sessionId, context.ip),
        objectType: "Session",
        details: user.mustChangePassword ? { mustChangePassword: true } : undefined,
      },
      now,
    );
  });
  return { ok: true, userId: user.id, sessionId };
}
