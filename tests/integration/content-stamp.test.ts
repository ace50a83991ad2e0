import { describe, expect, it } from "vitest";
import { audit } from "@/lib/audit/server/record";
import {
  changesPublicContent,
  changesReportingContent,
  changesSignedInViews,
  PUBLIC_STAMP,
  readContentStamp,
  VIEWS_STAMP,
} from "@/lib/core/content-stamp";
import { db } from "@/lib/core/db";
import { markAllRead, markRead } from "@/lib/reporting/server/inbox";
import messages from "@/messages/zh-CN.json";
import { actorFor, actorForRole } from "../support/actors";

const everyAction = Object.entries(messages.auditLog.actions).flatMap(([area, verbs]) =>
  Object.keys(verbs).map((verb) => `${area}.${verb}`),
);

describe("the public page's content stamp (issue 16: a cache an approval invalidates)", () => {
  it("moves with every audited write that can change the public page, in the same transaction", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await readContentStamp(db, PUBLIC_STAMP);
    await audit({ action: "report.approve", result: "SUCCESS", actor: admin, objectType: "ProgressReport", objectId: 1 });
    expect(await readContentStamp(db, PUBLIC_STAMP)).toBe(before + 1);
    await audit({ action: "indicator.set_value", result: "SUCCESS", actor: admin });
    await audit({ action: "unit.rename", result: "SUCCESS", actor: admin });
    expect(await readContentStamp(db, PUBLIC_STAMP)).toBe(before + 3);
  });

  it("stays put for reads, sign-ins, drafts, submissions and refusals", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await readContentStamp(db, PUBLIC_STAMP);
    for (const action of [
      "auth.login",
      "report.save",
      "report.submit",
      "report.read",
      "dashboard.read",
      "plan.read",
      "chase.urge",
      "feedback.reject",
      "feedback.queue",
    ]) {
      await audit({ action, result: "SUCCESS", actor: admin });
    }
    await audit({ action: "report.approve", result: "DENIED", actor: admin, reason: "not_permitted" });
    expect(await readContentStamp(db, PUBLIC_STAMP)).toBe(before);
  });

  it("classifies the writes that reach the public page as public, whatever their area", () => {
    const publicWrites = [
      "report.approve",
      "report.approve_many",
      "report.return",
      "plan.publish",
      "plan.make_current",
      "plan.update",
      "plan.import",
      "plan_item.update",
      "plan_item.archive",
      "indicator.set_value",
      "indicator.correct_value",
      "unit.rename",
      "unit.merge",
      // 公众评价: a rating changes the section's count and average, an approval publishes a comment.
      "feedback.rate",
      "feedback.approve",
    ];
    for (const action of publicWrites) expect.soft(changesPublicContent(action), action).toBe(true);
    const unclassified = everyAction.filter((action) => !publicWrites.includes(action) && changesPublicContent(action));
    // Everything else that bumps the stamp is a write too (never a read): listed so a change shows up here.
    expect(unclassified.sort()).toEqual(
      [
        "indicator.create_indicator",
        "indicator.define_composite",
        "indicator.update_composite",
        "indicator.update_indicator",
        "plan.create",
        "plan.reimport",
        "plan_item.carry_over",
        "plan_item.create",
        "plan_item.move",
        "plan_item.restore",
        "report.import",
        "round.close",
        "round.open",
        "round.reopen",
        "unit.create",
        "unit.deactivate",
        "unit.reactivate",
      ].sort(),
    );
  });
});

