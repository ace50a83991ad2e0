import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sendChase } from "@/lib/reporting/server/chasing";
import { db } from "@/lib/core/db";
import { deliverPendingMail, MAX_MAIL_ATTEMPTS } from "@/lib/reporting/server/mail";
import { saveReport } from "@/lib/reporting/server/reports";
import { getActor } from "@/lib/core/session";
import { actorFor, actorForRole } from "../support/actors";
import { unitId } from "../support/plan-fixtures";
import { filledReport, openYouthRound, reportOf } from "../support/round-fixtures";
import { startSmtpRelay } from "../support/smtp";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

// A real SMTP server on a local port plays the organisation's relay; the app is configured
// for it exactly as a deployment would be, through the environment.
const relay = await startSmtpRelay(["bounced@example.gov.cn"]);
process.env.SMTP_URL = relay.url;
process.env.SMTP_FROM = "深圳市科协 <kepu@example.gov.cn>";
process.env.NEXTAUTH_URL = "https://kepu.example.gov.cn";

const { reviewReportAction } = await import("@/lib/reporting/actions/reports");
const { chaseAction } = await import("@/lib/reporting/actions/chasing");
const { runScheduled } = await import("../support/next-runtime");

afterAll(() => relay.close());

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

async function setEmail(username: string, email: string | null) {
  await db.user.update({ where: { username }, data: { email } });
}

async function submitted(unitName: string, username: string) {
  const { round } = await openYouthRound("2025-09-30");
  const report = await reportOf(round.id, unitName);
  await saveReport(await actorFor(username), {
    reportId: report.id,
    version: report.version,
    intent: "submit",
    submissionKey: "",
    ...filledReport,
  });
  return { round, report: await reportOf(round.id, unitName) };
}

beforeEach(async () => {
  relay.received.length = 0;
  await setEmail("jyj", "jyj@example.gov.cn");
});

