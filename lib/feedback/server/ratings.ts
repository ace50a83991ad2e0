import "server-only";
import { db } from "@/lib/core/db";

/**
 * 公众评价 per section of a plan: how many ratings, their average (1–5), and how many comments are
 * published (approved). Shown on the dashboard and in the summary evaluation.
 *
 * A building block for data layers that have already authorized their caller (the dashboard's
 * `feedbackOverview` with `dashboard:read`, the summary evaluation with its own permission): it
 * takes no actor and audits nothing, and what it returns is public anyway (the same figures are on
 * /progress). Bounded by the plan's sections: three small queries, two of them grouped over the
 * indexes (PublicRating(planItemId, score), PublicComment(planItemId, status, createdAt)).
 */
export interface SectionRatingSummary {
  /** Ratings given to the section. */
  count: number;
  /** Their average score (not rounded), or null without ratings. */
  average: number | null;
  /** Approved (published) comments on the section. */
  comments: number;
}

export async function ratingSummaryBySection(planId: number): Promise<Map<number, SectionRatingSummary>> {
  const sections = await db.planItem.findMany({
    where: { planId, kind: "SECTION" },
    orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }],
    select: { id: true },
  });
  const ids = sections.map((section) => section.id);
  const summary = new Map<number, SectionRatingSummary>(ids.map((id) => [id, { count: 0, average: null, comments: 0 }]));
  if (ids.length === 0) return summary;
  const [ratings, comments] = await Promise.all([
    db.publicRating.groupBy({ by: ["planItemId"], where: { planItemId: { in: ids } }, _count: { _all: true }, _avg: { score: true } }),
    db.publicComment.groupBy({ by: ["planItemId"], where: { planItemId: { in: ids }, status: "APPROVED" }, _count: { _all: true } }),
  ]);
  for (const row of ratings) {
    const entry = summary.get(row.planItemId)!;
    entry.count = row._count._all;
    entry.average = row._avg.score === null ? null : Number(row._avg.score);
  }
  for (const row of comments) summary.get(row.planItemId)!.comments = row._count._all;
  return summary;
}
