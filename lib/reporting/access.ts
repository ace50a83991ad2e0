import type { Actor } from "@/lib/core/actor";
import { can } from "@/lib/core/permissions";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

/**
 * Whose reporting history (the unit timeline) an actor may read: CAST staff and leaders every
 * unit's, a liaison only their own unit's. The data layer enforces it; pages ask it to decide
 * whether to show the timeline at all.
 */
export function canReadUnitTimeline(actor: Pick<Actor, "role" | "unitId">, unitId: number): boolean {
  if (!can(actor.role, REPORTING_OPERATIONS.unitTimeline.permission)) return false;
  return actor.role !== "LIAISON" || actor.unitId === unitId;
}
