import type { Actor } from "@/lib/core/actor";
import type { Role } from "@/lib/core/permissions";
import { actorFromUser, userWithUnit } from "@/lib/core/auth/sessions";
import { db } from "@/lib/core/db";

/** The demo account used to act as each role in tests (seeded into every test database). */
export const DEMO_USERNAME: Record<Role, string> = {
  ADMIN: "kxadmin",
  LIAISON: "jyj",
  LEADER: "leader",
  AUDITOR: "auditor",
  USER_ADMIN: "useradmin",
};

export const DEMO_PASSWORD = "Kepu#2025";

export async function actorFor(username: string, sessionId: string | null = null): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, include: userWithUnit });
  return actorFromUser(user, sessionId, "127.0.0.1");
}

export function actorForRole(role: Role): Promise<Actor> {
  return actorFor(DEMO_USERNAME[role]);
}

/** The audit rows written after `afterId`, oldest first. */
export async function auditSince(afterId: number) {
  return db.auditEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" } });
}

export async function lastAuditId(): Promise<number> {
  return (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}
