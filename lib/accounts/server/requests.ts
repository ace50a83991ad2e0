import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import type { Actor } from "@/lib/core/actor";
import { hashPassword } from "@/lib/core/auth/password-hash";
import { checkPassword, generateTemporaryPassword } from "@/lib/accounts/password-policy";
import { issuesPassword, parseRequestPayload, type PrivilegedRequestKindName, type RequestPayload } from "@/lib/accounts/privileged";
import type { DecideRequestInput, RequestCommandInput } from "@/lib/accounts/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAudit } from "@/lib/audit/server/record";
import { endUserSessions } from "@/lib/core/auth/sessions";
import { authorize, deny } from "@/lib/core/authz";
import { auditTarget } from "@/lib/core/operations";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { onUniqueViolation, UNIQUE_KEYS } from "@/lib/core/unique-violation";
import { ACCOUNT_OPERATIONS } from "@/lib/accounts/operations";
import { mailSettings } from "@/lib/reporting/server/mail";

/** Chinese names of the request kinds, for the stored inbox text (the e-mail copy). */
const KIND_ZH: Record<PrivilegedRequestKindName, string> = {
  CREATE_ACCOUNT: "新建特权账户",
  GRANT_ROLE: "授予特权角色",
  RESET_PASSWORD: "重置特权账户密码",
};

/** Puts a message in the inboxes of the given users inside the caller's transaction (e-mail copy queued as for every inbox message). */
async function notifyUsers(
  tx: Prisma.TransactionClient,
  userIds: number[],
  message: { kind: string; params: unknown; title: string; body: string; link: string },
  now: Date,
) {
  if (userIds.length === 0) return;
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const mailOn = mailSettings() !== null;
  await tx.inboxMessage.createMany({
    data: users.map((user) => ({
      userId: user.id,
      kind: message.kind,
      params: JSON.stringify(message.params),
      title: message.title,
      body: message.body,
      link: message.link,
      createdAt: now,
      emailStatus: mailOn && user.email ? ("PENDING" as const) : null,
    })),
  });
}

/**
 * Stores the account administrator's request for a privileged change (inside the transaction of
 * createUser, updateUser or resetPassword, after their check): nothing about the account changes;
 * the request is audited and every enabled auditor is told in their inbox.
 */
export async function storePrivilegedRequest(
  tx: Prisma.TransactionClient,
  requester: Actor,
  kind: PrivilegedRequestKindName,
  targetUserId: number | null,
  payload: RequestPayload,
  now: Date,
): Promise<number> {
  const request = await tx.privilegedRequest.create({
    data: { kind, targetUserId, payload: JSON.stringify(payload), requestedById: requester.userId, requestedAt: now },
  });
  await appendAudit(
    tx,
    {
      ...auditTarget(ACCOUNT_OPERATIONS.requestPrivileged, request.id),
      result: "SUCCESS",
      actor: requester,
      details: { after: { kind, targetUserId, ...payload } },
    },
    now,
  );
  const auditors = await tx.user.findMany({ where: { role: "AUDITOR", disabled: false }, select: { id: true } });
  await notifyUsers(
    tx,
    auditors.map((auditor) => auditor.id),
    {
      kind: "ACCOUNT_REQUEST",
      params: { request: kind, username: payload.username, role: payload.role ?? null, requester: requester.username },
      title: `待审批：${KIND_ZH[kind]} ${payload.username}`,
      body: `账户管理员 ${requester.username} 申请${KIND_ZH[kind]}（${payload.username}），须经安全审计员批准后才生效。`,
      link: "/audit/requests",
    },
    now,
  );
  return request.id;
}

/**
 * The last enabled auditor can never be disabled nor lose the role: checked inside the
 * transaction after the change, so two concurrent changes cannot both pass.
 */
export async function assertAnAuditorRemains(tx: Prisma.TransactionClient) {
  if ((await tx.user.count({ where: { role: "AUDITOR", disabled: false } })) === 0) throw new AppError("CONFLICT", "lastAuditor");
}

