/**
 * The signed time a public feedback form was issued, and the keyed hash of a visitor's address.
 *
 * The form carries `fb1.<ms>.<hmac>`: the time it was rendered, signed with a key derived from
 * NEXTAUTH_SECRET, so a bot can neither invent an older time nor reuse a token past its age limit.
 * A submission less than `minFillMs()` after the form was issued is a script, not a person, and is
 * refused quietly (it looks accepted). The public page's HTML is cached (lib/outputs/public-page-cache.ts),
 * so every cached response gets fresh tokens (`PublicPageCache.respond`), just as it gets a fresh nonce.
 *
 * Plain code (no `server-only`, no database): the proxy uses it too.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const PREFIX = "fb1";
/** Any token as it appears in the page's HTML. */
export const TOKEN_PATTERN = /fb1\.[0-9]{13}\.[0-9a-f]{64}/g;
/** A form older than this is refused with a request to reload the page (a visitor who left a tab open for a day). */
export const MAX_FORM_AGE_MS = 12 * 60 * 60 * 1000;
/** The default minimum fill time. */
export const DEFAULT_MIN_FILL_MS = 2000;

let randomSecret: string | null = null;

function secret(purpose: string, authSecret = process.env.NEXTAUTH_SECRET): Buffer {
  // NEXTAUTH_SECRET is required at boot (lib/core/env.ts); without it (a bare script) a per-process key.
  if (!authSecret || authSecret.length < 32)
    randomSecret ??= createHash("sha256")
      .update(crypto.getRandomValues(new Uint8Array(32)))
      .digest("hex");
  return createHash("sha256")
    .update(`${purpose}:${authSecret && authSecret.length >= 32 ? authSecret : randomSecret}`)
    .digest();
}

function sign(issuedAt: number): string {
  return createHmac("sha256", secret("public-feedback-form")).update(`${PREFIX}.${issuedAt}`).digest("hex");
}

/** A token for a form rendered now. */
export function issueFormToken(now = Date.now()): string {
  const issuedAt = Math.trunc(now);
  return `${PREFIX}.${String(issuedAt).padStart(13, "0")}.${sign(issuedAt)}`;
}

export type TokenCheck = { ok: true; ageMs: number } | { ok: false; reason: "invalid" | "stale" };

/** Whether the token is ours and how long ago its form was issued. */
export function checkFormToken(token: unknown, now = Date.now()): TokenCheck {
  if (typeof token !== "string" || token.length > 100) return { ok: false, reason: "invalid" };
  const match = /^fb1\.([0-9]{13})\.([0-9a-f]{64})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const issuedAt = Number(match[1]);
  const given = Buffer.from(match[2]!, "hex");
  const expected = Buffer.from(sign(issuedAt), "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  const ageMs = now - issuedAt;
  if (ageMs > MAX_FORM_AGE_MS) return { ok: false, reason: "stale" };
  return { ok: true, ageMs };
}

/** The minimum time between issuing a form and its submission: FEEDBACK_MIN_FILL_MS (ms), default 2 s. */
export function minFillMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.FEEDBACK_MIN_FILL_MS;
  const value = raw === undefined || raw === "" ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value >= 0 && value <= 60_000 ? value : DEFAULT_MIN_FILL_MS;
}

/**
 * How a visitor's address is stored: HMAC-SHA256 under a key derived from NEXTAUTH_SECRET. The
 * ratings table and the throttle need to tell one source from another, not to know who it was; an
 * address is personal information (个人信息保护法), and a plain hash of it would not hide it (every
 * IPv4 address can be hashed in minutes), while a keyed one cannot be reversed without the key,
 * which lives outside the database and its backups. The audit trail records the address itself,
 * as it does for every anonymous request.
 */
export function addressHash(ip: string | null): string {
  return createHmac("sha256", secret("public-feedback-address"))
    .update(ip ?? "unknown")
    .digest("hex");
}
