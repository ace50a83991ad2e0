import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A district's obligations, as a report condition: the reports its district government owes, and
 * every report on the items of its district plans (whichever unit owes them).
 */
export function districtReports(districtId: number): Prisma.ProgressReportWhereInput {
  return { OR: [{ unitId: districtId }, { item: { plan: { kind: "DISTRICT", districtId } } }] };
}
