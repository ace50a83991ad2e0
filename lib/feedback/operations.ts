import { defineOperations } from "@/lib/core/operations";

/** 公众评价: moderating visitors' comments, and the figures staff read. */
export const FEEDBACK_OPERATIONS = defineOperations({
  /** The moderation queue (/feedback). */
  listQueue: { action: "feedback.queue", permission: "feedback:moderate", objectType: "PublicComment" },
  approveComment: { action: "feedback.approve", permission: "feedback:moderate", objectType: "PublicComment" },
  rejectComment: { action: "feedback.reject", permission: "feedback:moderate", objectType: "PublicComment" },
  /** Counts and average ratings per section on the leadership dashboard. */
  readOverview: { action: "feedback.read", permission: "dashboard:read", objectType: "PublicRating" },
});

/**
 * What an anonymous visitor does on /progress: no session and no permission, so not an operation
 * `authorize` could check; audited with the client address (lib/feedback/server/public.ts). The
 * action is not private in lib/core/content-stamp.ts, so a rating bumps the `public` stamp and the
 * page's cached copies show the new count at once.
 */
export const PUBLIC_FEEDBACK_ACTION = { action: "feedback.rate", objectType: "PlanItem" } as const;
