import "server-only";
import { randomInt } from "node:crypto";
import type { Actor } from "@/lib/core/actor";
import { hashPassword } from "@/lib/core/auth/password-hash";
import { checkPassword, generateTemporaryPassword } from "@/lib/accounts/password-policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateUserInput, UpdateUserInput, UserCommandInput } from "@/lib/accounts/schemas";
import { appendAudit } from "@/lib/audit/server/record";
import { endUserSessions } from "@/lib/core/auth/sessions";
import { authorize, deny } from "@/lib/core/authz";
import { auditTarget, type OperationSpec } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { onUniqueViolation, UNIQUE_KEYS } from "@/lib/core/unique-violation";
import { ACCOUNT_OPERATIONS } from "@/lib/accounts/operations";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { isPrivilegedRole, type RequestedChange } from "@/lib/accounts/privileged";
import { assertAnAuditorRemains, storePrivilegedRequest } from "@/lib/accounts/server/requests";

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
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    unitId: user.unitId,
    disabled: user.disabled,
  };
}

export async function listUsers(actor: Actor | null): Promise<AccountRow[]> {
  await authorize(actor, ACCOUNT_OPERATIONS.listUsers);
  return db.user.findMany({ select: accountSelect, orderBy: [{ disabled: "asc" }, { role: "asc" }, { username: "asc" }] });
}

export async function getUser(actor: Actor | null, userId: number): Promise<AccountRow> {
  await authorize(actor, ACCOUNT_OPERATIONS.readUser, userId);
  const user = await db.user.findUnique({ where: { id: userId }, select: accountSelect });
  if (!user) throw new AppError("NOT_FOUND");
  return user;
}

/** The unit must exist and be active; an account already bound to a unit since deactivated may keep it. */
async function assertUnitExists(unitId: number | undefined, userId?: number) {
  if (unitId === undefined) return;
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true, deactivatedAt: true } });
  if (!unit) throw new AppError("VALIDATION", "VALIDATION", {}, { unitId: "unknownUnit" });
  if (unit.deactivatedAt !== null) {
    const kept = userId !== undefined && (await db.user.count({ where: { id: userId, unitId } })) > 0;
    if (!kept) throw new AppError("VALIDATION", "VALIDATION", {}, { unitId: "unitDeactivated" });
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

/**
 * Creates an account with a temporary password; a privileged one (ADMIN, AUDITOR, USER_ADMIN)
 * is only requested: it exists once an auditor approves (lib/accounts/server/requests.ts).
 */
export async function createUser(actor: Actor | null, input: CreateUserInput, now = new Date()): Promise<CreatedAccount | RequestedChange> {
  const admin = await authorize(actor, ACCOUNT_OPERATIONS.createUser);
  await assertUnitExists(input.unitId);
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    throw new AppError("CONFLICT", "usernameTaken", {}, { username: "usernameTaken" });
  }
  if (isPrivilegedRole(input.role)) {
    const payload = {
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      role: input.role,
      unitId: null,
    };
    return { requestId: await db.$transaction((tx) => storePrivilegedRequest(tx, admin, "CREATE_ACCOUNT", null, payload, now)) };
  }
  const temporaryPassword = newTemporaryPassword(input.username);
  const passwordHash = await hashPassword(temporaryPassword);
  // The check above can lose a race to a concurrent create of the same name: the unique index then says no, with the same message.
  const user = await onUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
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
          {
            ...auditTarget(ACCOUNT_OPERATIONS.createUser, created.id),
            result: "SUCCESS",
            actor: admin,
            details: { after: accountSummary(created) },
          },
          now,
        );
        return created;
      }),
    [[UNIQUE_KEYS.username, () => new AppError("CONFLICT", "usernameTaken", {}, { username: "usernameTaken" })]],
  );
  return { user, temporaryPassword };
}

/** Loads the account an admin command targets, checking the version the form was opened at. */
async function loadForChange(tx: Prisma.TransactionClient, input: UserCommandInput): Promise<AccountRow> {
  const user = await tx.user.findUnique({ where: { id: input.userId }, select: accountSelect });
  if (!user) throw new AppError("NOT_FOUND");
  if (user.version !== input.version) throw new AppError("CONFLICT", "staleAccount");
  return user;
}

async function refuseSelf(admin: Actor, userId: number, operation: OperationSpec, reason: string) {
  if (admin.userId === userId) await deny(admin, operation, userId, reason);
}

/**
 * Changes an account. Giving it a privileged role it does not hold yet is only requested: the
 * account stays as it is until an auditor approves (the answer then carries the request's id).
 */
