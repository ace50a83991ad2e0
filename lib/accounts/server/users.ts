import "server-only";
import { randomInt } from "node:crypto";
import type { Actor } from "@/lib/core/actor";
import { hashPassword } from "@/lib/core/auth/password-hash";
import { checkPassword, generateTemporaryPassword } from "@/lib/accounts/password-policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateUserInput, UpdateUserInput, UserCommandInput } from "@/lib/accounts/schemas";
import { appendAudit } from "../../audit/server/record";
import { endUserSessions } from "../../core/auth/sessions";
import { authorize, deny } from "../../core/authz";
import { db } from "../../core/db";
import { AppError } from "../../core/errors";

/** What account administration shows; never the password hash. */
const accountSelect = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  role: true,
  unitId: true,
  unit: { select: { id: true, name: true } },
  disabled: true,
  mustChangePassword: true,
  failedLoginCount: true,
  lockedUntil: true,
  lastLoginAt: true,
  passwordChangedAt: true,
  isDemo: true,
  version: true,
  createdAt: true,
} as const satisfies Prisma.UserSelect;

export type AccountRow = Prisma.UserGetPayload<{ select: typeof accountSelect }>;

/** The before/after summary written to the audit trail for account changes. */
function accountSummary(user: Pick<AccountRow, "username" | "displayName" | "email" | "role" | "unitId" | "disabled">) {
  return { username: user.username, displayName: user.displayName, email: user.email, role: user.role, unitId: user.unitId, disabled: user.disabled };
}

export async function listUsers(actor: Actor | null): Promise<AccountRow[]> {
  await authorize(actor, "user:read", { action: "user.list", objectType: "User" });
  return db.user.findMany({ select: accountSelect, orderBy: [{ disabled: "asc" }, { role: "asc" }, { username: "asc" }] });
}

export async function getUser(actor: Actor | null, userId: number): Promise<AccountRow> {
  await authorize(actor, "user:read", { action: "user.read", objectType: "User", objectId: userId });
  const user = await db.user.findUnique({ where: { id: userId }, select: accountSelect });
  if (!user) throw new AppError("NOT_FOUND");
  return user;
}

async function assertUnitExists(unitId: number | undefined) {
  if (unitId !== undefined && !(await db.unit.findUnique({ where: { id: unitId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "VALIDATION", {}, { unitId: "unknownUnit" });
  }
}

function newTemporaryPassword(username: string): string {
  for (;;) {
    const password = generateTemporaryPassword((max) => randomInt(max));
    if (checkPassword(password, username).length === 0) return password;
  }
}

export interface CreatedAccount {
  user: AccountRow;
  /** Shown once to the administrator; the user must change it at first login. */
  temporaryPassword: string;
}

export async function createUser(actor: Actor | null, input: CreateUserInput, now = new Date()): Promise<CreatedAccount> {
  const admin = await authorize(actor, "user:manage", { action: "user.create", objectType: "User" });
  await assertUnitExists(input.unitId);
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    throw new AppError("CONFLICT", "usernameTaken", {}, { username: "usernameTaken" });
  }
  const temporaryPassword = newTemporaryPassword(input.username);
  const passwordHash = await hashPassword(temporaryPassword);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        role: input.role,
        unitId: input.unitId ?? null,
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: now,
      },
      select: accountSelect,
    });
    await appendAudit(
      tx,
      { action: "user.create", result: "SUCCESS", actor: admin, objectType: "User", objectId: created.id, details: { after: accountSummary(created) } },
      now,
    );
    return created;
  });
  return { user, temporaryPassword };
}

/** Loads the account an admin command targets, checking the version the form was opened at. */
async function loadForChange(tx: Prisma.TransactionClient, input: UserCommandInput): Promise<AccountRow> {
  const user = await tx.user.findUnique({ where: { id: input.userId }, select: accountSelect });
  if (!user) throw new AppError("NOT_FOUND");
  if (user.version !== input.version) throw new AppError("CONFLICT", "staleAccount");
  return user;
}

async function refuseSelf(admin: Actor, userId: number, action: string, reason: string) {
  if (admin.userId === userId) await deny(admin, { action, objectType: "User", objectId: userId }, reason);
}

