import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { Fragment, createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Translate } from "@/lib/core/i18n/values";
import { inboxMessageText } from "@/components/reporting/inbox-text";
import { actionLabel, detailLines, objectTypeLabel, reasonText } from "@/lib/audit/describe";
import { exportAuditCsv, searchAuditEvents } from "@/lib/audit/server/log";
import { login } from "@/lib/core/auth/login";
import { db } from "@/lib/core/db";
import { listUsers } from "@/lib/accounts/server/users";
import { sendChase } from "@/lib/reporting/server/chasing";
import { listInbox } from "@/lib/reporting/server/inbox";
import { reviewReport, saveReport } from "@/lib/reporting/server/reports";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { actorFor, actorForRole, DEMO_PASSWORD } from "../support/actors";
import { filledReport, openYouthRound, reportOf } from "../support/round-fixtures";

/** A root translator as the pages have one (getTranslations() / useTranslations()), over the real message files. */
const translator = (locale: string, messages: unknown) =>
  createTranslator({ locale, messages: messages as AbstractIntlMessages }) as unknown as Translate & Parameters<typeof inboxMessageText>[0];

const translators = { "zh-CN": translator("zh-CN", zhCN), en: translator("en", en) };

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

function html(node: ReactNode): string {
  return renderToStaticMarkup(createElement(Fragment, null, node));
}

/** The text a reader hears in the page's own language: everything outside lang="zh-CN" spans. */
function outsideChinese(markup: string): string {
  return markup.replace(/<span lang="zh-CN">[^<]*<\/span>/g, "").replace(/<[^>]+>/g, "");
}

type InboxRow = Awaited<ReturnType<typeof listInbox>>["messages"][number];

function rendered(locale: keyof typeof translators, message: InboxRow) {
  const text = inboxMessageText(translators[locale], message);
  return { title: html(text.title), body: html(text.body) };
}

describe("inbox messages in the reader's language", () => {
  const deadline = "2099-06-30";
  let roundName = "";
  let itemTitle = "";
  let messages: InboxRow[] = [];

  beforeAll(async () => {
    const { round } = await openYouthRound(deadline);
    roundName = round.name;
    const liaison = await actorFor("jyj");
    const admin = await actorForRole("ADMIN");
    const report = await reportOf(round.id, "市教育局");
    await saveReport(liaison, { reportId: report.id, version: report.version, intent: "submit", submissionKey: "", ...filledReport });
    const submitted = await reportOf(round.id, "市教育局");
    await reviewReport(admin, { reportId: submitted.id, version: submitted.version, decision: "RETURN", comment: "请补充活动照片。" });
    await sendChase(admin, { roundId: round.id, unitId: liaison.unitId!, level: "REMIND", message: "" });
    await sendChase(admin, { roundId: round.id, unitId: liaison.unitId!, level: "URGE", message: "请尽快报送。" });
    itemTitle = (await db.planItem.findUniqueOrThrow({ where: { id: report.itemId } })).title;
    messages = (await listInbox(liaison)).messages.filter(
      (message) => message.link === "/my-tasks" || message.link === `/reports/${report.id}`,
    );
  });

  it("stores kind and params beside the Chinese title and body (the e-mail copy)", () => {
    const [urge, remind, returned] = messages;
    expect(returned).toMatchObject({ kind: "RETURNED", title: `报告被退回修改：${itemTitle}` });
    expect(JSON.parse(returned!.params!)).toEqual({ item: itemTitle, round: roundName, comment: "请补充活动照片。" });
    expect(remind).toMatchObject({ kind: "REMIND", body: `请于 ${deadline} 前完成《${roundName}》的报送。` });
    expect(JSON.parse(remind!.params!)).toEqual({ round: roundName, count: 1, deadline, message: null });
    expect(JSON.parse(urge!.params!)).toMatchObject({ message: "请尽快报送。" });
  });

  it("renders them in Chinese for the Chinese UI", () => {
    const [urge, remind, returned] = messages;
    expect(outsideChinese(rendered("zh-CN", returned!).title)).toBe("报告被退回修改：");
    expect(rendered("zh-CN", returned!).body).toContain("退回意见：");
    expect(rendered("zh-CN", remind!).title.replace(/<[^>]+>/g, "")).toBe(`【提醒】${roundName}：1 项待报送`);
    expect(rendered("zh-CN", remind!).body.replace(/<[^>]+>/g, "")).toBe(`请于 ${deadline} 前完成《${roundName}》的报送。`);
    expect(rendered("zh-CN", urge!).body).toBe('<span lang="zh-CN">请尽快报送。</span>');
  });

  it("renders them in English for the English UI, Chinese data marked lang=zh-CN and nothing else Chinese", () => {
    const [urge, remind, returned] = messages;
    const english = messages.map((message) => rendered("en", message));
    expect(english[2]!.title).toBe(`Report returned for revision: <span lang="zh-CN">${itemTitle}</span>`);
    expect(english[2]!.body).toBe(
      `<span lang="zh-CN">${roundName}</span>. Reviewer&#x27;s comment: <span lang="zh-CN">请补充活动照片。</span>`,
    );
    expect(rendered("en", remind!).title).toBe(`[Reminder] <span lang="zh-CN">${roundName}</span>: 1 report to submit`);
    // No message typed: the default sentence is rendered in the reader's language.
    expect(rendered("en", remind!).body).toBe(`Please submit your reports for <span lang="zh-CN">${roundName}</span> by ${deadline}.`);
    // A message the officer typed is data: shown as typed, marked as Chinese.
    expect(rendered("en", urge!).body).toBe('<span lang="zh-CN">请尽快报送。</span>');
    expect(returned).toBeDefined();
    for (const text of english) {
      expect(outsideChinese(text.title)).not.toMatch(CJK);
      expect(outsideChinese(text.body)).not.toMatch(CJK);
    }
  });

  it("shows rows written before params existed as stored, marked Chinese", () => {
    const old = { ...messages[0]!, params: null, title: "旧消息标题", body: "旧消息正文" };
    expect(rendered("en", old)).toEqual({ title: '<span lang="zh-CN">旧消息标题</span>', body: '<span lang="zh-CN">旧消息正文</span>' });
    const broken = { ...messages[0]!, params: "{not json", title: "旧消息标题", body: "旧消息正文" };
    expect(rendered("en", broken).title).toBe('<span lang="zh-CN">旧消息标题</span>');
  });
});