const userNames = async (ids: (number | null)[]) => {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, username: true, displayName: true } });
  return new Map(users.map((user) => [user.id, user]));
};

/** A request with its payload read and the people involved named. */
async function withNames<T extends { payload: string; targetUserId: number | null; requestedById: number; decidedById: number | null }>(
  rows: T[],
) {
  const names = await userNames(rows.flatMap((row) => [row.targetUserId, row.requestedById, row.decidedById]));
  const units = await db.unit.findMany({ select: { id: true, name: true } });
  return rows.map((row) => {
    const payload = parseRequestPayload(row.payload);
    return {
      ...row,
      payload,
      unitName: units.find((unit) => unit.id === payload.unitId)?.name ?? null,
      target: row.targetUserId === null ? null : (names.get(row.targetUserId) ?? null),
      requestedBy: names.get(row.requestedById) ?? null,
      decidedBy: row.decidedById === null ? null : (names.get(row.decidedById) ?? null),
    };
  });
}

const RECENT_DECIDED = 50;

async function requestsForView() {
  const [pending, decided] = await Promise.all([
    db.privilegedRequest.findMany({ where: { status: "PENDING" }, orderBy: [{ requestedAt: "asc" }, { id: "asc" }] }),
    db.privilegedRequest.findMany({ where: { status: { not: "PENDING" } }, orderBy: [{ id: "desc" }], take: RECENT_DECIDED }),
  ]);
  return { pending: await withNames(pending), decided: await withNames(decided) };
}

export type PrivilegedRequestView = Awaited<ReturnType<typeof requestsForView>>["pending"][number];

/** The auditor's page: every pending request, oldest first, and the latest decided ones. */
export async function listPrivilegedRequests(actor: Actor | null) {
  const auditor = await authorize(actor, ACCOUNT_OPERATIONS.listPrivilegedRequests);
  const view = await requestsForView();
  return { ...view, self: auditor.userId };
}

/** The account administrator's page: the same requests, and which are their own. */
export async function listAccountRequests(actor: Actor | null) {
  const admin = await authorize(actor, ACCOUNT_OPERATIONS.listAccountRequests);
  const view = await requestsForView();
  return { ...view, self: admin.userId };
}

