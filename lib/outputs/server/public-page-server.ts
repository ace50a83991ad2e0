import type { IncomingMessage, ServerResponse } from "node:http";
import { PUBLIC_STAMP } from "@/lib/core/content-stamp";
import type { RequestHook } from "@/lib/core/server/request-hooks";
import { readContentStampForProxy } from "@/lib/core/db/stamp-reader";
import { createNonce, securityHeaders } from "@/lib/core/security-headers";
import {
  acceptsGzip,
  cacheableLocale,
  PUBLIC_PAGE_PATH,
  PublicPageCache,
  type CachedPage,
  isInternalRender,
  renderSecret,
  renderThroughServer,
  type RequestView,
} from "@/lib/outputs/public-page-cache";

/**
 * The public page's HTML cache, served below Next.js. `proxy.ts` can answer /progress from the
 * cache too, but whatever it returns goes through Next.js's response path, which drops the
 * response's Content-Encoding and gzips the whole page again for every browser (they all ask for
 * gzip): a third of the answers a second. So each server process of `npm start` answers a
 * cacheable GET of /progress before Next.js sees it — in the HTTP server's request event, through
 * the hook `publicPageHook` (installed by instrumentation.ts, lib/core/server/request-hooks.ts) and the
 * worker preload `scripts/support/request-hook.mjs` calls — sending the copy's compressed parts
 * kept with it (lib/outputs/public-page-cache.ts). Everything else, and /progress whenever no copy
 * can be had, goes to Next.js untouched. Without the preload (`next dev`, a bare `next start`) the
 * proxy keeps serving the cache uncompressed.
 *
 * Both paths share one cache per process (a global, because the proxy and instrumentation are
 * separate bundles), so a change renders the page once, not once per path.
 */

const SHARED = Symbol.for("kepu-portal.public-page-cache");

interface SharedCache {
  secret: string;
  cache: PublicPageCache;
}

/** This process's cache of the public page and the secret of its render requests. */
export function sharedPublicPage(): SharedCache {
  const store = globalThis as { [SHARED]?: SharedCache };
  if (!store[SHARED]) {
    const secret = renderSecret();
    const cache = new PublicPageCache({ readStamp: () => readContentStampForProxy(PUBLIC_STAMP), render: renderThroughServer(secret) });
    store[SHARED] = { secret, cache };
  }
  return store[SHARED];
}

/** A Node.js request seen as the cache's rules read a request. */
export function nodeRequestView(request: IncomingMessage): RequestView {
  const header = (name: string) => {
    const value = request.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  };
  return {
    method: request.method ?? "GET",
    url: new URL(request.url ?? "/", "http://portal.invalid").href,
    headers: { get: header, has: (name) => header(name) !== null },
  };
}

/**
 * Answers a GET of /progress from the cache: the copy with a fresh nonce (named by this response's
 * Content-Security-Policy) and fresh form tokens, gzip-encoded when the request allows it, with the
 * headers the render had (content type, no-store, frame/referrer/permission policies…). Resolves
 * false, having written nothing, when the request is not one the cache answers or no copy can be
 * had (the stamp cannot be read, the render failed).
 */
export async function servePublicPage(request: IncomingMessage, response: ServerResponse, shared = sharedPublicPage()): Promise<boolean> {
  const view = nodeRequestView(request);
  const locale = cacheableLocale(view, shared.secret);
  if (locale === null) return false;
  const page = await shared.cache.page(locale);
  if (!page || response.headersSent) return false;
  sendCachedPage(view, response, page);
  return true;
}

/**
 * Sends a kept copy as the answer: a fresh nonce (named by this response's Content-Security-Policy)
 * and fresh form tokens, gzip-encoded when the request allows it, with the headers the render had.
 */
export function sendCachedPage(view: RequestView, response: ServerResponse, page: CachedPage): void {
  const nonce = createNonce();
  const gzip = acceptsGzip(view.headers.get("accept-encoding"));
  const body = Buffer.concat(PublicPageCache.body(page, nonce, Date.now(), gzip));
  for (const [name, value] of page.headers) response.setHeader(name, value);
  const { pathname } = new URL(view.url);
  for (const [name, value] of Object.entries(securityHeaders(pathname, { nonce }).response)) response.setHeader(name, value);
  const vary = response.getHeader("vary");
  if (
    !String(vary ?? "")
      .toLowerCase()
      .includes("accept-encoding")
  )
    response.setHeader("vary", vary ? `${String(vary)}, Accept-Encoding` : "Accept-Encoding");
  if (gzip) response.setHeader("content-encoding", "gzip");
  response.setHeader("content-length", body.length);
  response.statusCode = 200;
  response.end(body);
}

/**
 * Whether a request is this deployment's own render of the public page (the render header with
 * the right secret): it never waits for a turn (lib/core/server/request-hooks.ts), since the
 * request that asked for it — proxy.ts inside Next.js — may hold one.
 */
export function isPublicPageRender(request: IncomingMessage, shared = sharedPublicPage()): boolean {
  return request.url === PUBLIC_PAGE_PATH && isInternalRender(nodeRequestView(request), shared.secret);
}

/** The hook for the public page: GETs of /progress (the rest of the rules are `servePublicPage`'s). */
export function publicPageHook(shared?: SharedCache): RequestHook {
  return {
    wants: (request) => request.method === "GET" && request.url === PUBLIC_PAGE_PATH,
    serve: (request, response) => servePublicPage(request, response, shared ?? sharedPublicPage()),
  };
}
