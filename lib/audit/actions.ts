"use server";

import { z } from "zod";
import type { ChainVerification } from "@/lib/audit/chain";
import { runAction, type ActionState } from "@/lib/core/action";
import { verifyAuditTrail } from "@/lib/audit/server/log";
import { AUDIT_OPERATIONS } from "@/lib/audit/operations";

export async function verifyAuditAction(_previous: ActionState<ChainVerification> | null, formData: FormData) {
  return runAction(
    {
      operation: AUDIT_OPERATIONS.verify,
      schema: z.object({}),
      run: (actor) => verifyAuditTrail(actor),
    },
    formData,
  );
}