describe("the dashboard's per-process copy (issue 16: the dashboard under 20 connections)", () => {
  it("is built once while nothing changes, rebuilt after any write to reports, and still checks every viewer", async () => {
    const { dashboardBuilds, getDashboardForPage } = await import("@/lib/outputs/server/dashboard");
    const leader = await actorForRole("LEADER");
    // The template database has no rounds yet: the dashboard of "no round" is built and kept all the same.
    const round = { id: undefined };
    const first = await getDashboardForPage(leader, { roundId: round.id });
    const builds = dashboardBuilds();
    const again = await getDashboardForPage(leader, { roundId: round.id });
    expect(dashboardBuilds()).toBe(builds);
    expect(again).toEqual(first);
    // A liaison may not read the dashboard, copy or not.
    await expect(getDashboardForPage(await actorForRole("LIAISON"), { roundId: round.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A draft saved anywhere moves the reporting stamp: the next view is built afresh.
    await audit({ action: "report.save", result: "SUCCESS", actor: await actorForRole("LIAISON") });
    await getDashboardForPage(leader, { roundId: round.id });
    expect(dashboardBuilds()).toBe(builds + 1);
    // Reads and sign-ins do not.
    await audit({ action: "report.read", result: "SUCCESS", actor: leader });
    await audit({ action: "auth.login", result: "SUCCESS", actor: leader });
    await getDashboardForPage(leader, { roundId: round.id });
    expect(dashboardBuilds()).toBe(builds + 1);
  });

  it("moves the reporting stamp for writes in the dashboard's areas only", () => {
    for (const action of [
      "report.save",
      "report.submit",
      "report.approve",
      "report.return",
      "round.open",
      "chase.urge",
      "plan_item.update",
      "unit.rename",
      "indicator.set_value",
    ])
      expect.soft(changesReportingContent(action), action).toBe(true);
    for (const action of [
      "report.read",
      "report.queue",
      "dashboard.read",
      "auth.login",
      "user.create",
      "audit.search",
      "inbox.mark_read",
      "attachment.download",
    ])
      expect.soft(changesReportingContent(action), action).toBe(false);
  });

  it("moves the signed-in pages' stamp with every audited write but reads, exports and signing in or out", async () => {
    const admin = await actorForRole("ADMIN");
    const before = await readContentStamp(db, VIEWS_STAMP);
    await audit({ action: "report.save", result: "SUCCESS", actor: admin, objectType: "ProgressReport", objectId: 1 });
    expect(await readContentStamp(db, VIEWS_STAMP)).toBe(before + 1);
    await audit({ action: "report.save", result: "DENIED", actor: admin, objectType: "ProgressReport", objectId: 1, reason: "test" });
    await audit({ action: "report.read", result: "SUCCESS", actor: admin, objectType: "ProgressReport", objectId: 1 });
    expect(await readContentStamp(db, VIEWS_STAMP)).toBe(before + 1);
    // Every write a catalogued action names moves it, from a draft to an inbox message read (the header's count).
    const writes = everyAction.filter(
      (action) =>
        !/\.(read|list|form|search|queue|mine|timeline|template|versions|compare|registry|workbook|export|import_preview|import_read|import_discard|carry_over_form)$/.test(
          action,
        ) && !action.startsWith("auth."),
    );
    expect(writes.length).toBeGreaterThan(50);
    for (const action of writes) expect.soft(changesSignedInViews(action), action).toBe(true);
    for (const action of ["report.read", "report.mine", "dashboard.read", "audit.export", "auth.login", "auth.logout", "auth.session_end"])
      expect.soft(changesSignedInViews(action), action).toBe(false);
    for (const action of ["inbox.mark_read", "user.update", "round.create", "report.approve", "chase.send", "plan.publish"])
      expect.soft(changesSignedInViews(action), action).toBe(true);
  });

  it("moves the signed-in pages' stamp when a user reads inbox messages (every page's header counts the unread)", async () => {
    const jyj = await actorFor("jyj");
    const message = () => db.inboxMessage.create({ data: { userId: jyj.userId, kind: "notice", title: "测试", body: "测试" } });
    const first = await message();
    await message();
    const before = await readContentStamp(db, VIEWS_STAMP);
    await markRead(jyj, first.id);
    expect(await readContentStamp(db, VIEWS_STAMP)).toBe(before + 1);
    // Reading it again changes nothing, and neither does the stamp.
    await markRead(jyj, first.id);
    expect(await readContentStamp(db, VIEWS_STAMP)).toBe(before + 1);
    expect(await markAllRead(jyj)).toBeGreaterThan(0);
    expect(await readContentStamp(db, VIEWS_STAMP)).toBe(before + 2);
    expect(await markAllRead(jyj)).toBe(0);
    expect(await readContentStamp(db, VIEWS_STAMP)).toBe(before + 2);
  });
});
