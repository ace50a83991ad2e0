import "server-only";
import type { AppPrismaClient } from "@/lib/core/db/create-client";
import type { AuthSettings } from "./settings";

/**
 * The per-address limit on login attempts, kept in the database (LoginThrottle) so that every
 * instance of the app counts the same attempts. Each attempt from an address takes a slot with one
 * conditional update before any account is looked at; once the address has used its slots for the
 * window, further attempts are refused without checking a password or touching any account's
 * failure count, so one address cannot lock every account in turn. A successful login gives its
 * slot back: only failures use up the allowance, so an office behind one address is not blocked
 * by its own colleagues signing in.
 */

type Client = Pick<AppPrismaClient, "loginThrottle">;
type Limits = Pick<AuthSettings, "addressMaxFailures" | "addressWindowMs">;

/** How an address is named in LoginThrottle; requests without a known address share one entry. */
export function throttleKey(ip: string | null): string {
  return `ip:${(ip ?? "unknown").slice(0, 100)}`;
}

export type AddressReservation = { ok: true } | { ok: false; blockedUntil: Date };

export async function reserveAddressAttempt(client: Client, key: string, now: Date, limits: Limits): Promise<AddressReservation> {
  const windowEndedBefore = new Date(now.getTime() - limits.addressWindowMs);
  try {
    await client.loginThrottle.create({ data: { key, windowStart: now, count: 0 } });
  } catch {
    // Already there (possibly created a moment ago by a parallel attempt).
  }
  // A window that has run out (and any block with it) starts afresh.
  await client.loginThrottle.updateMany({
    where: { key, windowStart: { lte: windowEndedBefore }, OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }] },
    data: { windowStart: now, count: 0, blockedUntil: null },
  });
  // The slot itself: one conditional update, so parallel attempts can never take more than the limit.
  const { count } = await client.loginThrottle.updateMany({
    where: { key, count: { lt: limits.addressMaxFailures }, OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }] },
    data: { count: { increment: 1 } },
  });
  if (count === 1) return { ok: true };
  // The first refusal blocks the address for a whole window from now.
  await client.loginThrottle.updateMany({
    where: { key, OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }] },
    data: { blockedUntil: new Date(now.getTime() + limits.addressWindowMs) },
  });
  const row = await client.loginThrottle.findUnique({ where: { key }, select: { blockedUntil: true } });
  return { ok: false, blockedUntil: row?.blockedUntil ?? new Date(now.getTime() + limits.addressWindowMs) };
}

/** A successful login gives back the slot its attempt took. */
export async function releaseAddressAttempt(client: Client, key: string): Promise<void> {
  await client.loginThrottle.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}
