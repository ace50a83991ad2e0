import "server-only";
import type { Actor } from "@/lib/core/actor";
import { deny } from "@/lib/core/authz";
import { AppError } from "@/lib/core/errors";
import { mayAttemptOnAny, type OperationSpec } from "@/lib/core/operations";
import { can } from "@/lib/core/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PlanKind, PlanStatus } from "@/lib/generated/prisma/enums";

/** What the edit rule needs to know about a plan. */
export interface PlanEditFacts {
  id: number;
  kind: PlanKind;
  status: PlanStatus;
  districtId: number | null;
}

/**
 * Whether the actor may change this plan (its particulars, items, units, links): CAST staff any
 * plan; a district liaison (`plan:district`) only a DISTRICT plan of their own district. An ENDED
 * plan is read-only for everyone. Call after `authorize(actor, operation)`.
 */
export function mayEditPlan(actor: Actor, operation: OperationSpec, plan: PlanEditFacts): boolean {
  if (plan.status === "ENDED") return false;
  if (mayAttemptOnAny(actor.role, operation)) return true;
  return plan.kind === "DISTRICT" && plan.districtId !== null && plan.districtId === actor.unitId;
}

/**
 * The ownership and period check of every plan write, after `authorize`: a refusal is audited
 * (DENIED, nothing changed) and thrown — FORBIDDEN for another district's plan, CONFLICT
 * (errors.planEnded) for a plan whose period has ended.
 */
export async function assertMayEditPlan(actor: Actor, operation: OperationSpec, plan: PlanEditFacts, objectId?: string | number) {
  if (plan.status === "ENDED") {
    await deny(actor, operation, objectId ?? plan.id, "plan_ended", "FORBIDDEN").catch(() => undefined);
    throw new AppError("CONFLICT", "planEnded");
  }
  if (!mayEditPlan(actor, operation, plan)) await deny(actor, operation, objectId ?? plan.id, "not_own_district_plan");
}

/**
 * Which plans the actor may read: a DRAFT only by those who may edit it (CAST staff; a district
 * liaison their own district's draft); published and ended plans by everyone with plan:read.
 * A Prisma condition on Plan, for every read of plans and their items.
 */
export function visiblePlans(actor: Actor): Prisma.PlanWhereInput {
  if (can(actor.role, "plan:edit")) return {};
  const own = actor.unitId !== null && can(actor.role, "plan:district") ? [{ kind: "DISTRICT" as const, districtId: actor.unitId }] : [];
  return { OR: [{ status: { not: "DRAFT" } }, ...own] };
}

/** The same rule for one plan already read. */
export function mayReadPlan(actor: Actor, plan: Pick<PlanEditFacts, "kind" | "status" | "districtId">): boolean {
  if (plan.status !== "DRAFT" || can(actor.role, "plan:edit")) return true;
  return can(actor.role, "plan:district") && plan.kind === "DISTRICT" && plan.districtId !== null && plan.districtId === actor.unitId;
}
