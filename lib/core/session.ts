import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Actor } from "@/lib/core/actor";
import { authOptions } from "./auth/next-auth";
import { resolveSession, type SessionState } from "./auth/sessions";
import { clientIp } from "./request";

/**
 * The single identity choke point: every page, action and route handler learns who is
 * acting from here. Decodes the next-auth cookie, then checks the session row in the
 * database (revocation, idle and absolute timeouts). Once per request.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getServerSession(authOptions());
  if (!session?.sid) return { actor: null, reason: "none" };
  return resolveSession(session.sid, await clientIp());
});

export async function getActor(): Promise<Actor | null> {
  return (await getSessionState()).actor;
}
