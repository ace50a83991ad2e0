import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReportEventType } from "@/lib/generated/prisma/enums";

/** One row of a report's timeline (submitted, reviewed, chased…), written in the caller's transaction. */
export function reportEvent(
  report: { id: number; roundId: number; itemId: number; unitId: number },
  type: ReportEventType,
  actor: { userId: number | null; displayName: string },
  now: Date,
  comment: string | null = null,
): Prisma.ReportEventCreateManyInput {
  return {
    reportId: report.id,
    roundId: report.roundId,
    itemId: report.itemId,
    unitId: report.unitId,
    type,
    comment,
    actorId: actor.userId,
    actorName: actor.displayName,
    createdAt: now,
  };
}
