import "server-only";
import { verifyAgainstDummy, verifyPassword } from "@/lib/core/auth/password-hash";
import { appendAudit, audit } from "@/lib/audit/server/record";
import { db } from "@/lib/core/db";
import { actorFromUser, newSessionId, sessionExpiry, userWithUnit } from "./sessions";
import { authSettings, type AuthSettings } from "./settings";
import { releaseAddressAttempt, reserveAddressAttempt, throttleKey } from "./throttle";

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
 * The reason goes only to the audit trail. The one exception is `throttled`: too many failed
 * attempts from the caller's own address, which says nothing about any account.
 */
export type LoginResult = { ok: true; userId: number; sessionId: string } | { ok: false; throttled?: true };

type FailureReason = "unknown_user" | "bad_password" | "locked" | "disabled" | "empty" | "throttled";

/** The password-hash work, injectable so tests can count (and pace) the checks. */
export interface PasswordChecks {
  verifyPassword(passwordHash: string, password: string): Promise<boolean>;
  verifyAgainstDummy(password: string): Promise<void>;
}

const ARGON2: PasswordChecks = { verifyPassword, verifyAgainstDummy };

/** Thrown inside the success transaction when a lock was set after this attempt's reservation. */
class LockedMeanwhile extends Error {}

/**
 * Signs a user in. The order is what makes parallel guessing useless:
 *
 * 1. The client address takes a slot in LoginThrottle (one conditional update); an address that
 *    has used its slots is refused before any account is looked at.
 * 2. The account's guess is reserved with one conditional update — not locked, fewer than
 *    LOGIN_MAX_FAILURES guesses in the window — *before* the password is checked, so at most that
 *    many checks run per lock window however many requests arrive at once.
 * 3. Only then is the password verified. The guess that brings the count to the limit locks the
 *    account if it fails; a success resets the count only if no lock was set meanwhile (a
 *    conditional update), so a success never undoes a parallel request's lock.
 *
 * An unknown, disabled or locked account costs the same password-hash work before the refusal,
 * so the answer time does not tell whether the name exists or is locked.
 */
export async function login(
  input: LoginInput,
  context: LoginContext,
  now = new Date(),
  checks: PasswordChecks = ARGON2,
): Promise<LoginResult> {
  const username = input.username.trim();
  const fail = async (
    reason: FailureReason,
    details?: Record<string, unknown>,
    actorUser?: Parameters<typeof actorFromUser>[0],
  ): Promise<LoginResult> => {
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
    return reason === "throttled" ? { ok: false, throttled: true } : { ok: false };
  };

  if (username === "" || input.password === "") return fail("empty");

  const settings = authSettings();
  const addressKey = throttleKey(context.ip);
  const address = await reserveAddressAttempt(db, addressKey, now, settings);
  if (!address.ok) return fail("throttled", { address: addressKey, blockedUntil: address.blockedUntil.toISOString() });

  const user = await db.user.findUnique({ where: { username }, include: userWithUnit });
  if (!user) {
    await checks.verifyAgainstDummy(input.password);
    return fail("unknown_user");
  }
  if (user.disabled) {
    await checks.verifyAgainstDummy(input.password);
    return fail("disabled", undefined, user);
  }

  const guess = await reserveGuess(user.id, now, settings);
  if (guess === null) {
    await checks.verifyAgainstDummy(input.password);
    const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedUntil: true, failedLoginCount: true } });
    return fail(
      "locked",
      current.lockedUntil && current.lockedUntil > now
        ? { lockedUntil: current.lockedUntil.toISOString() }
        : { guessesInProgress: current.failedLoginCount },
      user,
    );
  }

  if (!(await checks.verifyPassword(user.passwordHash, input.password))) {
    if (guess >= settings.maxFailures) {
      const lockedUntil = new Date(now.getTime() + settings.lockMs);
      await db.user.updateMany({ where: { id: user.id }, data: { lockedUntil, failedLoginCount: 0 } });
      return fail("bad_password", { failures: guess, lockedUntil: lockedUntil.toISOString() }, user);
    }
    return fail("bad_password", { failures: guess }, user);
  }

  const sessionId = newSessionId();
  try {
    await db.$transaction(async (tx) => {
      // Conditional: a lock (or a disabling) that happened after the reservation stands.
      const { count } = await tx.user.updateMany({
        where: { id: user.id, disabled: false, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
        data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
      });
      if (count !== 1) throw new LockedMeanwhile();
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
  } catch (error) {
    if (!(error instanceof LockedMeanwhile)) throw error;
    const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedUntil: true, disabled: true } });
    if (current.disabled) return fail("disabled", undefined, user);
    return fail("locked", { lockedUntil: current.lockedUntil?.toISOString() ?? null, lockedDuringCheck: true }, user);
  }
  await releaseAddressAttempt(db, addressKey);
  return { ok: true, userId: user.id, sessionId };
}

/**
 * Reserves one password check for the account: the count goes up only while the account is not
 * locked and fewer than the limit of checks have been reserved, in one statement. Returns the
 * number of this guess in the current window, or null when no guess may be checked. A lock that
 * has run out starts a fresh count (the lock itself set the count back to 0).
 */
async function reserveGuess(userId: number, now: Date, settings: AuthSettings): Promise<number | null> {
  const open = [{ lockedUntil: null }, { lockedUntil: { lte: now } }];
  const reserve = async () => {
    try {
      const updated = await db.user.update({
        where: { id: userId, failedLoginCount: { lt: settings.maxFailures }, OR: open },
        data: { failedLoginCount: { increment: 1 }, lockedUntil: null, updatedAt: now },
        select: { failedLoginCount: true },
      });
      return updated.failedLoginCount;
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      throw error;
    }
  };
  const guess = await reserve();
  if (guess !== null) return guess;
  // Every guess is taken but no lock was set: normally the last guesses are still being checked.
  // If nothing has happened for a whole lock period (a server stopped mid-check), start afresh.
  const { count } = await db.user.updateMany({
    where: {
      id: userId,
      failedLoginCount: { gte: settings.maxFailures },
      lockedUntil: null,
      updatedAt: { lte: new Date(now.getTime() - settings.lockMs) },
    },
    data: { failedLoginCount: 0, updatedAt: now },
  });
  return count === 1 ? reserve() : null;
}

function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2025";
}
