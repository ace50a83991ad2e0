import "server-only";
import type { Actor } from "@/lib/core/actor";
import { hashPassword, verifyPassword } from "@/lib/core/auth/password-hash";
import { passwordPolicyIssues, type ChangePasswordInput } from "@/lib/accounts/schemas";
import { appendAudit, audit } from "../../audit/server/record";
import { endUserSessions } from "../../core/auth/sessions";
import { authorize } from "../../core/authz";
import { db } from "../../core/db";
import { AppError } from "../../core/errors";

/**
 * Every user changes their own password here, and must after a new account or a reset.
 * The user's other sessions end; the one in use continues.
 */
export async function changeOwnPassword(actor: Actor | null, input: ChangePasswordInput, now = new Date()) {
  const self = await authorize(actor, "account:self", { action: "account.change_password", objectType: "User" });
  const user = await db.user.findUniqueOrThrow({ where: { id: self.userId }, select: { passwordHash: true, username: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await audit({ action: "account.change_password", result: "FAILURE", actor: self, objectType: "User", objectId: self.userId, reason: "bad_current_password" }, now);
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
      { action: "account.change_password", result: "SUCCESS", actor: self, objectType: "User", objectId: self.userId, details: { otherSessionsEnded: ended } },
      now,
    );
  });
}
