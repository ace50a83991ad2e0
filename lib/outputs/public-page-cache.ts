/**
 * The HTML cache of the public progress page (/progress), used by `proxy.ts`. Rendering a React
 * page per request cannot serve the ≥ 1,000 requests a second anonymous traffic may bring on two
 * cores, and every render would hold the cores signed-in users need; the page is the same for
 * every visitor of one language until something it shows changes. So each server process keeps
 * the rendered HTML per (locale, `public` content stamp) and answers a full-document GET of
 * /progress from it, without rendering:
 *
 * - The stamp (lib/core/content-stamp.ts) is read per request (one primary-key read): the audit
 *   chain bumps it in the same transaction as every approval and every other write that can change
 *   the page, in whichever process or instance it was made, so a copy is served only while
 *   nothing on it can have changed. A new stamp drops the older copies.
 * - The CSP nonce stays per response: a copy is rendered with a nonce of its own and, on every hit,
 *   each occurrence of it is replaced by a fresh one, which the response's Content-Security-Policy
 *   names (`securityHeaders`, as for any page). No visitor ever gets another's nonce.
 * - A miss renders the page by fetching it from this server's own address with a secret header
 *   that makes the proxy pass the request through to Next.js (`isInternalRender`), with no cookie
 *   but the locale; only a 200 without Set-Cookie is kept. Concurrent misses share one render.
 *   The secret is derived from NEXTAUTH_SECRET, so every process of one deployment (cluster
 *   workers sharing the port) accepts another's render request, and nobody outside can make one;
 *   a request carrying a wrong value is an ordinary request.
 * - RSC, prefetch and router-state requests, other methods, any query string, and the
 *   internal render itself are never answered from the cache.
 *
 * Plain code: no database (the caller passes the stamp reader), no `server-only`.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale } from "@/lib/core/i18n/config";
import { issueFormToken, TOKEN_PATTERN } from "@/lib/feedback/form-token";

export const PUBLIC_PAGE_PATH = "/progress";
export const RENDER_HEADER = "x-kepu-public-render";

/** Request headers that make a request an RSC payload, prefetch or soft navigation: never the HTML document. */
const ROUTER_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "next-action", "next-url"];

/** Response headers of the render that a cached answer repeats (the CSP and HSTS are set fresh per response). */
const KEPT_HEADERS = ["content-type", "cache-control", "vary", "link", "x-content-type-options", "x-frame-options", "referrer-policy"];

/** A rendered page larger than this is not kept (the page is bounded far below it). */
export const MAX_CACHED_BYTES = 2 * 1024 * 1024;

/** The secret of the internal render requests: derived from NEXTAUTH_SECRET, else random per process. */
export function renderSecret(authSecret = process.env.NEXTAUTH_SECRET): string {
  if (authSecret && authSecret.length >= 32) return createHash("sha256").update(`public-page-render:${authSecret}`).digest("hex");
  return createHash("sha256")
    .update(crypto.getRandomValues(new Uint8Array(32)))
    .digest("hex");
}

/** Whether the request is this deployment's own render request (the right secret in RENDER_HEADER). */
export function isInternalRender(request: Request, secret: string): boolean {
  const given = request.headers.get(RENDER_HEADER);
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The locale the page would be rendered in for this request: the NEXT_LOCALE cookie when valid (lib/core/i18n/request.ts). */
export function requestLocale(request: Request): Locale {
  const value = cookieValue(request.headers.get("cookie"), LOCALE_COOKIE);
  return isLocale(value) ? value : defaultLocale;
}

/**
 * The cache key's locale when the request may be answered from the HTML cache, else null:
 * a GET of exactly /progress, no query string, no router header, not a render request.
 */
export function cacheableLocale(request: Request, secret: string): Locale | null {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.pathname !== PUBLIC_PAGE_PATH || url.search !== "") return null;
  if (ROUTER_HEADERS.some((name) => request.headers.has(name))) return null;
  if (isInternalRender(request, secret)) return null;
  return requestLocale(request);
}

/** The nonce a Content-Security-Policy allows scripts with, or null. */
export function policyNonce(policy: string | null): string | null {
  return policy?.match(/'nonce-([^']+)'/)?.[1] ?? null;
}

export interface CachedPage {
  html: string;
  /** The nonce the copy was rendered with. */
  nonce: string;
  headers: [string, string][];
}

export interface PublicPageCacheOptions {
  /** The `public` content stamp, or null when it cannot be read (then nothing is cached). */
  readStamp: () => number | null | Promise<number | null>;
  /** Renders the page in a locale: the page, or null when it did not render cleanly. */
  render: (locale: Locale) => Promise<CachedPage | null>;
}

/** A per-process cache of the rendered page by (locale, stamp), with one render in flight per key. */
export class PublicPageCache {
  private stamp: number | null = null;
  private readonly pages = new Map<Locale, Promise<CachedPage | null>>();
  renders = 0;

