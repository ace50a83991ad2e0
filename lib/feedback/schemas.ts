import { z } from "zod";
import { idField, optionalField } from "@/lib/core/form";

/** The longest comment a visitor may leave (characters). */
export const COMMENT_MAX_LENGTH = 500;
/** The longest moderation reason. */
export const REASON_MAX_LENGTH = 500;

/**
 * A visitor's rating of a section, with an optional comment. `website` is the honeypot (hidden
 * from people, filled by naive bots) and `token` the signed time the form was issued
 * (lib/feedback/form-token.ts); both are checked before this schema.
 */
export const publicFeedbackSchema = z.object({
  sectionId: idField,
  score: z.coerce.number({ error: "feedbackScore" }).int("feedbackScore").min(1, "feedbackScore").max(5, "feedbackScore"),
  comment: optionalField(z.string().trim().max(COMMENT_MAX_LENGTH, "tooLong")),
});
export type PublicFeedbackInput = z.infer<typeof publicFeedbackSchema>;

/** CAST's decision on one pending comment: approve, or reject with a reason. */
export const moderateCommentSchema = z
  .object({
    commentId: idField,
    decision: z.enum(["approve", "reject"], { error: "invalid" }),
    reason: optionalField(z.string().trim().max(REASON_MAX_LENGTH, "tooLong")),
  })
  .superRefine((value, context) => {
    if (value.decision === "reject" && !value.reason) context.addIssue({ code: "custom", path: ["reason"], message: "refusalNeedsReason" });
  });
export type ModerateCommentInput = z.infer<typeof moderateCommentSchema>;
