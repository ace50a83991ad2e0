import { NextResponse, type NextRequest } from "next/server";
import { guardServerAction, guardServerActionBody } from "@/lib/core/http-guards";
import { createNonce, securityHeaders } from "@/lib/core/security-headers";
import { cacheableLocale, PublicPageCache } from "@/lib/outputs/public-page-cache";
import { sharedPublicPage } from "@/lib/outputs/server/public-page-server";

/**
 * Runs before every request to a page (Next.js 16's proxy, formerly middleware). Server actions
 * from another origin, with a body over the limit or one Next.js cannot decode get a 4xx with a
 * Chinese message here instead of Next.js's 500 (lib/core/http-guards.ts). A full-document GET of
 * the public page is answered from this process's HTML cache, keyed by the `public` content stamp
 * and the locale, with a fresh nonce (lib/outputs/public-page-cache.ts), when the server's request
 * hook has not already answered it below Next.js (lib/outputs/server/public-page-server.ts). Everything else
 * passes through with a fresh Content-Security-Policy nonce and HSTS (lib/core/security-headers.ts);
 * access control stays in the data layer.
 */
export async function proxy(request: NextRequest): Promise<Response | undefined> {
  return (
    guardServerAction(request) ??
    (await guardServerActionBody(request)) ??
    (await fromPublicPageCache(request)) ??
    withSecurityHeaders(request)
  );
}

/** The public page from the HTML cache, or null to render it as usual (not cacheable, or no copy could be made). */
async function fromPublicPageCache(request: NextRequest): Promise<Response | null> {
  const { secret, cache } = sharedPublicPage();
  const locale = cacheableLocale(request, secret);
  if (locale === null) return null;
  const page = await cache.page(locale);
  if (!page) return null;
  const nonce = createNonce();
  return PublicPageCache.respond(page, nonce, securityHeaders(request.nextUrl.pathname, { nonce }).response);
}

/** A fresh CSP nonce for the page (Next.js reads it from the request's policy) and HSTS (lib/core/security-headers.ts). */
function withSecurityHeaders(request: NextRequest): Response {
  const headers = securityHeaders(request.nextUrl.pathname);
  const requestHeaders = new Headers(request.headers);
  for (const [name, value] of Object.entries(headers.request)) requestHeaders.set(name, value);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers.response)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: not the assets, not NextAuth's and the health check's routes.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
