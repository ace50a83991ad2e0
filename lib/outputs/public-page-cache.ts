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
import { constants as zlib, crc32, deflateRawSync } from "node:zlib";
import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale } from "@/lib/core/i18n/config";
import { issueFormToken, TOKEN_PATTERN } from "@/lib/feedback/form-token";

export const PUBLIC_PAGE_PATH = "/progress";
export const RENDER_HEADER = "x-kepu-public-render";

/** Request headers that make a request an RSC payload, prefetch or soft navigation: never the HTML document. */
export const ROUTER_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-action",
  "next-url",
];

/** Response headers of the render that a cached answer repeats (the CSP and HSTS are set fresh per response). */
const KEPT_HEADERS = [
  "content-type",
  "cache-control",
  "vary",
  "link",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "permissions-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  // What Next.js's client router reads from an RSC payload's answer (a client-side navigation).
  "x-nextjs-deployment-id",
  "x-nextjs-postponed",
  "x-nextjs-stale-time",
  "x-nextjs-rewritten-path",
  "x-nextjs-rewritten-query",
];

/** A rendered page larger than this is not kept (the page is bounded far below it). */
export const MAX_CACHED_BYTES = 2 * 1024 * 1024;

/** The secret of the internal render requests: derived from NEXTAUTH_SECRET, else random per process. */
export function renderSecret(authSecret = process.env.NEXTAUTH_SECRET): string {
  if (authSecret && authSecret.length >= 32) return createHash("sha256").update(`public-page-render:${authSecret}`).digest("hex");
  return createHash("sha256")
    .update(crypto.getRandomValues(new Uint8Array(32)))
    .digest("hex");
}

/** What the cache needs of a request: a fetch `Request`, or a Node.js request seen through `nodeRequestView`. */
export interface RequestView {
  method: string;
  url: string;
  headers: { get(name: string): string | null; has(name: string): boolean };
}

