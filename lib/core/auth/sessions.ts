import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/core/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/server/record";
import { db } from "@/lib/core/db";
import { authSettings, LAST_SEEN_RESOLUTION_MS } from "./settings";

export type SessionEndReason =
  "LOGOUT" | "IDLE_TIMEOUT" | "EXPIRED" | "PASSWORD_CHANGED" | "PASSWORD_RESET" | "USER_DISABLED" | "ROLE_CHANGED";

/** Why there is no actor: shown on the login page as a reason to sign in again. */
export type NoSessionReason = "none" | "ended" | "idle" | "expired" | "revoked";

export type SessionState = { actor: Actor; reason?: undefined } | { actor: null; reason: NoSessionReason };

function reasonForEnded(endReason: string | null): NoSessionReason {
  if (endReason === "LOGOUT") return "ended";
  if (endReason === "IDLE_TIMEOUT") return "idle";
  if (endReason === "EXPIRED") return "expired";
  return "revoked";
}

const userWithUnit = { unit: { select: { id: true, name: true } } } as const;

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

type UserWithUnit = Prisma.UserGetPayload<{ include: typeof userWithUnit }>;

export function actorFromUser(user: UserWithUnit, sessionId: string | null, ip: string | null): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unit?.id ?? null,
    unitName: user.unit?.name ?? null,
    sessionId,
    mustChangePassword: user.mustChangePassword,
    ip,
  };
}

/**
 * The identity check behind every request: the session row must exist, not be ended, be
 * within its absolute lifetime and idle window, and belong to an enabled user. A session
 * that fails a time check is ended here and the ending audited.
 */
export async function resolveSession(sessionId: string, ip: string | null, now = new Date()): Promise<SessionState> {
  const session = await db.session.findUnique({ where: { id: sessionId }, include: { user: { include: userWithUnit } } });
  if (!session) return { actor: null, reason: "none" };
  if (session.endedAt) return { actor: null, reason: reasonForEnded(session.endReason) };
  const actor = actorFromUser(session.user, session.id, ip);
  const { idleMs } = authSettings();
  const timeout: SessionEndReason | null =
    now >= session.expiresAt
      ? "EXPIRED"
      : now.getTime() - session.lastSeenAt.getTime() > idleMs
        ? "IDLE_TIMEOUT"
        : session.user.disabled
          ? "USER_DISABLED"
          : null;
  if (timeout) {
    // Several requests of one idle session may arrive together: only the one that ends it writes the record.
    const ended = await db.$transaction(async (tx) => {
      if (!(await endOpenSession(tx, session.id, timeout, now))) return false;
      await appendAudit(tx, { action: "auth.session_end", result: "SUCCESS", actor, reason: timeout, objectType: "Session" }, now);
      return true;
    });
    if (!ended) return resolveEnded(session.id);
    return { actor: null, reason: reasonForEnded(timeout) };
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return { actor };
}

/**
 * Ends one session if it is still open: a conditional update, so of several concurrent callers
 * exactly one gets true (and audits the ending); the others see it already ended.
 */
async function endOpenSession(tx: Prisma.TransactionClient, sessionId: string, reason: SessionEndReason, now: Date): Promise<boolean> {
  const { count } = await tx.session.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return count === 1;
}

/** The answer for a session another request has just ended: the reason it recorded. */
async function resolveEnded(sessionId: string): Promise<SessionState> {
  const ended = await db.session.findUnique({ where: { id: sessionId }, select: { endReason: true } });
  return { actor: null, reason: ended ? reasonForEnded(ended.endReason) : "none" };
}

/** Ends the user's open sessions (optionally all but one) inside the caller's transaction. */
export async function endUserSessions(
  tx: Prisma.TransactionClient,
  userId: number,
  reason: SessionEndReason,
  now: Date,
  keepSessionId?: string | null,
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, endedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}

/** Logout: ends this session and records it. Unknown or already ended sessions are ignored. */
export async function logout(sessionId: string, ip: string | null, now = new Date()) {
  const session = await db.session.findUnique({ where: { id: sessionId }, include: { user: { include: userWithUnit } } });
  if (!session || session.endedAt) return;
  await db.$transaction(async (tx) => {
    // A double-clicked sign-out, or one racing the idle timeout, is recorded once.
    if (!(await endOpenSession(tx, sessionId, "LOGOUT", now))) return;
    await appendAudit(
      tx,
      { action: "auth.logout", result: "SUCCESS", actor: actorFromUser(session.user, sessionId, ip), objectType: "Session" },
      now,
    );
  });
}

export function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + authSettings().maxSessionMs);
}

export { userWithUnit };
