import "server-only";
import { headers } from "next/headers";

/** The client's address from request headers: the first hop of X-Forwarded-For, else X-Real-IP. */
export function clientIpFrom(header: (name: string) => string | null | undefined): string | null {
  const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header("x-real-ip") || null;
}

/** The client's address for the audit trail, as Next.js or a proxy in front of it sets the headers. */
export async function clientIp(): Promise<string | null> {
  const h = await headers();
  return clientIpFrom((name) => h.get(name));
}

export async function clientUserAgent(): Promise<string | null> {
  return (await headers()).get("user-agent");
}
