/**
 * npm run user:reset-password -- <username>
 * Resets an account's password from the server console: the way to recover a privileged account
 * (ADMIN, AUDITOR, USER_ADMIN) without an auditor's approval in the portal, for whoever holds the
 * server. Prints a temporary password that must be changed at the next login, unlocks the
 * account and ends its sessions. Recorded in the audit trail as done on the console.
 */
import { randomInt } from "node:crypto";
import { appendAudit } from "@/lib/audit/chain";
import { hashPassword } from "@/lib/core/auth/password-hash";
import { checkPassword, generateTemporaryPassword } from "@/lib/accounts/password-policy";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { USERNAME_PATTERN } from "@/lib/accounts/schemas";
import { loadScriptEnv } from "./load-env";

const [username] = process.argv.slice(2);
if (!username || !USERNAME_PATTERN.test(username)) {
  console.error("用法 / usage: npm run user:reset-password -- <username>");
  process.exit(2);
}

const { DATABASE_URL } = loadScriptEnv();
const client = createPrismaClient(DATABASE_URL);
try {
  const user = await client.user.findUnique({ where: { username } });
  if (!user) throw new Error(`未知账户 / unknown account: ${username}`);
  let temporaryPassword = generateTemporaryPassword((max) => randomInt(max));
  while (checkPassword(temporaryPassword, username).length > 0) temporaryPassword = generateTemporaryPassword((max) => randomInt(max));
  const passwordHash = await hashPassword(temporaryPassword);
  const now = new Date();
  await client.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: {
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: now,
        failedLoginCount: 0,
        lockedUntil: null,
        version: { increment: 1 },
      },
    });
    const ended = await tx.session.updateMany({
      where: { userId: user.id, endedAt: null },
      data: { endedAt: now, endReason: "PASSWORD_RESET" },
    });
    await appendAudit(tx, {
      action: "user.reset_password",
      result: "SUCCESS",
      attemptedUsername: "(console)",
      objectType: "User",
      objectId: user.id,
      details: { username, role: user.role, sessionsEnded: ended.count, via: "npm run user:reset-password" },
    });
  });
  console.log(`已重置密码 / password reset: ${username} (${user.role})`);
  console.log(`临时密码 / temporary password: ${temporaryPassword}   (首次登录须修改 / must be changed at first login)`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await client.$disconnect();
}
