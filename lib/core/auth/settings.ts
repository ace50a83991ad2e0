import { env } from "@/lib/core/env";

export interface AuthSettings {
  maxFailures: number;
  lockMs: number;
  /** Failed attempts one client address may make per window before it is refused (LoginThrottle). */
  addressMaxFailures: number;
  addressWindowMs: number;
  idleMs: number;
  maxSessionMs: number;
}

export function authSettings(): AuthSettings {
  const e = env();
  return {
    maxFailures: e.LOGIN_MAX_FAILURES,
    lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    addressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES,
    addressWindowMs: e.LOGIN_ADDRESS_WINDOW_MINUTES * 60_000,
    idleMs: e.SESSION_IDLE_MINUTES * 60_000,
    maxSessionMs: e.SESSION_MAX_HOURS * 3_600_000,
  };
}

/** Refreshing `lastSeenAt` at most this often keeps a busy page from writing on every request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;
