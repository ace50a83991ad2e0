"use server";

import { z } from "zod";
import type { ChainVerification } from "@/lib/audit/chain";
import { runAction, type ActionState } from "@/lib/core/action";
import { verifyAuditTrail } from "@/lib/audit/server/log";

export async function verifyAuditAction(_previous: ActionState<ChainVerification> | null, formData: FormData) {
  return runAction(
    {
      permission: "audit:read",
      operation: { action: "audit.verify", objectType: "AuditEvent" },
      schema: z.object({}),
      run: (actor) => verifyAuditTrail(actor),
    },
    formData,
  );
}