/** Whether the request is this deployment's own render request (the right secret in RENDER_HEADER). */
export function isInternalRender(request: RequestView, secret: string): boolean {
  const given = request.headers.get(RENDER_HEADER);
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The locale the page would be rendered in for this request: the NEXT_LOCALE cookie when valid (lib/core/i18n/request.ts). */
export function requestLocale(request: RequestView): Locale {
  const value = cookieValue(request.headers.get("cookie"), LOCALE_COOKIE);
  return isLocale(value) ? value : defaultLocale;
}

/**
 * The cache key's locale when the request may be answered from the HTML cache, else null:
 * a GET of exactly /progress, no query string, no router header, not a render request.
 */
export function cacheableLocale(request: RequestView, secret: string): Locale | null {
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

  /**
   * The response for a hit from `proxy.ts`: the copy with `nonce` in place of its own, fresh form
   * tokens, and the page's headers plus `headers`. Never compressed here: Next.js drops a proxy
   * response's Content-Encoding and compresses the body itself (`servePublicPage` below Next.js
   * sends the kept compressed parts instead).
   */
  static respond(page: CachedPage, nonce: string, headers: Record<string, string>, now = Date.now()): Response {
    const response = new Response(joined(PublicPageCache.body(page, nonce, now, false)), { status: 200, headers: page.headers });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  /** The body of a hit as byte pieces: the copy with `nonce` and fresh form tokens, as one gzip member when `gzip`. */
  static body(page: CachedPage, nonce: string, now = Date.now(), gzip = false): Buffer[] {
    const chunks = fillHoles(page, nonce, now, gzip);
    return gzip ? gzipMember(chunks) : chunks.map((chunk) => chunk.plain);
  }
}

/** Whether an `Accept-Encoding` header allows gzip (named, or `*`, with a quality above 0). */
export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false;
  const quality = new Map<string, number>();
  for (const entry of header.toLowerCase().split(",")) {
    const [name = "", ...params] = entry.split(";").map((part) => part.trim());
    const q = params.find((param) => param.startsWith("q="));
    quality.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  return (quality.get("gzip") ?? quality.get("*") ?? 0) > 0;
}

/** A copy cut at every place that differs per response: its nonce and its forms' signed issue times. */
interface CutPage {
  /** UTF-8 bytes between the holes; one more than `holes`. */
  parts: Buffer[];
  holes: ("nonce" | "token")[];
  /** Each part compressed once as raw deflate blocks ending in a full flush (made on the first gzip hit). */
  deflated?: Buffer[];
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

/** One piece of a response: its bytes, and (for gzip) the same bytes as deflate blocks. */
interface Chunk {
  plain: Buffer;
  deflated: Buffer | null;
}

/**
 * The copy's pieces with `nonce` for the render's nonce and one form token issued `now` for every
 * token (the rating forms' signed issue time is per response too, lib/feedback/form-token.ts, or
 * a cached copy's would age).
 */
function fillHoles(page: CachedPage, nonce: string, now: number, gzip: boolean): Chunk[] {
  const cut = cutPage(page);
  if (gzip) cut.deflated ??= cut.parts.map((part) => deflateRawSync(part, { finishFlush: zlib.Z_FULL_FLUSH }));
  const nonceBytes = Buffer.from(nonce);
  const tokenBytes = cut.holes.includes("token") ? Buffer.from(issueFormToken(now)) : null;
  const chunks: Chunk[] = [];
  cut.parts.forEach((part, i) => {
    chunks.push({ plain: part, deflated: cut.deflated?.[i] ?? null });
    const hole = cut.holes[i];
    if (hole) {
      const bytes = hole === "nonce" ? nonceBytes : tokenBytes!;
      chunks.push({ plain: bytes, deflated: gzip ? storedBlock(bytes) : null });
    }
  });
  return chunks;
}

/**
 * Compressing a 150–250 KB page on every request costs more than everything else a hit does (a
 * browser always asks for gzip), and a per-response nonce rules out keeping one compressed copy.
 * So each fixed part is compressed once into raw deflate blocks ending in a full flush (byte
 * aligned, no back-references across it), each hole goes in as a stored block, and one gzip member
 * (RFC 1952) wraps them: header, the blocks, a final empty stored block, CRC-32 and length of the
 * whole. Every gzip decoder reads that; only the CRC is computed per response.
 */
function gzipMember(chunks: Chunk[]): Buffer[] {
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
  const finalBlock = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
  let crc = 0;
  let size = 0;
  for (const { plain } of chunks) {
    crc = crc32(plain, crc);
    size += plain.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  return [header, ...chunks.map((chunk) => chunk.deflated!), finalBlock, trailer];
}

/** Bytes as one non-final stored deflate block (the stream is byte-aligned after a full flush). */
function storedBlock(bytes: Buffer): Buffer {
  if (bytes.length > 0xffff) throw new RangeError("stored block too long");
  const head = Buffer.alloc(5);
  head.writeUInt8(0x00, 0);
  head.writeUInt16LE(bytes.length, 1);
  head.writeUInt16LE(~bytes.length & 0xffff, 3);
  return Buffer.concat([head, bytes]);
}

/** The pieces as one body. */
function joined(chunks: Buffer[]): Uint8Array<ArrayBuffer> {
  const body = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

/**
 * Keeps a rendered response when it can be served again: 200, HTML (or, for a client-side
 * navigation, Next.js's RSC payload), no cookie set, a nonce in its policy, bounded size.
 */
export async function keepRendered(
  response: Response,
  contentType: "text/html" | "text/x-component" = "text/html",
): Promise<CachedPage | null> {
  if (response.status !== 200 || response.headers.has("set-cookie")) return null;
  if (!(response.headers.get("content-type") ?? "").startsWith(contentType)) return null;
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
export function renderThroughServer(secret: string, origin?: string) {
  return async (locale: Locale): Promise<CachedPage | null> => {
    // Read at the render, not before: `next start` sets its origin once it listens.
    const response = await fetch(`${origin ?? ownOrigin()}${PUBLIC_PAGE_PATH}`, {
      headers: { [RENDER_HEADER]: secret, cookie: `${LOCALE_COOKIE}=${locale}`, "accept-encoding": "identity", accept: "text/html" },
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    return keepRendered(response);
  };
}
