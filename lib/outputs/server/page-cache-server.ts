import type { IncomingMessage, ServerResponse } from "node:http";
import { decode } from "next-auth/jwt";
import { sessionCookieName } from "@/lib/core/auth/session-cookie";
import { resolveSession } from "@/lib/core/auth/sessions";
import { VIEWS_STAMP } from "@/lib/core/content-stamp";
import { readContentStampForProxy } from "@/lib/core/db/stamp-reader";
import type { RequestHook } from "@/lib/core/server/request-hooks";
import { clientIpFrom } from "@/lib/core/request";
import {
  cookieValue,
  isInternalRender,
  keepRendered,
  ownOrigin,
  RENDER_HEADER,
  renderSecret,
  requestLocale,
  ROUTER_HEADERS,
  type CachedPage,
} from "@/lib/outputs/public-page-cache";
import { SessionPageCache } from "@/lib/outputs/session-page-cache";
import { nodeRequestView, sendCachedPage } from "./public-page-server";

/**
 * The heaviest signed-in pages answered below Next.js from a per-session copy
 * (lib/outputs/session-page-cache.ts says why and when a copy is kept). For a GET of one of
 * `CACHED_PAGES` with a session cookie — the HTML document, or the RSC payload a click on a link
 * fetches (client-side navigation) — the hook here:
 *
 * 1. checks the session exactly as every page does (`resolveSession`: ended, idle, expired, user
 *    disabled; it also keeps the session alive and ends a timed-out one) and hands the request to
 *    Next.js when there is no valid session or the password must be changed, so the login redirect
 *    and its reason stay Next.js's;
 * 2. reads the `views` content stamp (one primary-key read);
 * 3. answers from the copy for (session, locale, path and query, and a navigation's router state)
 *    at that stamp, or renders it by asking this server for the same URL with the visitor's own
 *    cookies (and router headers) and the render header, which makes this hook let that request
 *    through; it keeps the answer when it is a plain 200 without Set-Cookie.
 *
 * Anything else (prefetches, server actions, other paths and methods, a failure anywhere) goes to
 * Next.js untouched.
 */

/** The pages kept: lists and boards that grow with the data and are read far more than written. */
export const CACHED_PAGES: readonly RegExp[] = [
  /^\/dashboard$/,
  /^\/division$/,
  /^\/review$/,
  /^\/rounds$/,
  /^\/rounds\/\d+$/,
  /^\/my-tasks$/,
  /^\/reports\/\d+$/,
];

const SHARED = Symbol.for("kepu-portal.session-page-cache");

interface Shared {
  secret: string;
  cache: SessionPageCache;
  render: (pathAndQuery: string, cookie: string, navigation?: Record<string, string> | null) => Promise<CachedPage | null>;
}

/** This process's cache of signed-in pages. */
export function sharedSessionPages(): Shared {
  const store = globalThis as { [SHARED]?: Shared };
  if (!store[SHARED]) {
    const secret = renderSecret();
    store[SHARED] = { secret, cache: new SessionPageCache(), render: renderWithCookies(secret) };
  }
  return store[SHARED];
}

/**
 * The request headers of a client-side navigation that decide its RSC payload: Next.js renders only
 * the segments the client's router state lacks, so the same URL gives a different payload from
 * another page. They are part of a navigation's key and forwarded to its render.
 */
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-url"] as const;

/** What the browser asked for: the HTML document, or the RSC payload of a click on a link. */
export type PageRequestKind = "document" | "navigation";

/** Renders a page through this server as the visitor: their cookies (and a navigation's router headers), the render header, no compression. */
export function renderWithCookies(secret: string, origin?: string) {
  return async (pathAndQuery: string, cookie: string, navigation: Record<string, string> | null = null): Promise<CachedPage | null> => {
    const response = await fetch(`${origin ?? ownOrigin()}${pathAndQuery}`, {
      headers: {
        ...navigation,
        [RENDER_HEADER]: secret,
        cookie,
        "accept-encoding": "identity",
        accept: navigation ? "*/*" : "text/html",
      },
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    return keepRendered(response, navigation ? "text/x-component" : "text/html");
  };
}

/** The session id in the request's next-auth cookie, or null (none, or not one this deployment signed). */
export async function sessionIdOf(cookieHeader: string | null, secret = process.env.NEXTAUTH_SECRET): Promise<string | null> {
  const token = cookieValue(cookieHeader, sessionCookieName());
  if (!token || !secret) return null;
  try {
    const payload = await decode({ token, secret });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}

/**
 * Whether the request is a GET of a kept page that a copy may answer, and which kind: the HTML
 * document, or the RSC payload of a client-side navigation (`RSC: 1`). Never a prefetch, a server
 * action, a request without a session cookie or the hook's own render.
 */
export function cachedPageRequest(request: IncomingMessage, secret: string): PageRequestKind | null {
  if (request.method !== "GET") return null;
  const url = request.url ?? "";
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  if (!CACHED_PAGES.some((page) => page.test(pathname))) return null;
  const view = nodeRequestView(request);
  if (!cookieValue(view.headers.get("cookie"), sessionCookieName())) return null;
  if (isInternalRender(view, secret)) return null;
  const navigation = view.headers.get("rsc") === "1";
  const allowed: readonly string[] = navigation ? NAVIGATION_HEADERS : [];
  if (ROUTER_HEADERS.some((name) => !allowed.includes(name) && view.headers.has(name))) return null;
  return navigation ? "navigation" : "document";
}

/**
 * Answers a kept page from this session's copy (rendering it on a miss) and resolves true, or
 * resolves false having written nothing, for Next.js to answer as usual.
 */
export async function serveSessionPage(
  request: IncomingMessage,
  response: ServerResponse,
  shared = sharedSessionPages(),
): Promise<boolean> {
  const kind = cachedPageRequest(request, shared.secret);
  if (kind === null) return false;
  const view = nodeRequestView(request);
  const cookie = view.headers.get("cookie") ?? "";
  const sessionId = await sessionIdOf(cookie);
  if (!sessionId) return false;
  const { actor } = await resolveSession(
    sessionId,
    clientIpFrom((name) => view.headers.get(name)),
  );
  if (!actor || actor.mustChangePassword) return false;
  const stamp = await readContentStampForProxy(VIEWS_STAMP);
  if (stamp === null) return false;
  const url = new URL(view.url);
  const pathAndQuery = `${url.pathname}${url.search}`;
  const navigation =
    kind === "navigation"
      ? Object.fromEntries(NAVIGATION_HEADERS.flatMap((name) => (view.headers.has(name) ? [[name, view.headers.get(name)!]] : [])))
      : null;
  const key = [sessionId, requestLocale(view), pathAndQuery, ...NAVIGATION_HEADERS.map((name) => navigation?.[name] ?? "")].join("\n");
  const page = await shared.cache.page(key, stamp, () => shared.render(pathAndQuery, cookie, navigation));
  if (!page || response.headersSent) return false;
  sendCachedPage(view, response, page);
  return true;
}

/** The hook for the kept signed-in pages (the rules are `serveSessionPage`'s). */
export function sessionPageHook(shared?: Shared): RequestHook {
  return {
    wants: (request) => cachedPageRequest(request, (shared ?? sharedSessionPages()).secret) !== null,
    serve: (request, response) => serveSessionPage(request, response, shared ?? sharedSessionPages()),
  };
}
