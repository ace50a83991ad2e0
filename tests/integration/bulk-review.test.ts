/**
 * 批量通过 and the 代填 rule: several submitted reports approved at once, each exactly as a single
 * approval (its own transaction, timeline event, inbox message and `report.approve` audit row); a
 * report changed, withdrawn, returned or approved meanwhile, or entered on the unit's behalf by the
 * reviewer, skipped and named. Fixtures are written directly: they never depend on the checks under test.
 */
import { createTranslator, NextIntlClientProvider, type AbstractIntlMessages } from "next-intl";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { reasonText } from "@/lib/audit/describe";
import { db } from "@/lib/core/db";
import type { Translate } from "@/lib/core/i18n/values";
import { ReportEventType } from "@/lib/generated/prisma/enums";
import { Timeline } from "@/components/reporting/Timeline";
import { getActor } from "@/lib/core/session";
import { MAX_BULK_APPROVALS } from "@/lib/reporting/schemas";
import { reviewReport } from "@/lib/reporting/server/reports";
import { approveReports, OWN_ENTRY_REASON } from "@/lib/reporting/server/review";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { actorFor, auditSince, lastAuditId } from "../support/actors";
import { openYouthRound } from "../support/round-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

const { approveReportsAction } = await import("@/lib/reporting/actions/review");

const NOW = new Date("2025-09-20T10:00:00+08:00");

let roundId = 0;
let admin: Actor;
/** A second CAST staff member, created directly (an ADMIN account needs an auditor's approval otherwise). */
let colleague: Actor;

beforeAll(async () => {
  roundId = (await openYouthRound()).round.id;
  admin = await actorFor("kxadmin");
  await db.user.create({
    data: {
      username: "kxadmin2",
      displayName: "市科协审核员",
      role: "ADMIN",
      mustChangePassword: false,
      passwordHash: (await db.user.findUniqueOrThrow({ where: { username: "kxadmin" } })).passwordHash,
    },
  });
  colleague = await actorFor("kxadmin2");
});

/** The round's reports, every one put back to SUBMITTED (fresh version, nobody's 代填) before each case. */
let reports: { id: number; version: number; unitId: number; unit: { name: string }; item: { title: string } }[] = [];
beforeEach(async () => {
  await db.progressReport.updateMany({
    where: { roundId },
    data: { state: "SUBMITTED", submittedAt: NOW, workDone: "已开展活动。", enteredById: null, enteredByName: null, enteredAt: null },
  });
  reports = await db.progressReport.findMany({
    where: { roundId },
    orderBy: { id: "asc" },
    include: { unit: { select: { name: true } }, item: { select: { title: true } } },
  });
});

