import "server-only";
import type { Actor } from "@/lib/core/actor";
import { hashPassword, verifyPassword } from "@/lib/core/auth/password-hash";
import { passwordPolicyIssues, type ChangePasswordInput } from "@/lib/accounts/schemas";
import { appendAudit, audit } from "@/lib/audit/server/record";
import { endUserSessions } from "@/lib/core/auth/sessions";
import { authorize } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { ACCOUNT_OPERATIONS } from "@/lib/accounts/operations";
import { auditTarget } from "@/lib/core/operations";

/**
 * Every user changes their own password here, and must after a new account or a reset.
 * The user's other sessions end; the one in use continues.
 */
export async function changeOwnPassword(actor: Actor | null, input: ChangePasswordInput, now = new Date()) {
  const self = await authorize(actor, ACCOUNT_OPERATIONS.changeOwnPassword);
  const user = await db.user.findUniqueOrThrow({ where: { id: self.userId }, select: { passwordHash: true, username: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await audit(
      { ...auditTarget(ACCOUNT_OPERATIONS.changeOwnPassword, self.userId), result: "FAILURE", actor: self, reason: "bad_current_password" },
      now,
    );
    throw new AppError("VALIDATION", "VALIDATION", {}, { currentPassword: "currentPasswordWrong" });
  }
  const policyIssues = passwordPolicyIssues(input.newPassword, user.username);
  if (policyIssues.length > 0) throw new AppError("VALIDATION", "VALIDATION", {}, { newPassword: policyIssues[0]! });

  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: self.userId },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: now, version: { increment: 1 } },
    });
    const ended = await endUserSessions(tx, self.userId, "PASSWORD_CHANGED", now, self.sessionId);
    await appendAudit(
      tx,
      {
        ...auditTarget(ACCOUNT_OPERATIONS.changeOwnPassword, self.userId),
        result: "SUCCESS",
        actor: self,
        details: { otherSessionsEnded: ended },
      },
      now,
    );
  });
}