export async function updateUser(
  actor: Actor | null,
  input: UpdateUserInput,
  now = new Date(),
): Promise<AccountRow & Partial<RequestedChange>> {
  const admin = await authorize(actor, ACCOUNT_OPERATIONS.updateUser, input.userId);
  await assertUnitExists(input.unitId, input.userId);
  if (admin.userId === input.userId) {
    // An account administrator cannot change their own duties (nor lock themselves out).
    const self = await db.user.findUniqueOrThrow({ where: { id: admin.userId }, select: { role: true, unitId: true } });
    if (self.role !== input.role || self.unitId !== (input.unitId ?? null)) {
      await deny(admin, ACCOUNT_OPERATIONS.updateUser, input.userId, "cannot change own role or unit");
    }
  }
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, input);
    if (isPrivilegedRole(input.role) && before.role !== input.role) {
      const payload = {
        username: before.username,
        displayName: input.displayName,
        email: input.email ?? null,
        role: input.role,
        fromRole: before.role,
        unitId: null,
      };
      return { ...before, requestId: await storePrivilegedRequest(tx, admin, "GRANT_ROLE", before.id, payload, now) };
    }
    const roleOrUnitChanged = before.role !== input.role || before.unitId !== (input.unitId ?? null);
    const after = await tx.user.update({
      where: { id: before.id },
      data: {
        displayName: input.displayName,
        email: input.email ?? null,
        role: input.role,
        unitId: input.unitId ?? null,
        version: { increment: 1 },
      },
      select: accountSelect,
    });
    // New duties need a new sign-in: sessions opened under the old role or unit end now.
    if (roleOrUnitChanged) await endUserSessions(tx, before.id, "ROLE_CHANGED", now);
    if (before.role === "AUDITOR") await assertAnAuditorRemains(tx);
    await appendAudit(
      tx,
      {
        ...auditTarget(ACCOUNT_OPERATIONS.updateUser, before.id),
        result: "SUCCESS",
        actor: admin,
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
  const operation = disabled ? ACCOUNT_OPERATIONS.disableUser : ACCOUNT_OPERATIONS.enableUser;
  const admin = await authorize(actor, operation, input.userId);
  if (disabled) await refuseSelf(admin, input.userId, operation, "cannot disable own account");
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, input);
    const after = await tx.user.update({
      where: { id: before.id },
      data: { disabled, version: { increment: 1 } },
      select: accountSelect,
    });
    const ended = disabled ? await endUserSessions(tx, before.id, "USER_DISABLED", now) : 0;
    if (disabled && before.role === "AUDITOR") await assertAnAuditorRemains(tx);
    await appendAudit(
      tx,
      {
        ...auditTarget(operation, before.id),
        result: "SUCCESS",
        actor: admin,
        details: { before: { disabled: before.disabled }, after: { disabled }, sessionsEnded: ended },
      },
      now,
    );
    return after;
  });
}

/**
 * Resets a password to a temporary one shown once. A privileged account's password is only
 * requested to be reset: nothing changes until an auditor approves.
 */
export async function resetPassword(
  actor: Actor | null,
  input: UserCommandInput,
  now = new Date(),
): Promise<CreatedAccount | RequestedChange> {
  const admin = await authorize(actor, ACCOUNT_OPERATIONS.resetPassword, input.userId);
  await refuseSelf(admin, input.userId, ACCOUNT_OPERATIONS.resetPassword, "use the change-password page for one's own account");
  const target = await db.user.findUnique({ where: { id: input.userId }, select: { username: true, role: true } });
  if (!target) throw new AppError("NOT_FOUND");
  if (isPrivilegedRole(target.role)) {
    return {
      requestId: await db.$transaction(async (tx) => {
        const before = await loadForChange(tx, input);
        return storePrivilegedRequest(tx, admin, "RESET_PASSWORD", before.id, { username: before.username, role: before.role }, now);
      }),
    };
  }
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
      {
        ...auditTarget(ACCOUNT_OPERATIONS.resetPassword, before.id),
        result: "SUCCESS",
        actor: admin,
        details: { sessionsEnded: ended, unlocked: before.lockedUntil !== null },
      },
      now,
    );
    return after;
  });
  return { user, temporaryPassword };
}

export async function unlockUser(actor: Actor | null, input: UserCommandInput, now = new Date()): Promise<AccountRow> {
  const admin = await authorize(actor, ACCOUNT_OPERATIONS.unlockUser, input.userId);
  return db.$transaction(async (tx) => {
    const before = await loadForChange(tx, input);
    const after = await tx.user.update({
      where: { id: before.id },
      data: { failedLoginCount: 0, lockedUntil: null, version: { increment: 1 } },
      select: accountSelect,
    });
    await appendAudit(
      tx,
      {
        ...auditTarget(ACCOUNT_OPERATIONS.unlockUser, before.id),
        result: "SUCCESS",
        actor: admin,
        details: { before: { lockedUntil: before.lockedUntil?.toISOString() ?? null } },
      },
      now,
    );
    return after;
  });
}

/** Units an account can be bound to: the active ones (a deactivated unit takes no new liaison). */
export async function listUnitsForAssignment(actor: Actor | null) {
  await authorize(actor, PLAN_OPERATIONS.listUnits);
  return db.unit.findMany({
    where: { deactivatedAt: null },
    select: { id: true, name: true, type: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
}