const ref = (report: { id: number; version: number }) => ({ reportId: report.id, version: report.version });
const stateOf = async (id: number) => (await db.progressReport.findUniqueOrThrow({ where: { id } })).state;

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("approveReports", () => {
  it("approves each report as a single approval would: one APPROVED event, one inbox message per liaison, one report.approve audit row", async () => {
    const chosen = reports.slice(0, 4);
    const auditBefore = await lastAuditId();
    const result = await approveReports(admin, { reports: chosen.map(ref) }, NOW);
    expect(result.skipped).toEqual([]);
    expect(result.approved.map((row) => row.reportId)).toEqual(chosen.map((report) => report.id));
    expect(result.approved[0]).toMatchObject({ unitName: chosen[0]!.unit.name, itemTitle: chosen[0]!.item.title });
    for (const report of chosen) {
      const after = await db.progressReport.findUniqueOrThrow({ where: { id: report.id } });
      expect(after).toMatchObject({ state: "APPROVED", version: report.version + 1, reviewedAt: NOW });
      const events = await db.reportEvent.findMany({ where: { reportId: report.id, type: "APPROVED", createdAt: NOW } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: admin.userId, comment: null });
      const liaisons = await db.user.count({ where: { unitId: report.unitId, role: "LIAISON", disabled: false } });
      const messages = await db.inboxMessage.findMany({ where: { link: `/reports/${report.id}`, kind: "APPROVED", createdAt: NOW } });
      expect(messages).toHaveLength(liaisons);
      for (const message of messages) expect(message.title).toBe(`报告已审核通过：${report.item.title}`);
    }
    // At least one chosen unit has a liaison, so messages were really written.
    expect(await db.inboxMessage.count({ where: { kind: "APPROVED", createdAt: NOW } })).toBeGreaterThan(0);
    const audit = await auditSince(auditBefore);
    const approvals = audit.filter((row) => row.action === "report.approve");
    expect(approvals.map((row) => row.objectId)).toEqual(chosen.map((report) => String(report.id)));
    expect(approvals.every((row) => row.result === "SUCCESS" && row.actorUsername === "kxadmin")).toBe(true);
    // …and the batch itself once, naming what it approved.
    const batch = audit.filter((row) => row.action === "report.approve_many");
    expect(batch).toHaveLength(1);
    expect(JSON.parse(batch[0]!.details!)).toEqual({ approvedReports: chosen.map((report) => report.id), skippedReports: [] });
  });

  it("skips and names a report changed, returned, withdrawn or approved meanwhile, or entered on the unit's behalf by the reviewer; approves the others", async () => {
    const [good1, stale, returned, approvedMeanwhile, ownEntry, good2, othersEntry, withdrawn] = reports;
    expect(withdrawn).toBeDefined();
    // Changed since the queue showed it: saved again (a new version), still SUBMITTED.
    await db.progressReport.update({ where: { id: stale!.id }, data: { version: { increment: 1 } } });
    // Returned by another reviewer, and withdrawn to a draft.
    await db.progressReport.update({ where: { id: returned!.id }, data: { state: "RETURNED", version: { increment: 1 } } });
    await db.progressReport.update({ where: { id: withdrawn!.id }, data: { state: "DRAFT", version: { increment: 1 } } });
    await db.progressReport.update({ where: { id: approvedMeanwhile!.id }, data: { state: "APPROVED", version: { increment: 1 } } });
    // 代填 by the reviewer, and by a colleague (which the reviewer may approve).
    await db.progressReport.update({
      where: { id: ownEntry!.id },
      data: { enteredById: admin.userId, enteredByName: admin.displayName, enteredAt: NOW },
    });
    await db.progressReport.update({
      where: { id: othersEntry!.id },
      data: { enteredById: colleague.userId, enteredByName: colleague.displayName, enteredAt: NOW },
    });
    const auditBefore = await lastAuditId();
    const eventsBefore = (await db.reportEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
    const messagesBefore = (await db.inboxMessage.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
    const result = await approveReports(
      admin,
      {
        reports: [
          ...[good1, stale, returned, approvedMeanwhile, ownEntry, good2, othersEntry, withdrawn].map((report) => ref(report!)),
          { reportId: 999_999, version: 1 },
        ],
      },
      NOW,
    );
    expect(result.approved.map((row) => row.reportId)).toEqual([good1!.id, good2!.id, othersEntry!.id]);
    expect(result.skipped.map((row) => [row.reportId, row.reason])).toEqual([
      [stale!.id, "changed"],
      [returned!.id, "changed"],
      [approvedMeanwhile!.id, "alreadyApproved"],
      [ownEntry!.id, "ownEntry"],
      [withdrawn!.id, "changed"],
      [999_999, "notFound"],
    ]);
    expect(result.skipped[3]).toMatchObject({ unitName: ownEntry!.unit.name, itemTitle: ownEntry!.item.title });
    expect(await stateOf(stale!.id)).toBe("SUBMITTED");
    expect(await stateOf(returned!.id)).toBe("RETURNED");
    expect(await stateOf(withdrawn!.id)).toBe("DRAFT");
    expect(await stateOf(ownEntry!.id)).toBe("SUBMITTED");
    expect(await stateOf(othersEntry!.id)).toBe("APPROVED");
    for (const skipped of [stale, returned, approvedMeanwhile, ownEntry, withdrawn]) {
      expect(await db.reportEvent.count({ where: { id: { gt: eventsBefore }, reportId: skipped!.id } })).toBe(0);
      expect(await db.inboxMessage.count({ where: { id: { gt: messagesBefore }, link: `/reports/${skipped!.id}` } })).toBe(0);
    }
    const audit = await auditSince(auditBefore);
    expect(audit.filter((row) => row.action === "report.approve" && row.result === "SUCCESS").map((row) => row.objectId)).toEqual(
      [good1, good2, othersEntry].map((report) => String(report!.id)),
    );
    // The own-代填 attempt is a refusal on the record, as a single approval's would be.
    expect(audit.filter((row) => row.result === "DENIED")).toEqual([
      expect.objectContaining({ action: "report.approve", objectId: String(ownEntry!.id), reason: OWN_ENTRY_REASON }),
    ]);
  });

  it("refuses a liaison and a leader before reading anything: nothing changes, one DENIED record each", async () => {
    const eventsBefore = await db.reportEvent.count({ where: { roundId } });
    const messagesBefore = await db.inboxMessage.count();
    for (const username of ["jyj", "leader"]) {
      const auditBefore = await lastAuditId();
      await expect(approveReports(await actorFor(username), { reports: reports.map(ref) }, NOW)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      const audit = await auditSince(auditBefore);
      expect(audit).toEqual([expect.objectContaining({ action: "report.approve_many", result: "DENIED", actorUsername: username })]);
    }
    const after = await db.progressReport.findMany({ where: { roundId }, orderBy: { id: "asc" } });
    expect(after.map((report) => [report.state, report.version])).toEqual(reports.map((report) => ["SUBMITTED", report.version]));
    expect(await db.reportEvent.count({ where: { roundId } })).toBe(eventsBefore);
    expect(await db.inboxMessage.count()).toBe(messagesBefore);
  });

  it(`takes at most ${MAX_BULK_APPROVALS} reports at once (and at least one), in Chinese`, async () => {
    const many = Array.from({ length: MAX_BULK_APPROVALS + 1 }, (_, index) => ({ reportId: index + 1, version: 1 }));
    await expect(approveReports(admin, { reports: many }, NOW)).rejects.toMatchObject({ code: "VALIDATION", messageKey: "bulkTooMany" });
    await expect(approveReports(admin, { reports: [] }, NOW)).rejects.toMatchObject({ code: "VALIDATION", messageKey: "bulkNoneSelected" });
    expect(await stateOf(reports[0]!.id)).toBe("SUBMITTED");

    vi.mocked(getActor).mockResolvedValue(admin);
    const refused = await approveReportsAction(null, form(many.map((entry) => ["reports", `${entry.reportId}:${entry.version}`])));
    expect(refused).toMatchObject({
      ok: false,
      error: "VALIDATION",
      fieldErrors: { reports: "一次最多批量通过 100 份报告，请减少选择后重试。" },
    });
    expect(await db.progressReport.count({ where: { roundId, state: "APPROVED" } })).toBe(0);
  });

  it("is what the queue's form posts: each checked box as id:version", async () => {
    vi.mocked(getActor).mockResolvedValue(admin);
    const [first, second] = reports;
    const state = await approveReportsAction(
      null,
      form([
        ["reports", `${first!.id}:${first!.version}`],
        ["reports", `${second!.id}:${second!.version}`],
      ]),
    );
    expect(state).toMatchObject({ ok: true, data: { approved: [{ reportId: first!.id }, { reportId: second!.id }], skipped: [] } });
    expect(await stateOf(first!.id)).toBe("APPROVED");
    // One box posts a single value, not a list.
    const third = reports[2]!;
    expect(await approveReportsAction(null, form([["reports", `${third.id}:${third.version}`]]))).toMatchObject({ ok: true });
    expect(await stateOf(third.id)).toBe("APPROVED");
  });
});

describe("the 代填 rule on a single review", () => {
  it("refuses the person who entered a report on the unit's behalf to approve it, audited, in Chinese; a colleague may", async () => {
    const report = reports[0]!;
    await db.progressReport.update({
      where: { id: report.id },
      data: { enteredById: admin.userId, enteredByName: admin.displayName, enteredAt: NOW },
    });
    const auditBefore = await lastAuditId();
    await expect(reviewReport(admin, { ...ref(report), decision: "APPROVE", comment: "" }, NOW)).rejects.toMatchObject({
      code: "FORBIDDEN",
      messageKey: "approveOwnEntry",
    });
    expect(await auditSince(auditBefore)).toEqual([
      expect.objectContaining({
        action: "report.approve",
        result: "DENIED",
        objectId: String(report.id),
        actorUsername: "kxadmin",
        reason: OWN_ENTRY_REASON,
      }),
    ]);
    expect(await stateOf(report.id)).toBe("SUBMITTED");
    await reviewReport(colleague, { ...ref(report), decision: "APPROVE", comment: "" }, NOW);
    expect(await stateOf(report.id)).toBe("APPROVED");
  });

  it("lets the person who entered it return it", async () => {
    const report = reports[1]!;
    await db.progressReport.update({ where: { id: report.id }, data: { enteredById: admin.userId, enteredByName: admin.displayName } });
    await reviewReport(admin, { ...ref(report), decision: "RETURN", comment: "请单位核实数据。" }, NOW);
    expect(await stateOf(report.id)).toBe("RETURNED");
  });

  it("names the refusal in the audit log and the error in both languages", () => {
    const translator = (locale: string, messages: unknown) =>
      createTranslator({ locale, messages: messages as AbstractIntlMessages }) as unknown as Translate;
    expect(reasonText(translator("zh-CN", zhCN), OWN_ENTRY_REASON)).toBe("本人代填的报告不能由本人审核通过");
    expect(reasonText(translator("en", en), OWN_ENTRY_REASON)).toMatch(/on the unit's behalf/);
    expect(zhCN.errors.approveOwnEntry).toMatch(/代填/);
  });
});

describe("the timeline", () => {
  it("has a label for every kind of report event in both languages, 市科协代填 among them", () => {
    for (const messages of [zhCN, en]) {
      for (const type of Object.values(ReportEventType)) expect(messages.reports.events[type], type).toBeTruthy();
    }
    const markup = renderToStaticMarkup(
      createElement(
        NextIntlClientProvider,
        { locale: "zh-CN", messages: zhCN as AbstractIntlMessages, timeZone: "Asia/Shanghai" } as ComponentProps<
          typeof NextIntlClientProvider
        >,
        createElement(Timeline, {
          label: "进展时间线",
          events: [{ id: 1, type: "ENTERED_ON_BEHALF", comment: null, actorName: "市科协管理员", createdAt: NOW }],
        }),
      ),
    );
    expect(markup).toContain("市科协代填");
    expect(markup).toContain("市科协管理员");
  });
});
