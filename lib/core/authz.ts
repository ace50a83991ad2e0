import "server-only";
import type { Actor } from "@/lib/core/actor";
import { audit } from "@/lib/audit/server/record";
import { auditTarget, mayAttempt, type OperationSpec } from "./operations";
import { AppError } from "./errors";
import { clientIp } from "./request";

type RefusalCode = "UNAUTHENTICATED" | "FORBIDDEN" | "PASSWORD_CHANGE_REQUIRED" | "NOT_FOUND";

/** Records the refusal, then throws: a denied attempt changes nothing and is always audited. */
export async function deny(
  actor: Actor | null,
  operation: OperationSpec,
  objectId: string | number | null | undefined,
  reason: string,
  code: RefusalCode = "FORBIDDEN",
): Promise<never> {
  // With no actor, the request's address is all the trail can say about who tried.
  const ip = actor ? actor.ip : await clientIp().catch(() => null);
  await audit({ ...auditTarget(operation, objectId), actor, ip, result: "DENIED", reason });
  throw new AppError(code);
}

/**
 * The check at the top of every data-layer function: a signed-in actor whose role has the
 * operation's permission. Ownership of the object (a liaison's own unit) is checked by the
 * caller after this, with `deny` on failure.
 */
export async function authorize(actor: Actor | null, operation: OperationSpec, objectId?: string | number | null): Promise<Actor> {
  if (!actor) return deny(null, operation, objectId, "unauthenticated", "UNAUTHENTICATED");
  if (actor.mustChangePassword && operation.permission !== "account:self") {
    return deny(actor, operation, objectId, "password_change_required", "PASSWORD_CHANGE_REQUIRED");
  }
  // An operation with an owned-object permission lets its holder through here; the data layer
  // then checks the object is theirs (mayAttemptOnAny tells it whether that check applies).
  if (!mayAttempt(actor.role, operation)) return deny(actor, operation, objectId, `role ${actor.role} lacks ${operation.permission}`);
  return actor;
}