describe("e-mail copies of inbox messages, with a relay configured", () => {
  it("e-mails a returned report to the liaison, in Chinese, with the comment and a link to the report", async () => {
    const { report } = await submitted("市教育局", "jyj");
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const result = await reviewReportAction(
      null,
      form({ reportId: report.id, version: report.version, decision: "RETURN", comment: "请补充各区参与学校名单。" }),
    );
    expect(result.ok).toBe(true);
    // Nothing is sent inside the request: the copy waits, the review is already saved.
    expect(relay.received).toHaveLength(0);
    const [queued] = await db.inboxMessage.findMany({ where: { user: { username: "jyj" } }, orderBy: { id: "desc" }, take: 1 });
    expect(queued).toMatchObject({ title: "报告被退回修改：实施青少年科学素质提升行动", emailStatus: "PENDING" });

    await runScheduled();
    expect(relay.received).toHaveLength(1);
    const mail = relay.received[0]!;
    expect(mail.to).toEqual(["jyj@example.gov.cn"]);
    expect(mail.from).toBe("kepu@example.gov.cn");
    expect(mail.subject).toBe("【科学素质纲要实施平台】报告被退回修改：实施青少年科学素质提升行动");
    expect(mail.text).toContain("退回意见：请补充各区参与学校名单。");
    expect(mail.text).toContain(`查看详情：https://kepu.example.gov.cn/reports/${report.id}`);
    const sent = await db.inboxMessage.findUniqueOrThrow({ where: { id: queued!.id } });
    expect(sent).toMatchObject({ emailStatus: "SENT", emailAttempts: 1, emailError: null });
    expect(sent.emailedAt).toBeInstanceOf(Date);
  });

  it("queues copies only for liaisons with an address; the others get the inbox message alone", async () => {
    const { round } = await openYouthRound("2025-09-30");
    await db.user.create({
      data: {
        username: "jyj2",
        displayName: "第二联络员",
        passwordHash: "x",
        role: "LIAISON",
        unitId: await unitId("市教育局"),
        mustChangePassword: false,
      },
    });
    await sendChase(await actorForRole("ADMIN"), {
      roundId: round.id,
      unitId: await unitId("市教育局"),
      level: "REMIND",
      message: "请于9月30日前报送。",
    });
    const messages = await db.inboxMessage.findMany({ where: { kind: "REMIND", body: "请于9月30日前报送。" }, include: { user: true } });
    expect(messages.map((message) => [message.user.username, message.emailStatus]).sort()).toEqual([
      ["jyj", "PENDING"],
      ["jyj2", null],
    ]);
    expect(await deliverPendingMail()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(relay.received.map((mail) => mail.subject)).toEqual(["【科学素质纲要实施平台】【提醒】2025年第三季度进展报送：1 项待报送"]);
  });

  it("sends each copy once when two deliveries run at the same time", async () => {
    const { round } = await openYouthRound("2025-09-30");
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const result = await chaseAction(null, form({ roundId: round.id, unitId: await unitId("市教育局"), level: "REMIND", message: "" }));
    expect(result.ok).toBe(true);
    const [first, second] = await Promise.all([deliverPendingMail(), deliverPendingMail()]);
    expect(first.sent + second.sent).toBe(1);
    await runScheduled();
    expect(relay.received).toHaveLength(1);
  });

  it("keeps the chase when the relay refuses the address, retries, and gives up after the last attempt", async () => {
    await setEmail("jyj", "bounced@example.gov.cn");
    const { round } = await openYouthRound("2025-09-30");
    await sendChase(await actorForRole("ADMIN"), {
      roundId: round.id,
      unitId: await unitId("市教育局"),
      level: "REMIND",
      message: "退信测试",
    });
    expect(await db.chase.count({ where: { roundId: round.id } })).toBe(1);
    const where = { body: "退信测试", user: { username: "jyj" } };
    for (let attempt = 1; attempt < MAX_MAIL_ATTEMPTS; attempt += 1) {
      expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retrying: 1 });
      expect(await db.inboxMessage.findFirstOrThrow({ where })).toMatchObject({
        emailStatus: "PENDING",
        emailAttempts: attempt,
        emailError: expect.stringContaining("550"),
      });
    }
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 1, retrying: 0 });
    expect(await db.inboxMessage.findFirstOrThrow({ where })).toMatchObject({ emailStatus: "FAILED", emailAttempts: MAX_MAIL_ATTEMPTS });
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    // The liaison still has the message in the app.
    expect(await db.inboxMessage.count({ where: { ...where, readAt: null } })).toBe(1);
  });

  it("keeps the copy for later when the relay cannot be reached", async () => {
    const { round } = await openYouthRound("2025-09-30");
    await sendChase(await actorForRole("ADMIN"), {
      roundId: round.id,
      unitId: await unitId("市教育局"),
      level: "REMIND",
      message: "中继不可达",
    });
    const unreachable = { url: "smtp://127.0.0.1:1", from: "kepu@example.gov.cn" };
    expect(await deliverPendingMail(unreachable)).toEqual({ sent: 0, failed: 0, retrying: 1 });
    expect(await db.inboxMessage.findFirstOrThrow({ where: { body: "中继不可达", user: { username: "jyj" } } })).toMatchObject({
      emailStatus: "PENDING",
      emailAttempts: 1,
    });
    expect(await deliverPendingMail()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(relay.received).toHaveLength(1);
  });

  it("does not send to an address removed after the copy was queued", async () => {
    const { round } = await openYouthRound("2025-09-30");
    await sendChase(await actorForRole("ADMIN"), {
      roundId: round.id,
      unitId: await unitId("市教育局"),
      level: "REMIND",
      message: "邮箱已删除",
    });
    await setEmail("jyj", null);
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 1, retrying: 0 });
    expect(await db.inboxMessage.findFirstOrThrow({ where: { body: "邮箱已删除", user: { username: "jyj" } } })).toMatchObject({
      emailStatus: "FAILED",
      emailError: "账户已没有邮箱地址或已停用，未发送。",
    });
    expect(relay.received).toHaveLength(0);
  });
});