export async function updateUser(actor: Actor | null, input: UpdateUserInput, now = new Date()): Promise<AccountRow> {
  const admin = await authorize(actor, "user:manage", { action: "user.update", objectType: "User", objectId: input.userId });
  await assertUnitExists(input.unitId);
  if (admin.userId === input.userId) {
    // An account administrator cannot change their own duties (nor lock themselves out).
    const self = await db.user.findUniqueOrThrow({ where: { id: admin.userId }, select: { role: true, unitId: true } });
    if (self.role !== input.role || self.unitId !== (input.unitId ?? null)) {
      await deny(admin, { action: "user.update", objectType: "User", objectId: input.userId }, "cannot change own role or unit");
    }
  }
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, input);
    const roleOrUnitChanged = before.role !== input.role || before.unitId !== (input.unitId ?? null);
    const after = await tx.user.update({
      where: { id: before.id },
      data: { displayName: input.displayName, email: input.email ?? null, role: input.role, unitId: input.unitId ?? null, version: { increment: 1 } },
      select: accountSelect,
    });
    // New duties need a new sign-in: sessions opened under the old role or unit end now.
    if (roleOrUnitChanged) await endUserSessions(tx, before.id, "ROLE_CHANGED", now);
    await appendAudit(
      tx,
      {
        action: "user.update",
        result: "SUCCESS",
        actor: admin,
        objectType: "User",
        objectId: before.id,
        details: { before: accountSummary(before), after: accountSummary(after) },
      },
      now,
    );
    return after;
  });
}

export async function setUserDisabled(
  actor: Actor | null,
  input: UserCommandInput,
  disabled: boolean,
  now = new Date(),
): Promise<AccountRow> {
  const action = disabled ? "user.disable" : "user.enable";
  const admin = await authorize(actor, "user:manage", { action, objectType: "User", objectId: input.userId });
  if (disabled) await refuseSelf(admin, input.userId, action, "cannot disable own account");
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, input);
    const after = await tx.user.update({
      where: { id: before.id },
      data: { disabled, version: { increment: 1 } },
      select: accountSelect,
    });
    const ended = disabled ? await endUserSessions(tx, before.id, "USER_DISABLED", now) : 0;
    await appendAudit(
      tx,
      { action, result: "SUCCESS", actor: admin, objectType: "User", objectId: before.id, details: { before: { disabled: before.disabled }, after: { disabled }, sessionsEnded: ended } },
      now,
    );
    return after;
  });
}

export async function resetPassword(actor: Actor | null, input: UserCommandInput, now = new Date()): Promise<CreatedAccount> {
  const admin = await authorize(actor, "user:manage", { action: "user.reset_password", objectType: "User", objectId: input.userId });
  await refuseSelf(admin, input.userId, "user.reset_password", "use the change-password page for one's own account");
  const target = await db.user.findUnique({ where: { id: input.userId }, select: { username: true } });
  if (!target) throw new AppError("NOT_FOUND");
  const temporaryPassword = newTemporaryPassword(target.username);
  const passwordHash = await hashPassword(temporaryPassword);
  const user = await db.$transaction(async (tx) => {
    const before = await loadForChange(tx, input);
    const after = await tx.user.update({
      where: { id: before.id },
      data: {
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: now,
        failedLoginCount: 0,
        lockedUntil: null,
        version: { increment: 1 },
      },
      select: accountSelect,
    });
    const ended = await endUserSessions(tx, before.id, "PASSWORD_RESET", now);
    await appendAudit(
      tx,
      { action: "user.reset_password", result: "SUCCESS", actor: admin, objectType: "User", objectId: before.id, details: { sessionsEnded: ended, unlocked: before.lockedUntil !== null } },
      now,
    );
    return after;
  });
  return { user, temporaryPassword };
}

export async function unlockUser(actor: Actor | null, input: UserCommandInput, now = new Date()): Promise<AccountRow> {
  const admin = await authorize(actor, "user:manage", { action: "user.unlock", objectType: "User", objectId: input.userId });
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, input);
    const after = await tx.user.update({
      where: { id: before.id },
      data: { failedLoginCount: 0, lockedUntil: null, version: { increment: 1 } },
      select: accountSelect,
    });
    await appendAudit(
      tx,
      { action: "user.unlock", result: "SUCCESS", actor: admin, objectType: "User", objectId: before.id, details: { before: { lockedUntil: before.lockedUntil?.toISOString() ?? null } } },
      now,
    );
    return after;
  });
}

export async function listUnitsForAssignment(actor: Actor | null) {
  await authorize(actor, "unit:read", { action: "unit.list", objectType: "Unit" });
  return db.unit.findMany({ select: { id: true, name: true, type: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
}
