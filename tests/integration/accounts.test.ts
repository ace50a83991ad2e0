import { beforeEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/core/auth/password-hash";
import { checkPassword } from "@/lib/accounts/password-policy";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { getActor } from "@/lib/core/session";
import { createUser, getUser, resetPassword, setUserDisabled, updateUser } from "@/lib/accounts/server/users";
import { actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { createUserAction, updateUserAction } = await import("@/lib/accounts/actions/users");
const { changePasswordAction } = await import("@/lib/accounts/actions/account");

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

async function account(username: string) {
  return db.user.findUniqueOrThrow({ where: { username } });
}

beforeEach(async () => {
  vi.mocked(getActor).mockResolvedValue(await actorForRole("USER_ADMIN"));
});

describe("a liaison acting on another unit's account with valid ids (IDOR)", () => {
  it("cannot read, change, disable or reset it, and nothing changes", async () => {
    const liaison = await actorFor("jyj"); // 市教育局
    const other = await account("wjw"); // 市卫生健康委
    const command = { userId: other.id, version: other.version };
    const before = await lastAuditId();
    await expect(getUser(liaison, other.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateUser(liaison, { ...command, displayName: "改名", role: "LIAISON", unitId: liaison.unitId! })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(setUserDisabled(liaison, command, true)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetPassword(liaison, command)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await account("wjw")).toEqual(other);
    const events = await auditSince(before);
    expect(events.map((event) => [event.action, event.result, event.objectId])).toEqual([
      ["user.read", "DENIED", String(other.id)],
      ["user.update", "DENIED", String(other.id)],
      ["user.disable", "DENIED", String(other.id)],
      ["user.reset_password", "DENIED", String(other.id)],
    ]);
  });
});

describe("account administration", () => {
  it("creates an account with a temporary password that satisfies the policy and must be changed", async () => {
    const admin = await actorForRole("USER_ADMIN");
    const unit = await db.unit.findUniqueOrThrow({ where: { name: "市文化广电旅游体育局" } });
    const result = await createUser(admin, {
      username: "wglt",
      displayName: "文广旅体联络员",
      role: "LIAISON",
      unitId: unit.id,
    });
    // A liaison is not a privileged account: created at once (privileged-requests.test.ts has the others).
    if (!("user" in result)) throw new Error("a liaison account must be created at once");
    const { user, temporaryPassword } = result;
    expect(checkPassword(temporaryPassword, "wglt")).toEqual([]);
    const stored = await account("wglt");
    expect(stored).toMatchObject({ mustChangePassword: true, role: "LIAISON", unitId: unit.id, isDemo: false });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash, temporaryPassword)).toBe(true);
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("refuses to let account administrators disable themselves or change their own role", async () => {
    const admin = await actorForRole("USER_ADMIN");
    const self = await account("useradmin");
    await expect(setUserDisabled(admin, { userId: self.id, version: self.version }, true)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      updateUser(admin, { userId: self.id, version: self.version, displayName: self.displayName, role: "AUDITOR" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await account("useradmin")).toEqual(self);
    // Changing only their own display name is fine.
    await updateUser(admin, { userId: self.id, version: self.version, displayName: "周管理", role: "USER_ADMIN" });
    expect((await account("useradmin")).displayName).toBe("周管理");
  });

  it("rejects an edit made from a stale page, keeping the other edit", async () => {
    const admin = await actorForRole("USER_ADMIN");
    const target = await account("leader");
    await updateUser(admin, { userId: target.id, version: target.version, displayName: "第一次修改", role: "LEADER" });
    await expect(
      updateUser(admin, { userId: target.id, version: target.version, displayName: "第二次修改", role: "LEADER" }),
    ).rejects.toEqual(new AppError("CONFLICT", "staleAccount"));
    expect((await account("leader")).displayName).toBe("第一次修改");
  });
});

describe("account forms through their server actions", () => {
  it("explain bad input in Chinese and create nothing", async () => {
    const count = await db.user.count();
    const state = await createUserAction(null, form({ username: "X", displayName: "", role: "LIAISON", unitId: "" }));
    expect(state).toMatchObject({
      ok: false,
      error: "VALIDATION",
      fieldErrors: {
        username: "用户名须为3–32位小写字母、数字或 . _ -，以字母开头。",
        displayName: "此项必填。",
        unitId: "单位联络员必须绑定一个单位。",
      },
    });
    expect(await db.user.count()).toBe(count);
  });

  it("refuse a taken username with a clear message", async () => {
    const state = await createUserAction(null, form({ username: "jyj", displayName: "重复", role: "LEADER" }));
    expect(state).toMatchObject({ ok: false, error: "CONFLICT", fieldErrors: { username: "该用户名已被使用。" } });
  });

  it("refuse a unit for a role that has none", async () => {
    const unit = await db.unit.findFirstOrThrow();
    const state = await createUserAction(null, form({ username: "someone", displayName: "某人", role: "LEADER", unitId: unit.id }));
    expect(state).toMatchObject({ ok: false, fieldErrors: { unitId: "只有单位联络员可以绑定单位。" } });
  });

  it("keep an optional e-mail address, refusing a malformed one in Chinese", async () => {
    const target = await account("wjw");
    const unitId = target.unitId!;
    const bad = await updateUserAction(
      null,
      form({ userId: target.id, version: target.version, displayName: target.displayName, role: "LIAISON", unitId, email: "wjw@" }),
    );
    expect(bad).toMatchObject({ ok: false, fieldErrors: { email: "请填写有效的电子邮箱地址，例如 name@example.gov.cn。" } });
    expect((await account("wjw")).email).toBeNull();
    const good = await updateUserAction(
      null,
      form({
        userId: target.id,
        version: target.version,
        displayName: target.displayName,
        role: "LIAISON",
        unitId,
        email: " wjw@example.gov.cn ",
      }),
    );
    expect(good.ok).toBe(true);
    expect((await account("wjw")).email).toBe("wjw@example.gov.cn");
    const trail = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.update", objectId: String(target.id) },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(trail.details!)).toMatchObject({ before: { email: null }, after: { email: "wjw@example.gov.cn" } });
  });

  it("report a stale edit as a conflict", async () => {
    const target = await account("kxadmin");
    const state = await updateUserAction(null, form({ userId: target.id, version: target.version + 5, displayName: "x", role: "ADMIN" }));
    expect(state).toMatchObject({ ok: false, error: "CONFLICT", message: "该账户已被他人修改，请刷新页面后重试。" });
  });

  it("enforce the password policy when users change their own password", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorFor("jyj"));
    const attempt = (newPassword: string, currentPassword = "Kepu#2025") =>
      changePasswordAction(null, form({ currentPassword, newPassword, confirmPassword: newPassword }));
    expect(await attempt("Short1!")).toMatchObject({ fieldErrors: { newPassword: "密码至少8位。" } });
    expect(await attempt("alllowercase1")).toMatchObject({
      fieldErrors: { newPassword: "密码须包含大写字母、小写字母、数字、符号中的至少3类。" },
    });
    expect(await attempt("Myjyj#2026")).toMatchObject({ fieldErrors: { newPassword: "密码不能包含用户名。" } });
    expect(await attempt("Good#2026pw", "wrong-current")).toMatchObject({ fieldErrors: { currentPassword: "当前密码不正确。" } });
    expect(await attempt("Kepu#2025")).toMatchObject({ fieldErrors: { newPassword: "新密码不能与当前密码相同。" } });
    expect(await verifyPassword((await account("jyj")).passwordHash, "Kepu#2025")).toBe(true);
  });
});
