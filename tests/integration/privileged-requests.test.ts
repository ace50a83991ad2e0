/**
 * 三员分立 on privileged accounts (issue 17, item 3). The probe's takeover: useradmin reset the
 * auditor's password, received the temporary one, signed in as the auditor and downloaded the
 * audit trail; and could create ADMIN or AUDITOR accounts at will. Now each of these is only a
 * request until another auditor approves it; a refusal changes nothing; nobody approves their own
 * request or one about their own account; the last auditor cannot be disabled; all is audited.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/core/auth/password-hash";
import { login } from "@/lib/core/auth/login";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { createUser, resetPassword, setUserDisabled, updateUser } from "@/lib/accounts/server/users";
import {
  approvePrivilegedRequest,
  cancelPrivilegedRequest,
  collectTemporaryPassword,
  listPrivilegedRequests,
  refusePrivilegedRequest,
} from "@/lib/accounts/server/requests";
import { isRequestedChange } from "@/lib/accounts/privileged";
import { searchAuditEvents } from "@/lib/audit/server/log";
import { DEMO_PASSWORD, actorFor, auditSince, lastAuditId } from "../support/actors";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { createUserAction, userCommandAction } = await import("@/lib/accounts/actions/users");
const { decideRequestAction } = await import("@/lib/accounts/actions/requests");

const context = { ip: "10.9.9.9", userAgent: "vitest" };

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

const account = (username: string) => db.user.findUniqueOrThrow({ where: { username } });
const command = async (username: string) => {
  const user = await account(username);
  return { userId: user.id, version: user.version };
};
const ref = async (requestId: number) => {
  const request = await db.privilegedRequest.findUniqueOrThrow({ where: { id: requestId } });
  return { requestId, version: request.version };
};

/** A second auditor, so that one auditor's own request or account can be decided by another. */
beforeAll(async () => {
  const auditor = await account("auditor");
  await db.user.create({
    data: {
      username: "auditor2",
      displayName: "第二审计员",
      role: "AUDITOR",
      passwordHash: auditor.passwordHash,
      mustChangePassword: false,
    },
  });
});

