import { NextResponse, type NextRequest } from "next/server";
import { guardServerAction, guardServerActionBody } from "@/lib/core/http-guards";
import { securityHeaders } from "@/lib/core/security-headers";

/**
 * Runs before every request to a page (Next.js 16's proxy, formerly middleware). Server actions
 * from another origin, with a body over the limit or one Next.js cannot decode get a 4xx with a
 * Chinese message here instead of Next.js's 500 (lib/core/http-guards.ts). Everything else
 * passes through with a fresh Content-Security-Policy nonce and HSTS (lib/core/security-headers.ts);
 * access control stays in the data layer.
 */
export async function proxy(request: NextRequest): Promise<Response | undefined> {
  return guardServerAction(request) ?? (await guardServerActionBody(request)) ?? withSecurityHeaders(request);
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
