/**
 * The session cookie ends with the browser session. next-auth 4 always writes its session cookie
 * with `Expires` (now + session.maxAge), so a closed browser would still hold a valid cookie for up
 * to 12 hours; its options cannot turn that off. The auth route passes every response through
 * here, which drops `Expires` and `Max-Age` from the session-token cookie (and its chunks).
 * A deletion (sign-out: an empty value that expires at once) is left as it is. The limits
 * themselves stay on the server: the session row's idle and absolute expiry (lib/core/session.ts)
 * and the JWT's own `exp`.
 */

/** next-auth's name for the session cookie, with `__Secure-` over https, and `.0`, `.1`… when chunked. */
const SESSION_COOKIE = /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?$/;

/** The session cookie's name as next-auth sets it for this deployment (`__Secure-` when served over https; lib/core/auth/next-auth.ts). */
export function sessionCookieName(publicUrl = process.env.NEXTAUTH_URL): string {
  return publicUrl?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

function isDeletion(cookie: string): boolean {
  const value = cookie
    .slice(cookie.indexOf("=") + 1)
    .split(";")[0]
    ?.trim();
  return value === "" || /;\s*max-age=0\s*(;|$)/i.test(cookie);
}

/** One Set-Cookie value with no lifetime of its own when it is the session cookie. */
export function withoutLifetime(cookie: string): string {
  const name = cookie.slice(0, cookie.indexOf("=")).trim();
  if (!SESSION_COOKIE.test(name) || isDeletion(cookie)) return cookie;
  return cookie
    .split(";")
    .filter((part, index) => index === 0 || !/^\s*(expires|max-age)\s*=/i.test(part))
    .join(";");
}

/** The response with its session cookie turned into a browser-session cookie. */
export function sessionCookiesEndWithBrowser(response: Response): Response {
  const cookies = response.headers.getSetCookie();
  if (cookies.length === 0) return response;
  const rewritten = cookies.map(withoutLifetime);
  if (rewritten.every((cookie, index) => cookie === cookies[index])) return response;
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of rewritten) headers.append("set-cookie", cookie);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
