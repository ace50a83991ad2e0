import { z } from "zod";
import type { AppPrismaClient } from "@/lib/core/db/create-client";
import { UnitType } from "@/lib/generated/prisma/enums";
import unitsFile from "@/prisma/seed-data/units.json";

export const unitSeedSchema = z.object({
  units: z.array(z.object({ name: z.string().min(1), fullName: z.string().min(1), type: z.enum(UnitType) })).min(1),
});

export const unitSeed = unitSeedSchema.parse(unitsFile);

/** Loads the units when the table is empty; returns how many were created. */
export async function seedUnits(client: AppPrismaClient): Promise<number> {
  if ((await client.unit.count()) > 0) return 0;
  const { count } = await client.unit.createMany({
    data: unitSeed.units.map((unit, index) => ({ ...unit, sortOrder: index + 1 })),
  });
  // Every unit's name history starts with the name the plan prints.
  const created = await client.unit.findMany({ select: { id: true, name: true, fullName: true } });
  await client.unitName.createMany({ data: created.map((unit) => ({ unitId: unit.id, name: unit.name, fullName: unit.fullName })) });
  return count;
}
