/**
 * The Content-Security-Policy and HSTS of every page, set per request by `proxy.ts` (the other
 * response headers that never change — nosniff, frame and referrer policy, COOP and CORP — are
 * `FIXED_RESPONSE_HEADERS`, from `fixed-response-headers.json`). Plain code: no `server-only`, no database; the proxy runs before any page.
 *
 * Scripts: only the portal's own files and inline scripts carrying this response's nonce. Next.js
 * reads the nonce from the request's `Content-Security-Policy` header and puts it on every script
 * it writes; `'strict-dynamic'` lets those scripts load the chunks they need.
 * Styles: `<style>` and `<link>` elements only from the portal or with the nonce. Style
 * *attributes* (`style="…"`, written by React for Recharts' chart sizes, Radix's dialogs and a few
 * progress bars) cannot carry a nonce, so `style-src-attr 'unsafe-inline'` allows them, and only
 * them: an attribute can change how an element looks but cannot load anything (`img-src`,
 * `font-src` and `default-src` stay 'self') or run script.
 */
import fixedResponseHeaders from "./fixed-response-headers.json";

/**
 * The response headers that never change, on every answer: `next.config.ts` gives them to Next.js
 * (it loads that file on its own and can read JSON but not this module), and the request hooks that
 * answer below Next.js set them themselves. No other site's window keeps a handle on a portal
 * window, and no other site may embed the portal's files.
 */
export const FIXED_RESPONSE_HEADERS: readonly { key: string; value: string }[] = fixedResponseHeaders;

/** The evidence preview sets its own, stricter policy (`default-src 'none'; sandbox`); keep it. */
const OWN_POLICY = /^\/attachments\/[^/]+\/preview\/?$/;

/** A fresh nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    // React's development build rebuilds server error stacks with eval; production never needs it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** HSTS only where the portal is served over https: a browser would otherwise refuse plain http for a year. */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
}

export interface SecurityHeaders {
  /** Headers to add to the request as the page sees it (the nonce for Next.js). */
  request: Record<string, string>;
  /** Headers to add to the response. */
  response: Record<string, string>;
}

export function securityHeaders(
  pathname: string,
  { publicUrl = process.env.NEXTAUTH_URL, development = process.env.NODE_ENV === "development", nonce = createNonce() } = {},
): SecurityHeaders {
  const response: Record<string, string> = {};
  const request: Record<string, string> = {};
  if (!OWN_POLICY.test(pathname)) {
    const policy = contentSecurityPolicy(nonce, { development });
    request["content-security-policy"] = policy;
    request["x-nonce"] = nonce;
    response["Content-Security-Policy"] = policy;
  }
  const hsts = strictTransportSecurity(publicUrl);
  if (hsts) response["Strict-Transport-Security"] = hsts;
  return { request, response };
}
