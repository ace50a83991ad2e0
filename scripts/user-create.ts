/**
 * npm run user:create -- <username> <ROLE> [unit name]
 * Creates an account from the command line, e.g. the first account administrator of a
 * deployment without demo accounts. Prints a temporary password that must be changed at
 * the first login. The creation is recorded in the audit trail as done by the console.
 */
import { randomInt } from "node:crypto";
import { appendAudit } from "@/lib/audit/chain";
import { hashPassword } from "@/lib/core/auth/password-hash";
import { generateTemporaryPassword } from "@/lib/accounts/password-policy";
import { isRole, ROLES } from "@/lib/core/permissions";
import { createPrismaClient } from "@/lib/core/db/create-client";
import { USERNAME_PATTERN } from "@/lib/accounts/schemas";
import { loadScriptEnv } from "./load-env";

const [username, role, unitName] = process.argv.slice(2);
if (!username || !USERNAME_PATTERN.test(username) || !isRole(role) || (role === "LIAISON") !== Boolean(unitName)) {
  console.error(
    `用法 / usage: npm run user:create -- <username> <${ROLES.join("|")}> [unit name, for LIAISON only]\n` +
      "  username: 3–32 lowercase letters, digits, . _ -, starting with a letter",
  );
  process.exit(2);
}

const { DATABASE_URL } = loadScriptEnv();
const client = createPrismaClient(DATABASE_URL);
try {
  const unit = unitName ? await client.unit.findUnique({ where: { name: unitName } }) : null;
  if (unitName && !unit) throw new Error(`未知单位 / unknown unit: ${unitName}`);
  if (await client.user.findUnique({ where: { username } })) throw new Error(`用户名已存在 / username taken: ${username}`);
  const temporaryPassword = generateTemporaryPassword((max) => randomInt(max));
  const passwordHash = await hashPassword(temporaryPassword);
  await client.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { username, displayName: username, role, unitId: unit?.id ?? null, passwordHash, mustChangePassword: true },
    });
    await appendAudit(tx, {
      action: "user.create",
      result: "SUCCESS",
      attemptedUsername: "(console)",
      objectType: "User",
      objectId: user.id,
      details: { after: { username, role, unitId: unit?.id ?? null }, via: "npm run user:create" },
    });
  });
  console.log(`已创建账户 / created ${username} (${role}${unit ? `, ${unit.name}` : ""})`);
  console.log(`临时密码 / temporary password: ${temporaryPassword}   (首次登录须修改 / must be changed at first login)`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await client.$disconnect();
}
