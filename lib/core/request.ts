import "server-only";
import { headers } from "next/headers";
import { FORWARDED_HEADERS_FLAG, FORWARDED_HEADERS_NORMALIZED, normalizeAddress } from "./trusted-proxy";

/**
 * The client's address from request headers. Believed only when scripts/support/trusted-proxy.mjs
 * rewrote them (as `npm start` runs the server): X-Forwarded-For then holds the one address the
 * TRUST_PROXY rules resolved (lib/core/trusted-proxy.ts). Otherwise the header is whatever the
 * client sent, so no address is recorded. X-Real-IP is never believed.
 */
export function clientIpFrom(header: (name: string) => string | null | undefined): string | null {
  if (process.env[FORWARDED_HEADERS_FLAG] !== FORWARDED_HEADERS_NORMALIZED) return null;
  return normalizeAddress(header("x-forwarded-for")?.split(",")[0]);
}

/** The client's address for the audit trail, as Next.js or a proxy in front of it sets the headers. */
export async function clientIp(): Promise<string | null> {
  const h = await headers();
  return clientIpFrom((name) => h.get(name));
}

export async function clientUserAgent(): Promise<string | null> {
  return (await headers()).get("user-agent");
}
