import "server-only";
import { can, type Permission } from "@/lib/core/permissions";
import type { Actor } from "@/lib/core/actor";
import { audit } from "../audit/server/record";
import { AppError } from "./errors";
import { clientIp } from "./request";

/** What is being attempted, named as it will appear in the audit trail. */
export interface Operation {
  /** e.g. `user.create`, `audit.export`, `plan.read` */
  action: string;
  objectType?: string;
  objectId?: string | number | null;
}

/** Records the refusal, then throws: a denied attempt changes nothing and is always audited. */
export async function deny(
  actor: Actor | null,
  operation: Operation,
  reason: string,
  code: "UNAUTHENTICATED" | "FORBIDDEN" | "PASSWORD_CHANGE_REQUIRED" | "NOT_FOUND" = "FORBIDDEN",
): Promise<never> {
  // With no actor, the request's address is all the trail can say about who tried.
  const ip = actor ? actor.ip : await clientIp().catch(() => null);
  await audit({ ...operation, actor, ip, result: "DENIED", reason });
  throw new AppError(code);
}

/**
 * The check at the top of every data-layer function: a signed-in actor whose role has the
 * permission. Ownership of the object (a liaison's own unit) is checked by the caller
 * after this, with `deny` on failure.
 */
export async function authorize(actor: Actor | null, permission: Permission, operation: Operation): Promise<Actor> {
  if (!actor) return deny(null, operation, "unauthenticated", "UNAUTHENTICATED");
  if (actor.mustChangePassword && permission !== "account:self") {
    return deny(actor, operation, "password_change_required", "PASSWORD_CHANGE_REQUIRED");
  }
  if (!can(actor.role, permission)) return deny(actor, operation, `role ${actor.role} lacks ${permission}`);
  return actor;
}