describe("audit records in the reader's language", () => {
  it("labels real events (a refusal, a failed sign-in, an approval) while the CSV keeps the raw record", async () => {
    const auditor = await actorForRole("AUDITOR");
    await expect(listUsers(auditor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await login({ username: "wjw", password: `${DEMO_PASSWORD}x` }, { ip: "127.0.0.1", userAgent: "test" });
    const { events } = await searchAuditEvents(auditor, { page: 1 });
    const denied = events.find((event) => event.action === "user.list" && event.result === "DENIED")!;
    const failed = events.find((event) => event.action === "auth.login" && event.reason === "bad_password")!;
    expect(denied.reason).toBe("role AUDITOR lacks user:read");

    const zh = translators["zh-CN"];
    const english = translators.en;
    expect(actionLabel(zh, denied.action)).toBe("查看账户列表");
    expect(objectTypeLabel(zh, denied.objectType!)).toBe("账户");
    expect(reasonText(zh, denied.reason!)).toBe("角色「安全审计员」没有「查看账户」权限");
    expect(reasonText(english, denied.reason!)).toBe("The role “Security auditor” lacks the permission “view accounts”");
    expect(actionLabel(zh, failed.action)).toBe("登录");
    expect(reasonText(zh, failed.reason!)).toBe("密码错误");
    expect(reasonText(english, failed.reason!)).toBe("Wrong password");
    expect(detailLines(zh, failed.details)).toEqual(["连续失败次数：1"]);
    expect(detailLines(english, failed.details)).toEqual(["Consecutive failures: 1"]);

    const { csv } = await exportAuditCsv(auditor, { page: 1 });
    expect(csv).toContain("role AUDITOR lacks user:read");
    expect(csv).toContain("bad_password");
    expect(csv).toContain("auth.login");
    expect(csv).toContain('{""failures"":1}');
  });

  it("describes every recorded action of a reporting workflow without raw codes in Chinese", async () => {
    const zh = translators["zh-CN"];
    const events = await db.auditEvent.findMany({ where: { result: "SUCCESS" }, orderBy: { id: "asc" } });
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(actionLabel(zh, event.action), event.action).not.toBe(event.action);
      for (const line of detailLines(zh, event.details)) expect(line, line).not.toMatch(/[{}]|\b[A-Z]{3,}_?[A-Z]*\b/);
    }
  });
});