  constructor(private readonly options: PublicPageCacheOptions) {}

  /** The current copy for this locale (rendering it when missing), or null when the page cannot be cached now. */
  async page(locale: Locale): Promise<CachedPage | null> {
    const stamp = await this.options.readStamp();
    if (stamp === null) return null;
    // Any other stamp (a newer one, or an older one after a restore from backup) drops every copy.
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.pages.clear();
    }
    let pending = this.pages.get(locale);
    if (!pending) {
      this.renders++;
      pending = this.options.render(locale).catch(() => null);
      this.pages.set(locale, pending);
      void pending.then((page) => {
        // A failed render is not kept: the next request tries again.
        if (page === null && this.pages.get(locale) === pending) this.pages.delete(locale);
      });
    }
    return pending;
  }

  /** The response for a hit: the copy with `nonce` in place of its own, fresh form tokens, and the page's headers plus `headers`. */
  static respond(page: CachedPage, nonce: string, headers: Record<string, string>, now = Date.now()): Response {
    const response = new Response(fillHoles(page, nonce, now), { status: 200, headers: page.headers });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
}

/** A copy cut at every place that differs per response: its nonce and its forms' signed issue times. */
interface CutPage {
  /** UTF-8 bytes between the holes; one more than `holes`. */
  parts: Buffer[];
  holes: ("nonce" | "token")[];
}

const cutPages = new WeakMap<CachedPage, CutPage>();

/**
 * Cut once per copy, so a hit only joins bytes: replacing strings in the whole page and encoding it
 * again on every request took most of a hit's time (about 5 ms for 150 KB) and capped the page
 * near 470 requests a second on two cores.
 */
function cutPage(page: CachedPage): CutPage {
  let cut = cutPages.get(page);
  if (cut) return cut;
  const escapedNonce = page.nonce.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`${escapedNonce}|${TOKEN_PATTERN.source}`, "g");
  const parts: Buffer[] = [];
  const holes: CutPage["holes"] = [];
  let from = 0;
  for (const match of page.html.matchAll(pattern)) {
    parts.push(Buffer.from(page.html.slice(from, match.index)));
    holes.push(match[0] === page.nonce ? "nonce" : "token");
    from = match.index + match[0].length;
  }
  parts.push(Buffer.from(page.html.slice(from)));
  cut = { parts, holes };
  cutPages.set(page, cut);
  return cut;
}

/**
 * The copy's bytes with `nonce` for the render's nonce and one form token issued `now` for every
 * token (the rating forms' signed issue time is per response too, lib/feedback/form-token.ts, or
 * a cached copy's would age).
 */
function fillHoles(page: CachedPage, nonce: string, now: number): Uint8Array<ArrayBuffer> {
  const { parts, holes } = cutPage(page);
  const nonceBytes = Buffer.from(nonce);
  const tokenBytes = holes.includes("token") ? Buffer.from(issueFormToken(now)) : null;
  const chunks: Buffer[] = [];
  parts.forEach((part, i) => {
    chunks.push(part);
    const hole = holes[i];
    if (hole) chunks.push(hole === "nonce" ? nonceBytes : tokenBytes!);
  });
  const body = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

/** Keeps a rendered response when it can be served to anyone: 200, HTML, no cookie set, a nonce in its policy, bounded size. */
export async function keepRendered(response: Response): Promise<CachedPage | null> {
  if (response.status !== 200 || response.headers.has("set-cookie")) return null;
  if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) return null;
  const nonce = policyNonce(response.headers.get("content-security-policy"));
  if (!nonce) return null;
  const html = await response.text();
  if (html.length > MAX_CACHED_BYTES) return null;
  const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
    const value = response.headers.get(name);
    return value === null ? [] : [[name, value]];
  });
  return { html, nonce, headers };
}

/** Where this process listens, for the render request: Next.js's own origin (set by `next start`), else PORT on loopback. */
export function ownOrigin(env: NodeJS.ProcessEnv = process.env): string {
  const origin = env.__NEXT_PRIVATE_ORIGIN;
  if (origin) return origin.replace("//localhost:", "//127.0.0.1:");
  return `http://127.0.0.1:${env.PORT ?? "3000"}`;
}

/** Renders the page through this server: a GET with the render secret and no cookie but the locale. */
export function renderThroughServer(secret: string, origin = ownOrigin()) {
  return async (locale: Locale): Promise<CachedPage | null> => {
    const response = await fetch(`${origin}${PUBLIC_PAGE_PATH}`, {
      headers: { [RENDER_HEADER]: secret, cookie: `${LOCALE_COOKIE}=${locale}`, "accept-encoding": "identity", accept: "text/html" },
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    return keepRendered(response);
  };
}
