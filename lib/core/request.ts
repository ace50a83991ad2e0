import "server-only";
import { headers } from "next/headers";

/** The client's address for the audit trail: the first hop of X-Forwarded-For, as Next.js or a proxy sets it. */
export async function clientIp(): Promise<string | null> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || null;
}

export async function clientUserAgent(): Promise<string | null> {
  return (await headers()).get("user-agent");
}
