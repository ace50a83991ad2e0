"use server";

import { runAction, type ActionState } from "@/lib/core/action";
import { FEEDBACK_OPERATIONS } from "./operations";
import { moderateCommentSchema } from "./schemas";
import { moderateComment } from "./server/moderation";

/** CAST approves or rejects one visitor comment (/feedback). */
export async function moderateCommentAction(_previous: ActionState<{ status: string }> | null, formData: FormData) {
  return runAction(
    {
      operation: formData.get("decision") === "reject" ? FEEDBACK_OPERATIONS.rejectComment : FEEDBACK_OPERATIONS.approveComment,
      objectId: formData.get("commentId"),
      schema: moderateCommentSchema,
      // The queue is not revalidated: the decided comment stays on screen with the outcome until the next visit.
      run: (actor, input) => moderateComment(actor, input),
    },
    formData,
  );
}