describe("the probe's takeover: useradmin resets the auditor's password", () => {
  it("changes nothing until another auditor approves; the requester then collects the temporary password once", async () => {
    const useradmin = await actorFor("useradmin");
    const before = await account("auditor");
    const auditBefore = await lastAuditId();

    const result = await resetPassword(useradmin, await command("auditor"));
    expect(isRequestedChange(result)).toBe(true);
    expect(result).not.toHaveProperty("temporaryPassword");
    const { requestId } = result as { requestId: number };
    // Nothing changed: the auditor still signs in with their password; no temporary password exists.
    expect(await account("auditor")).toEqual(before);
    expect((await login({ username: "auditor", password: DEMO_PASSWORD }, context)).ok).toBe(true);
    const unchanged = async () => {
      const now = await account("auditor");
      return { passwordHash: now.passwordHash, version: now.version, mustChangePassword: now.mustChangePassword };
    };
    const untouched = await unchanged();
    expect(untouched).toEqual({ passwordHash: before.passwordHash, version: before.version, mustChangePassword: false });
    expect(await db.privilegedRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      kind: "RESET_PASSWORD",
      status: "PENDING",
      targetUserId: before.id,
    });
    expect((await db.privilegedRequest.findUniqueOrThrow({ where: { id: requestId } })).payload).not.toMatch(/password"?\s*:\s*"[^"]/i);
    // Every enabled auditor is told, the one concerned included.
    for (const username of ["auditor", "auditor2"]) {
      const inbox = await db.inboxMessage.findMany({ where: { userId: (await account(username)).id, kind: "ACCOUNT_REQUEST" } });
      expect(inbox.map((message) => JSON.parse(message.params!))).toContainEqual(
        expect.objectContaining({ request: "RESET_PASSWORD", username: "auditor", requester: "useradmin" }),
      );
      expect(inbox.at(-1)?.link).toBe("/audit/requests");
    }

    // The requester cannot collect anything before approval.
    await expect(collectTemporaryPassword(useradmin, await ref(requestId))).rejects.toMatchObject({ code: "CONFLICT" });
    // The auditor concerned cannot approve the reset of their own account.
    await expect(
      approvePrivilegedRequest(await actorFor("auditor"), { ...(await ref(requestId)), decision: "approve" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await unchanged()).toEqual(untouched);

    // Another auditor approves: the old password stops working, sessions end; the auditor never sees a password.
    const approved = await approvePrivilegedRequest(await actorFor("auditor2"), { ...(await ref(requestId)), decision: "approve" });
    expect(approved).not.toHaveProperty("temporaryPassword");
    expect((await login({ username: "auditor", password: DEMO_PASSWORD }, context)).ok).toBe(false);
    const outcome = await db.inboxMessage.findFirstOrThrow({ where: { userId: useradmin.userId, kind: "ACCOUNT_REQUEST_DECIDED" } });
    expect(JSON.parse(outcome.params!)).toMatchObject({ request: "RESET_PASSWORD", username: "auditor", outcome: "APPROVED" });

    // The requester collects the temporary password, once; it is the only way in and must be changed.
    const { temporaryPassword } = await collectTemporaryPassword(useradmin, await ref(requestId));
    expect(await verifyPassword((await account("auditor")).passwordHash, temporaryPassword)).toBe(true);
    expect((await account("auditor")).mustChangePassword).toBe(true);
    await expect(collectTemporaryPassword(useradmin, await ref(requestId))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(JSON.stringify(await db.privilegedRequest.findUniqueOrThrow({ where: { id: requestId } }))).not.toContain(temporaryPassword);

    const trail = (await auditSince(auditBefore)).map((event) => [event.action, event.result, event.actorUsername]);
    expect(trail).toEqual(
      expect.arrayContaining([
        ["user.request_privileged", "SUCCESS", "useradmin"],
        ["account_request.approve", "DENIED", "auditor"],
        ["account_request.approve", "SUCCESS", "auditor2"],
        ["user.request_collect_password", "SUCCESS", "useradmin"],
      ]),
    );
    // Put the demo password back for the other cases.
    await db.user.update({ where: { id: before.id }, data: { passwordHash: before.passwordHash, mustChangePassword: false } });
  });
});

describe("creating a privileged account", () => {
  for (const role of ["ADMIN", "AUDITOR", "USER_ADMIN"] as const) {
    it(`${role}: no account until an auditor approves`, async () => {
      const username = `new${role.toLowerCase().replace("_", "")}`;
      const result = await createUser(await actorFor("useradmin"), { username, displayName: "新特权账户", role });
      expect(isRequestedChange(result)).toBe(true);
      expect(await db.user.findUnique({ where: { username } })).toBeNull();
      const { requestId } = result as { requestId: number };
      await approvePrivilegedRequest(await actorFor("auditor"), { ...(await ref(requestId)), decision: "approve" });
      expect(await account(username)).toMatchObject({ role, mustChangePassword: true, unitId: null, disabled: false });
      const { temporaryPassword } = await collectTemporaryPassword(await actorFor("useradmin"), await ref(requestId));
      expect((await login({ username, password: temporaryPassword }, context)).ok).toBe(true);
    });
  }

  it("through the form says it awaits approval, in Chinese, and shows no password", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorFor("useradmin"));
    const state = await createUserAction(null, form({ username: "formadmin", displayName: "表单管理员", role: "ADMIN" }));
    expect(state).toMatchObject({ ok: true, data: { username: "formadmin" } });
    expect(state?.ok && "requestId" in state.data).toBe(true);
    expect(JSON.stringify(state)).not.toContain("temporaryPassword");
    expect(await db.user.findUnique({ where: { username: "formadmin" } })).toBeNull();
  });

  it("is refused with a reason: nothing is created and the requester is told why", async () => {
    const useradmin = await actorFor("useradmin");
    const users = await db.user.count();
    const { requestId } = (await createUser(useradmin, { username: "refusedadmin", displayName: "被拒", role: "ADMIN" })) as {
      requestId: number;
    };
    vi.mocked(getActor).mockResolvedValue(await actorFor("auditor"));
    const noReason = await decideRequestAction(null, form({ ...(await ref(requestId)), decision: "refuse" }));
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: "不批准时须填写理由。" } });
    await refusePrivilegedRequest(await actorFor("auditor"), { ...(await ref(requestId)), decision: "refuse", reason: "未见书面审批" });
    expect(await db.user.count()).toBe(users);
    expect(await db.privilegedRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "REFUSED",
      reason: "未见书面审批",
    });
    const message = await db.inboxMessage.findFirstOrThrow({
      where: { userId: useradmin.userId, kind: "ACCOUNT_REQUEST_DECIDED" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(message.params!)).toMatchObject({ outcome: "REFUSED", reason: "未见书面审批", username: "refusedadmin" });
    // A decided request cannot be decided again, nor collected.
    await expect(
      approvePrivilegedRequest(await actorFor("auditor2"), { ...(await ref(requestId)), decision: "approve" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(collectTemporaryPassword(useradmin, await ref(requestId))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.user.findUnique({ where: { username: "refusedadmin" } })).toBeNull();
  });

  it("an approval from a stale page is refused (optimistic concurrency)", async () => {
    const { requestId } = (await createUser(await actorFor("useradmin"), {
      username: "staleadmin",
      displayName: "并发",
      role: "ADMIN",
    })) as {
      requestId: number;
    };
    const opened = await ref(requestId);
    await refusePrivilegedRequest(await actorFor("auditor"), { ...opened, decision: "refuse", reason: "先拒绝" });
    await expect(approvePrivilegedRequest(await actorFor("auditor2"), { ...opened, decision: "approve" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.user.findUnique({ where: { username: "staleadmin" } })).toBeNull();
  });
});

describe("granting a privileged role", () => {
  it("leaves the account as it is until approved, then changes the role and ends its sessions", async () => {
    const useradmin = await actorFor("useradmin");
    const leader = await account("leader");
    const result = await updateUser(useradmin, { ...(await command("leader")), displayName: leader.displayName, role: "ADMIN" });
    expect(result.requestId).toBeGreaterThan(0);
    expect(await account("leader")).toEqual(leader);
    await approvePrivilegedRequest(await actorFor("auditor"), { ...(await ref(result.requestId!)), decision: "approve" });
    expect((await account("leader")).role).toBe("ADMIN");
    // Granting a role issues no password.
    await expect(collectTemporaryPassword(useradmin, await ref(result.requestId!))).rejects.toMatchObject({ code: "CONFLICT" });
    await db.user.update({ where: { id: leader.id }, data: { role: "LEADER" } });
  });

  it("does not touch non-privileged changes, which stay immediate", async () => {
    const useradmin = await actorFor("useradmin");
    const unit = await db.unit.findUniqueOrThrow({ where: { name: "福田区" } });
    const created = await createUser(useradmin, { username: "directliaison", displayName: "直接创建", role: "LIAISON", unitId: unit.id });
    expect(isRequestedChange(created)).toBe(false);
    expect(await db.user.findUnique({ where: { username: "directliaison" } })).not.toBeNull();
    const reset = await resetPassword(useradmin, await command("directliaison"));
    expect(reset).toHaveProperty("temporaryPassword");
  });
});

describe("who decides", () => {
  it("an auditor cannot approve their own request or one about their own account; a requester cannot withdraw another's", async () => {
    // A request made by an account that is also an auditor is impossible by the permission table;
    // the data layer refuses it regardless (written directly).
    const auditor = await account("auditor");
    const own = await db.privilegedRequest.create({
      data: { kind: "CREATE_ACCOUNT", payload: JSON.stringify({ username: "selfmade", role: "ADMIN" }), requestedById: auditor.id },
    });
    await expect(
      approvePrivilegedRequest(await actorFor("auditor"), { ...(await ref(own.id)), decision: "approve" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // Another account administrator's request cannot be withdrawn by useradmin.
    await expect(cancelPrivilegedRequest(await actorFor("useradmin"), await ref(own.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.privilegedRequest.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({ status: "PENDING" });
    // The requester may withdraw their own.
    const mine = (await createUser(await actorFor("useradmin"), { username: "withdrawn", displayName: "撤回", role: "AUDITOR" })) as {
      requestId: number;
    };
    await cancelPrivilegedRequest(await actorFor("useradmin"), await ref(mine.requestId));
    expect((await db.privilegedRequest.findUniqueOrThrow({ where: { id: mine.requestId } })).status).toBe("CANCELLED");
  });

  it("the account administrator cannot approve at all, and the auditor's list shows the pending requests", async () => {
    const { requestId } = (await createUser(await actorFor("useradmin"), {
      username: "listedadmin",
      displayName: "列出",
      role: "ADMIN",
    })) as {
      requestId: number;
    };
    await expect(
      approvePrivilegedRequest(await actorFor("useradmin"), { ...(await ref(requestId)), decision: "approve" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const view = await listPrivilegedRequests(await actorFor("auditor"));
    expect(view.pending.map((request) => request.payload.username)).toContain("listedadmin");
    // The requests and decisions are in the trail the auditor reads.
    const trail = await searchAuditEvents(await actorFor("auditor"), { page: 1, action: "user.request_privileged" });
    expect(trail.total).toBeGreaterThan(0);
  });
});

describe("the last auditor", () => {
  it("can be neither disabled nor demoted, with a Chinese message; another auditor can", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorFor("useradmin"));
    const useradmin = await actorFor("useradmin");
    // Only the demo auditor and auditor2 are enabled auditors here (the accounts approved above are set aside).
    await db.user.updateMany({ where: { role: "AUDITOR", username: { notIn: ["auditor", "auditor2"] } }, data: { disabled: true } });
    // auditor2 may go: another auditor remains.
    await setUserDisabled(useradmin, await command("auditor2"), true);
    const before = await account("auditor");
    const state = await userCommandAction(null, form({ ...(await command("auditor")), command: "disable" }));
    expect(state).toMatchObject({ ok: false, error: "CONFLICT" });
    expect(state && !state.ok ? state.message : "").toContain("最后一个启用的安全审计员");
    await expect(
      updateUser(useradmin, { ...(await command("auditor")), displayName: before.displayName, role: "LEADER" }),
    ).rejects.toMatchObject({ code: "CONFLICT", messageKey: "lastAuditor" });
    expect(await account("auditor")).toEqual(before);
    await setUserDisabled(useradmin, await command("auditor2"), false);
  });
});
