import "server-only";
import type { Actor } from "@/lib/core/actor";
import { appendAudit } from "@/lib/audit/server/record";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { auditTarget } from "@/lib/core/operations";
import { countAtMost, pageInfo, pageWindow, type PageInfo } from "@/lib/core/paging";
import { currentMasterPlanId } from "@/lib/plans/server/periods";
import { FEEDBACK_OPERATIONS } from "../operations";
import type { ModerateCommentInput } from "../schemas";
import { ratingSummaryBySection } from "./ratings";

/**
 * CAST's moderation of visitors' comments (/feedback, permission `feedback:moderate`): the pending
 * queue, oldest first and paged (lib/core/paging.ts), and the decision on one comment. Approving
 * publishes it on /progress (the audit record bumps the `public` content stamp, so cached copies of
 * the page go stale in the same transaction); rejecting needs a reason. Each comment is decided
 * once: the decision is a conditional update on a pending comment, so two moderators cannot both
 * decide it.
 */

export interface QueuedComment {
  id: number;
  text: string;
  createdAt: Date;
  score: number | null;
  section: { id: number; number: string | null; title: string };
}

export interface DecidedComment extends QueuedComment {
  status: "APPROVED" | "REJECTED";
  moderatedAt: Date | null;
  moderatedBy: string | null;
  reason: string | null;
}

const commentSelect = {
  id: true,
  text: true,
  createdAt: true,
  rating: { select: { score: true } },
  planItem: { select: { id: true, number: true, title: true } },
} as const;

/** The pending comments, oldest first (the index PublicComment(status, createdAt)), a page at a time. */
export async function listModerationQueue(
  actor: Actor | null,
  { page = 1, status = "PENDING" }: { page?: number; status?: "PENDING" | "DECIDED" } = {},
): Promise<{ comments: (QueuedComment | DecidedComment)[]; info: PageInfo; pending: number; pendingCapped: boolean }> {
  await authorize(actor, FEEDBACK_OPERATIONS.listQueue);
  const where = status === "PENDING" ? { status: "PENDING" as const } : { status: { in: ["APPROVED" as const, "REJECTED" as const] } };
  const [rows, counted, pending] = await Promise.all([
    db.publicComment.findMany({
      where,
      orderBy: status === "PENDING" ? [{ createdAt: "asc" }, { id: "asc" }] : [{ moderatedAt: "desc" }, { id: "desc" }],
      ...pageWindow({ page }),
      select: { ...commentSelect, status: true, moderatedAt: true, reason: true, moderatedBy: { select: { displayName: true } } },
    }),
    countAtMost((args) => db.publicComment.count({ where, ...args })),
    countAtMost((args) => db.publicComment.count({ where: { status: "PENDING" }, ...args })),
  ]);
  return {
    comments: rows.map((row) => ({
      id: row.id,
      text: row.text,
      createdAt: row.createdAt,
      score: row.rating?.score ?? null,
      section: row.planItem,
      status: row.status === "PENDING" ? undefined : row.status,
      moderatedAt: row.moderatedAt,
      moderatedBy: row.moderatedBy?.displayName ?? null,
      reason: row.reason,
    })) as (QueuedComment | DecidedComment)[],
    info: pageInfo({ page }, counted),
    pending: pending.total,
    pendingCapped: pending.capped,
  };
}

/** Approves or rejects one pending comment; audited with the decision and the reason. */
export async function moderateComment(actor: Actor | null, input: ModerateCommentInput, now = new Date()) {
  const operation = input.decision === "approve" ? FEEDBACK_OPERATIONS.approveComment : FEEDBACK_OPERATIONS.rejectComment;
  const moderator = await authorize(actor, operation, input.commentId);
  const status = input.decision === "approve" ? "APPROVED" : "REJECTED";
  await db.$transaction(async (tx) => {
    const { count } = await tx.publicComment.updateMany({
      where: { id: input.commentId, status: "PENDING" },
      data: { status, moderatedById: moderator.userId, moderatedAt: now, reason: input.reason ?? null },
    });
    if (count !== 1) {
      const exists = await tx.publicComment.findUnique({ where: { id: input.commentId }, select: { id: true } });
      throw exists ? new AppError("CONFLICT", "feedbackAlreadyModerated") : new AppError("NOT_FOUND");
    }
    await appendAudit(
      tx,
      {
        ...auditTarget(operation, input.commentId),
        actor: moderator,
        result: "SUCCESS",
        details: { before: { status: "PENDING" }, after: { status, reason: input.reason ?? null } },
      },
      now,
    );
  });
  return { status };
}

/**
 * Counts and average ratings per section of the current master plan, for the leadership dashboard
 * (`dashboard:read`): sections with their number and title, in plan order; bounded by the sections.
 */
export async function feedbackOverview(actor: Actor | null) {
  await authorize(actor, FEEDBACK_OPERATIONS.readOverview);
  const masterId = await currentMasterPlanId();
  if (masterId === null) return { sections: [], pending: 0 };
  const [summary, sections, pending] = await Promise.all([
    ratingSummaryBySection(masterId),
    db.planItem.findMany({
      where: { planId: masterId, kind: "SECTION" },
      orderBy: [{ parentId: { sort: "asc", nulls: "first" } }, { position: "asc" }],
      select: { id: true, number: true, title: true },
    }),
    db.publicComment.count({ where: { status: "PENDING" } }),
  ]);
  return {
    sections: sections.map((section) => ({ ...section, ...(summary.get(section.id) ?? { count: 0, average: null, comments: 0 }) })),
    pending,
  };
}
