import "server-only";
import type { Actor } from "@/lib/core/actor";
import type { UnitType } from "@/lib/generated/prisma/enums";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";

export interface UnitGroup {
  type: UnitType;
  units: { id: number; name: string }[];
}

/** Units grouped by type, in the order the plan first names them. */
export async function listUnitsByType(actor: Actor | null): Promise<UnitGroup[]> {
  await authorize(actor, PLAN_OPERATIONS.listUnits);
  const units = await db.unit.findMany({
    select: { id: true, name: true, type: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  const groups = new Map<UnitType, UnitGroup>();
  for (const unit of units) {
    const group = groups.get(unit.type) ?? { type: unit.type, units: [] };
    group.units.push({ id: unit.id, name: unit.name });
    groups.set(unit.type, group);
  }
  return [...groups.values()];
}
