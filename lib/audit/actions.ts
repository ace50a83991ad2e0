"use server";

import { z } from "zod";
import type { AuditVerification } from "@/lib/audit/anchor";
import { runAction, type ActionState } from "@/lib/core/action";
import { verifyAuditTrail } from "@/lib/audit/server/log";
import { AUDIT_OPERATIONS } from "@/lib/audit/operations";

export async function verifyAuditAction(_previous: ActionState<AuditVerification> | null, formData: FormData) {
  return runAction(
    {
      operation: AUDIT_OPERATIONS.verify,
      schema: z.object({}),
      run: (actor) => verifyAuditTrail(actor),
    },
    formData,
  );
}
