"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/core/action";
import {
  approvePrivilegedRequest,
  cancelPrivilegedRequest,
  collectTemporaryPassword,
  refusePrivilegedRequest,
} from "@/lib/accounts/server/requests";
import { decideRequestSchema, requestCommandSchema } from "@/lib/accounts/schemas";
import { ACCOUNT_OPERATIONS } from "@/lib/accounts/operations";
import type { ActionState } from "@/lib/core/action";

/** An auditor approves or refuses a privileged request (/audit/requests). */
export async function decideRequestAction(_previous: ActionState<{ decision: string }> | null, formData: FormData) {
  const decision = formData.get("decision");
  return runAction(
    {
      operation: decision === "refuse" ? ACCOUNT_OPERATIONS.refuseRequest : ACCOUNT_OPERATIONS.approveRequest,
      objectId: formData.get("requestId"),
      schema: decideRequestSchema,
      run: async (actor, input) => {
        if (input.decision === "approve") await approvePrivilegedRequest(actor, input);
        else await refusePrivilegedRequest(actor, input);
        revalidatePath("/audit/requests");
        return { decision: input.decision };
      },
    },
    formData,
  );
}

/** The requester withdraws their own pending request (/admin/requests). */
export async function cancelRequestAction(_previous: ActionState<{ cancelled: true }> | null, formData: FormData) {
  return runAction(
    {
      operation: ACCOUNT_OPERATIONS.cancelRequest,
      objectId: formData.get("requestId"),
      schema: requestCommandSchema,
      run: async (actor, input) => {
        await cancelPrivilegedRequest(actor, input);
        revalidatePath("/admin/requests");
        return { cancelled: true as const };
      },
    },
    formData,
  );
}

/** The requester collects, once, the temporary password of an approved creation or reset. */
export async function collectPasswordAction(
  _previous: ActionState<{ username: string; temporaryPassword: string }> | null,
  formData: FormData,
) {
  return runAction(
    {
      operation: ACCOUNT_OPERATIONS.collectPassword,
      objectId: formData.get("requestId"),
      schema: requestCommandSchema,
      run: async (actor, input) => {
        // No revalidation: the page must keep showing the password it has just issued, once.
        return collectTemporaryPassword(actor, input);
      },
    },
    formData,
  );
}