/** Sets a pending request's outcome if it is still at the version the page showed; else explains why not. */
async function claimPending(
  tx: Prisma.TransactionClient,
  input: { requestId: number; version: number },
  data: Prisma.PrivilegedRequestUpdateManyMutationInput,
) {
  const { count } = await tx.privilegedRequest.updateMany({
    where: { id: input.requestId, version: input.version, status: "PENDING" },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 1) return;
  const current = await tx.privilegedRequest.findUnique({ where: { id: input.requestId }, select: { status: true } });
  if (!current) throw new AppError("NOT_FOUND");
  throw new AppError("CONFLICT", current.status === "PENDING" ? "staleRequest" : "requestDecided");
}

/** A password nobody knows: the account cannot be signed into until the requester collects a temporary one. */
async function unusablePasswordHash() {
  return hashPassword(randomBytes(32).toString("base64url"));
}

/**
 * An auditor approves: the change is applied in one transaction with the decision, audited, and
 * the requester is told. The auditor never sees a password. An auditor cannot decide a request
 * about their own account, and nobody decides their own request.
 */
export async function approvePrivilegedRequest(actor: Actor | null, input: DecideRequestInput, now = new Date()) {
  const operation = ACCOUNT_OPERATIONS.approveRequest;
  const auditor = await authorize(actor, operation, input.requestId);
  const request = await db.privilegedRequest.findUnique({ where: { id: input.requestId } });
  if (!request) throw new AppError("NOT_FOUND");
  if (request.requestedById === auditor.userId) await deny(auditor, operation, request.id, "ownRequest");
  if (request.targetUserId === auditor.userId) await deny(auditor, operation, request.id, "ownAccountRequest");
  const payload = parseRequestPayload(request.payload);
  const passwordHash = request.kind === "GRANT_ROLE" ? null : await unusablePasswordHash();
  // The name may be taken by a concurrent create after the check inside: the unique index answers with the same message.
  return onUniqueViolation(
    () =>
      db.$transaction(async (tx) => {
        await claimPending(tx, input, { status: "APPROVED", decidedById: auditor.userId, decidedAt: now });
        let userId = request.targetUserId;
        let applied: Record<string, unknown>;
        if (request.kind === "CREATE_ACCOUNT") {
          if (await tx.user.findUnique({ where: { username: payload.username }, select: { id: true } })) {
            throw new AppError("CONFLICT", "usernameTaken");
          }
          const created = await tx.user.create({
            data: {
              username: payload.username,
              displayName: payload.displayName ?? payload.username,
              email: payload.email ?? null,
              role: payload.role as "ADMIN" | "AUDITOR" | "USER_ADMIN",
              unitId: null,
              passwordHash: passwordHash!,
              mustChangePassword: true,
              passwordChangedAt: now,
            },
          });
          userId = created.id;
          await tx.privilegedRequest.update({ where: { id: request.id }, data: { targetUserId: created.id } });
          applied = { after: { username: created.username, displayName: created.displayName, role: created.role } };
        } else {
          const before = await tx.user.findUnique({ where: { id: userId! } });
          if (!before) throw new AppError("NOT_FOUND");
          if (request.kind === "GRANT_ROLE") {
            await tx.user.update({
              where: { id: before.id },
              data: {
                displayName: payload.displayName ?? before.displayName,
                email: payload.email === undefined ? before.email : payload.email,
                role: payload.role as "ADMIN" | "AUDITOR" | "USER_ADMIN",
                unitId: null,
                version: { increment: 1 },
              },
            });
            await endUserSessions(tx, before.id, "ROLE_CHANGED", now);
            await assertAnAuditorRemains(tx);
            applied = { before: { role: before.role, unitId: before.unitId }, after: { role: payload.role, unitId: null } };
          } else {
            await tx.user.update({
              where: { id: before.id },
              data: {
                passwordHash: passwordHash!,
                mustChangePassword: true,
                passwordChangedAt: now,
                failedLoginCount: 0,
                lockedUntil: null,
                version: { increment: 1 },
              },
            });
            const ended = await endUserSessions(tx, before.id, "PASSWORD_RESET", now);
            applied = { sessionsEnded: ended };
          }
        }
        await appendAudit(
          tx,
          {
            ...auditTarget(operation, request.id),
            result: "SUCCESS",
            actor: auditor,
            details: { kind: request.kind, userId, username: payload.username, ...applied },
          },
          now,
        );
        await notifyUsers(
          tx,
          [request.requestedById],
          {
            kind: "ACCOUNT_REQUEST_DECIDED",
            params: { request: request.kind, username: payload.username, outcome: "APPROVED", reason: null },
            title: `已批准：${KIND_ZH[request.kind]} ${payload.username}`,
            body: issuesPassword(request.kind)
              ? `安全审计员已批准。请在“特权账户审批”页面领取一次性临时密码。`
              : `安全审计员已批准，变更已生效。`,
            link: "/admin/requests",
          },
          now,
        );
        return { requestId: request.id, userId };
      }),
    [[UNIQUE_KEYS.username, () => new AppError("CONFLICT", "usernameTaken")]],
  );
}

/** An auditor refuses, with a reason: nothing about the account changes; the requester is told why. */
export async function refusePrivilegedRequest(actor: Actor | null, input: DecideRequestInput, now = new Date()) {
  const operation = ACCOUNT_OPERATIONS.refuseRequest;
  const auditor = await authorize(actor, operation, input.requestId);
  const request = await db.privilegedRequest.findUnique({ where: { id: input.requestId } });
  if (!request) throw new AppError("NOT_FOUND");
  if (request.requestedById === auditor.userId) await deny(auditor, operation, request.id, "ownRequest");
  if (request.targetUserId === auditor.userId) await deny(auditor, operation, request.id, "ownAccountRequest");
  const reason = input.reason ?? "";
  if (!reason) throw new AppError("VALIDATION", "VALIDATION", {}, { reason: "refusalNeedsReason" });
  const payload = parseRequestPayload(request.payload);
  await db.$transaction(async (tx) => {
    await claimPending(tx, input, { status: "REFUSED", decidedById: auditor.userId, decidedAt: now, reason });
    await appendAudit(
      tx,
      {
        ...auditTarget(operation, request.id),
        result: "SUCCESS",
        actor: auditor,
        details: { kind: request.kind, username: payload.username, reason },
      },
      now,
    );
    await notifyUsers(
      tx,
      [request.requestedById],
      {
        kind: "ACCOUNT_REQUEST_DECIDED",
        params: { request: request.kind, username: payload.username, outcome: "REFUSED", reason },
        title: `未批准：${KIND_ZH[request.kind]} ${payload.username}`,
        body: `安全审计员未批准，理由：${reason}`,
        link: "/admin/requests",
      },
      now,
    );
  });
}

/** The requester withdraws their own pending request; nobody else's. */
export async function cancelPrivilegedRequest(actor: Actor | null, input: RequestCommandInput, now = new Date()) {
  const operation = ACCOUNT_OPERATIONS.cancelRequest;
  const admin = await authorize(actor, operation, input.requestId);
  const request = await db.privilegedRequest.findUnique({ where: { id: input.requestId } });
  if (!request) throw new AppError("NOT_FOUND");
  if (request.requestedById !== admin.userId) await deny(admin, operation, request.id, "notOwnRequest");
  await db.$transaction(async (tx) => {
    await claimPending(tx, input, { status: "CANCELLED", decidedAt: now });
    await appendAudit(tx, { ...auditTarget(operation, request.id), result: "SUCCESS", actor: admin, details: { kind: request.kind } }, now);
  });
}

function newTemporaryPassword(username: string): string {
  for (;;) {
    const password = generateTemporaryPassword((max) => randomInt(max));
    if (checkPassword(password, username).length === 0) return password;
  }
}

/**
 * The requester opens an approved creation or reset and collects its temporary password, once:
 * it is generated now, stored hashed on the account only, and the request records that it was
 * issued (a second collection, or a parallel one, is refused).
 */
export async function collectTemporaryPassword(actor: Actor | null, input: RequestCommandInput, now = new Date()) {
  const operation = ACCOUNT_OPERATIONS.collectPassword;
  const admin = await authorize(actor, operation, input.requestId);
  const request = await db.privilegedRequest.findUnique({ where: { id: input.requestId } });
  if (!request) throw new AppError("NOT_FOUND");
  if (request.requestedById !== admin.userId) await deny(admin, operation, request.id, "notOwnRequest");
  const payload = parseRequestPayload(request.payload);
  if (request.status !== "APPROVED" || !issuesPassword(request.kind) || request.targetUserId === null || payload.passwordIssuedAt) {
    throw new AppError("CONFLICT", "passwordNotCollectable");
  }
  const temporaryPassword = newTemporaryPassword(payload.username);
  const passwordHash = await hashPassword(temporaryPassword);
  const userId = request.targetUserId;
  await db.$transaction(async (tx) => {
    const { count } = await tx.privilegedRequest.updateMany({
      where: { id: request.id, version: input.version, status: "APPROVED" },
      data: { payload: JSON.stringify({ ...payload, passwordIssuedAt: now.toISOString() }), version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("CONFLICT", "passwordNotCollectable");
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true, passwordChangedAt: now, version: { increment: 1 } },
    });
    await endUserSessions(tx, userId, "PASSWORD_RESET", now);
    await appendAudit(
      tx,
      {
        ...auditTarget(operation, request.id),
        result: "SUCCESS",
        actor: admin,
        details: { kind: request.kind, userId, username: payload.username },
      },
      now,
    );
  });
  return { username: payload.username, temporaryPassword };
}
