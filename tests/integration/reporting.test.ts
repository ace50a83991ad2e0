import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { revalidatePath } from "next/cache";
import { MAX_ATTACHMENT_BYTES } from "@/lib/core/files/detect-type";
import { addAttachment, downloadAttachment } from "@/lib/reporting/server/attachments";
import { sendChase } from "@/lib/reporting/server/chasing";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { listInbox, markRead, unreadCount } from "@/lib/reporting/server/inbox";
import { getReport, itemTimeline, myTasks, reviewReport, saveReport } from "@/lib/reporting/server/reports";
import { getRoundBoard, setRoundClosed } from "@/lib/reporting/server/rounds";
import { getActor } from "@/lib/core/session";
import { actorFor, actorForRole } from "../support/actors";
import { TEST_TMP_DIR } from "../support/paths";
import { filledReport, openYouthRound, reportOf } from "../support/round-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { saveReportAction } = await import("@/lib/reporting/actions/reports");
const { uploadAttachmentAction } = await import("@/lib/reporting/actions/attachments");

const UPLOAD_DIR = path.join(TEST_TMP_DIR, `uploads-${process.pid}`);
process.env.UPLOAD_DIR = UPLOAD_DIR;
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function form(values: Record<string, string | number>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

const save = (
  reportId: number,
  version: number,
  intent: "save" | "submit",
  extra: Partial<typeof filledReport> & { submissionKey?: string } = {},
) => ({
  reportId,
  version,
  intent,
  submissionKey: "",
  ...filledReport,
  ...extra,
});

let roundId = 0;
beforeAll(async () => {
  roundId = (await openYouthRound()).round.id;
});

describe("opening a round", () => {
  it("makes every lead and supporting unit of the items in scope owe one report", async () => {
    const reports = await db.progressReport.findMany({ where: { roundId }, include: { unit: true } });
    expect(reports).toHaveLength(8);
    expect(
      reports
        .filter((report) => report.role === "LEAD")
        .map((report) => report.unit.name)
        .sort(),
    ).toEqual(["团市委", "市教育局", "市科协"].sort());
    expect(reports.every((report) => report.state === "OWED")).toBe(true);
  });
});

describe("the report workflow", () => {
  it("draft → submitted → returned with a comment → resubmitted → approved, then locked", async () => {
    const liaison = await actorFor("jyj");
    const admin = await actorForRole("ADMIN");
    let report = await reportOf(roundId, "市教育局");
    await saveReport(liaison, save(report.id, report.version, "save", { workDone: "草稿" }));
    report = await reportOf(roundId, "市教育局");
    expect(report).toMatchObject({ state: "DRAFT", workDone: "草稿" });
    await saveReport(liaison, save(report.id, report.version, "submit"));
    report = await reportOf(roundId, "市教育局");
    expect(report.state).toBe("SUBMITTED");
    await expect(saveReport(liaison, save(report.id, report.version, "save"))).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "reportLocked",
    });
    await expect(
      reviewReport(admin, { reportId: report.id, version: report.version, decision: "RETURN", comment: " " }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { comment: "returnNeedsComment" },
    });
    await reviewReport(admin, { reportId: report.id, version: report.version, decision: "RETURN", comment: "请补充活动照片。" });
    report = await reportOf(roundId, "市教育局");
    expect(report.state).toBe("RETURNED");
    await saveReport(liaison, save(report.id, report.version, "submit", { workDone: "已补充照片。" }));
    report = await reportOf(roundId, "市教育局");
    await reviewReport(admin, { reportId: report.id, version: report.version, decision: "APPROVE", comment: "" });
    report = await reportOf(roundId, "市教育局");
    expect(report.state).toBe("APPROVED");
    await expect(saveReport(liaison, save(report.id, report.version, "save"))).rejects.toMatchObject({ messageKey: "reportLocked" });
    await expect(
      reviewReport(admin, { reportId: report.id, version: report.version, decision: "RETURN", comment: "再改" }),
    ).rejects.toMatchObject({ messageKey: "notSubmitted" });
    const events = await itemTimeline(admin, report.itemId);
    expect(
      events
        .filter((event) => event.reportId === report.id)
        .map((event) => event.type)
        .reverse(),
    ).toEqual(["SUBMITTED", "RETURNED", "RESUBMITTED", "APPROVED"]);
    expect(events.find((event) => event.type === "RETURNED")?.comment).toBe("请补充活动照片。");
  });

  it("lets only the unit's own liaison write, and only CAST staff review", async () => {
    const report = await reportOf(roundId, "团市委");
    for (const username of ["kxadmin", "leader", "auditor", "useradmin", "jyj", "wjw"]) {
      await expect(saveReport(await actorFor(username), save(report.id, report.version, "save")), username).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const submitted = await reportOf(roundId, "市卫生健康委");
    await saveReport(await actorFor("wjw"), save(submitted.id, submitted.version, "submit"));
    const current = await reportOf(roundId, "市卫生健康委");
    for (const username of ["leader", "auditor", "useradmin", "jyj", "wjw"]) {
      await expect(
        reviewReport(await actorFor(username), { reportId: current.id, version: current.version, decision: "APPROVE", comment: "" }),
        username,
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await reportOf(roundId, "市卫生健康委")).state).toBe("SUBMITTED");
    expect((await reportOf(roundId, "团市委")).state).toBe("OWED");
  });

  it("shows a lead unit its supporters' submitted reports, but not their drafts, and hides other units' reports from liaisons", async () => {
    const jyj = await actorFor("jyj");
    const lead = await reportOf(roundId, "市教育局");
    const { supporters } = await getReport(jyj, lead.id);
    // Every supporter is listed with its state; only the submitted one's content is shared.
    expect(supporters.filter((supporter) => supporter.report !== null).map((supporter) => supporter.unit.name)).toEqual(["市卫生健康委"]);
    expect(supporters.find((supporter) => supporter.unit.name === "市妇联")).toMatchObject({ state: "OWED", report: null });
    const draft = await reportOf(roundId, "市妇联");
    await expect(getReport(jyj, draft.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const futian = await actorFor("futian");
    await expect(getReport(futian, lead.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getReport(await actorFor("wjw"), lead.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the data layer applies the report schema itself", () => {
  it("refuses a submission without work done or as completed below 100%, even when no action checked it first", async () => {
    const round = (await openYouthRound("2025-12-31")).round;
    const report = await reportOf(round.id, "市教育局");
    const liaison = await actorFor("jyj");
    const refused = async (extra: Partial<typeof filledReport>) => {
      const error = await saveReport(liaison, save(report.id, report.version, "submit", extra)).catch((caught: unknown) => caught);
      return error instanceof AppError ? { code: error.code, fields: Object.keys(error.fieldErrors) } : error;
    };
    expect(await refused({ workDone: "" })).toEqual({ code: "VALIDATION", fields: ["workDone"] });
    expect(await refused({ status: "COMPLETED", completion: 80 })).toEqual({ code: "VALIDATION", fields: ["completion"] });
    expect(await refused({ completion: 140 })).toEqual({ code: "VALIDATION", fields: ["completion"] });
    const unchanged = await db.progressReport.findUniqueOrThrow({ where: { id: report.id } });
    expect({ state: unchanged.state, version: unchanged.version, workDone: unchanged.workDone }).toEqual({
      state: "OWED",
      version: report.version,
      workDone: "",
    });
    await expect(saveReport(liaison, save(report.id, report.version, "submit"))).resolves.toMatchObject({ state: "SUBMITTED" });
  });
});

describe("the report page after a save", () => {
  it("is drawn again only when the save changes what the page shows besides the form: the state (its badge and light)", async () => {
    const round = (await openYouthRound("2025-12-31")).round;
    const report = await reportOf(round.id, "市教育局");
    vi.mocked(getActor).mockResolvedValue(await actorFor("jyj"));
    let version = report.version;
    const step = async (values: Record<string, string | number>) => {
      vi.mocked(revalidatePath).mockClear();
      const result = await saveReportAction(null, form({ reportId: report.id, version, intent: "save", workDone: "进展", ...values }));
      if (!result.ok) throw new Error(result.message);
      expect(result.data.version).toBe(version + 1);
      version = result.data.version;
      return { redrawn: vi.mocked(revalidatePath).mock.calls.length > 0, data: result.data };
    };
    // 待报送 → 草稿: the badge changes.
    expect((await step({ status: "ON_TRACK", workDone: "第一稿" })).redrawn).toBe(true);
    // The same state and status: only the form changed, and it takes what was saved from the answer.
    const again = await step({
      status: "ON_TRACK",
      workDone: "第二稿",
      completion: 40,
      output_name_0: "讲座",
      output_value_0: 3,
      output_unit_0: "场",
    });
    expect(again.redrawn).toBe(false);
    expect(again.data).toMatchObject({
      state: "DRAFT",
      values: { workDone: "第二稿", completion: "40", output_name_0: "讲座", status: "ON_TRACK" },
    });
    expect((await step({ status: "ON_TRACK", workDone: "第三稿" })).redrawn).toBe(false);
    // While it is being written, its light follows its state and the deadline, not its status.
    expect((await step({ status: "BLOCKED", workDone: "第三稿" })).redrawn).toBe(false);
    // A save naming an older version than the stored one (another tab saved meanwhile) is refused, nothing redrawn.
    vi.mocked(revalidatePath).mockClear();
    const stale = await saveReportAction(null, form({ reportId: report.id, version: version - 1, intent: "save", workDone: "旧页面" }));
    expect(stale).toMatchObject({ ok: false, error: "CONFLICT" });
    expect(vi.mocked(revalidatePath)).not.toHaveBeenCalled();
    // Submitting always draws the page again (it turns read-only).
    vi.mocked(revalidatePath).mockClear();
    const submitted = await saveReportAction(
      null,
      form({ reportId: report.id, version, intent: "submit", status: "ON_TRACK", completion: 50, workDone: "定稿" }),
    );
    expect(submitted).toMatchObject({ ok: true, data: { state: "SUBMITTED" } });
    expect(vi.mocked(revalidatePath)).toHaveBeenCalled();
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ state: "SUBMITTED", workDone: "定稿" });
  });
});

describe("concurrency", () => {
  it("two parallel edits: one is saved, the other gets a conflict and its text is handed back", async () => {
    const round = (await openYouthRound("2025-12-31")).round;
    const report = await reportOf(round.id, "市教育局");
    vi.mocked(getActor).mockResolvedValue(await actorFor("jyj"));
    const edit = (workDone: string) =>
      saveReportAction(null, form({ reportId: report.id, version: report.version, intent: "save", workDone }));
    const [first, second] = await Promise.all([edit("甲写的进展"), edit("乙写的进展")]);
    const results = [first, second];
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const conflict = results.find((result) => !result.ok);
    expect(conflict).toMatchObject({ ok: false, error: "CONFLICT", message: expect.stringContaining("您填写的内容仍在表单中") });
    const saved = await db.progressReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(conflict && !conflict.ok ? [saved.workDone, conflict.values.workDone].sort() : []).toEqual(["乙写的进展", "甲写的进展"].sort());
  });

  it("ten identical submits create one submission", async () => {
    const round = (await openYouthRound("2025-12-31")).round;
    const report = await reportOf(round.id, "市卫生健康委");
    vi.mocked(getActor).mockResolvedValue(await actorFor("wjw"));
    const data = {
      reportId: report.id,
      version: report.version,
      intent: "submit",
      submissionKey: "key-0001",
      status: "ON_TRACK",
      completion: 50,
      workDone: "开展健康科普讲座。",
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => saveReportAction(null, form(data))));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await db.reportEvent.count({ where: { reportId: report.id, type: "SUBMITTED" } })).toBe(1);
    expect(await db.progressReport.count({ where: { roundId: round.id, unitId: report.unitId } })).toBe(1);
    expect((await db.progressReport.findUniqueOrThrow({ where: { id: report.id } })).version).toBe(report.version + 1);
  });
});

describe("evidence attachments", () => {
  const uploadDirFiles = () => (fs.existsSync(UPLOAD_DIR) ? fs.readdirSync(UPLOAD_DIR).length : 0);

  async function upload(reportId: number, name: string, bytes: Uint8Array) {
    vi.mocked(getActor).mockResolvedValue(await actorFor("futian"));
    const data = form({ reportId });
    data.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
    return uploadAttachmentAction(null, data);
  }

  it("refuse a wrong type, a spoofed extension, an oversize file and a path in the name, storing nothing", async () => {
    const round = (await openYouthRound("2025-12-31")).round;
    // 福田区 supports nothing in the youth action; give it a report of its own to test with.
    const report = await db.progressReport.create({
      data: {
        roundId: round.id,
        itemId: (await reportOf(round.id, "市教育局")).itemId,
        unitId: (await actorFor("futian")).unitId!,
        role: "SUPPORT",
      },
    });
    const before = { rows: await db.attachment.count(), files: uploadDirFiles() };
    const cases: [string, Uint8Array, string][] = [
      ["setup.exe", new TextEncoder().encode("MZ\x90\x00"), "只接受 PDF、Word、Excel、PPT、JPG、PNG 文件。"],
      ["活动照片.pdf", PNG, "文件内容与扩展名不符，已拒绝。"],
      [
        "大文件.pdf",
        (() => {
          const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
          big.set(PDF);
          return big;
        })(),
        "文件超过 20 MB。",
      ],
      ["../../etc/passwd.pdf", PDF, "文件名无效（不能含路径或特殊字符）。"],
    ];
    for (const [name, bytes, message] of cases) {
      expect(await upload(report.id, name, bytes), name).toMatchObject({ ok: false, fieldErrors: { file: message } });
    }
    expect({ rows: await db.attachment.count(), files: uploadDirFiles() }).toEqual(before);

    expect(await upload(report.id, "第三季度工作总结.pdf", PDF)).toMatchObject({ ok: true, data: { fileName: "第三季度工作总结.pdf" } });
    expect(uploadDirFiles()).toBe(before.files + 1);
  });

  it("are downloaded only by users who may see the report", async () => {
    const round = (await openYouthRound("2025-12-31")).round;
    const report = await reportOf(round.id, "市卫生健康委");
    const attachment = await addAttachment(await actorFor("wjw"), report.id, "讲座签到表.pdf", PDF);
    expect((await downloadAttachment(await actorFor("wjw"), attachment.id)).bytes.equals(Buffer.from(PDF))).toBe(true);
    await expect(downloadAttachment(await actorFor("jyj"), attachment.id)).rejects.toMatchObject({ code: "FORBIDDEN" }); // draft: lead cannot see yet
    await expect(downloadAttachment(await actorFor("futian"), attachment.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(downloadAttachment(await actorForRole("AUDITOR"), attachment.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await downloadAttachment(await actorForRole("LEADER"), attachment.id)).fileName).toBe("讲座签到表.pdf");
    await saveReport(await actorFor("wjw"), save(report.id, report.version, "submit"));
    expect((await downloadAttachment(await actorFor("jyj"), attachment.id)).contentType).toBe("application/pdf");
  });
});

describe("traffic lights under a fake clock", () => {
  it("turn from green to yellow near the deadline and red when overdue, with the reason", async () => {
    const round = (await openYouthRound("2025-09-30")).round;
    const admin = await actorForRole("ADMIN");
    const cellOf = async (now: string, unit: string) => {
      const board = await getRoundBoard(admin, round.id, new Date(now));
      const report = await reportOf(round.id, unit);
      return board.reports.find((cell) => cell.id === report.id)!;
    };
    expect(await cellOf("2025-09-10T10:00:00+08:00", "团市委")).toMatchObject({ light: "GREEN", reason: { key: "notYetDue" } });
    expect(await cellOf("2025-09-27T10:00:00+08:00", "团市委")).toMatchObject({
      light: "YELLOW",
      reason: { key: "dueSoonNotSubmitted", values: { days: 3 } },
    });
    expect(await cellOf("2025-10-03T10:00:00+08:00", "团市委")).toMatchObject({
      light: "RED",
      reason: { key: "overdueNotSubmitted", values: { days: 3 } },
    });
    const blocked = await reportOf(round.id, "市卫生健康委");
    await saveReport(await actorFor("wjw"), save(blocked.id, blocked.version, "submit", { status: "BLOCKED" }));
    expect(await cellOf("2025-09-10T10:00:00+08:00", "市卫生健康委")).toMatchObject({ light: "RED", reason: { key: "reportedBlocked" } });
    const board = await getRoundBoard(admin, round.id, new Date("2025-10-03T10:00:00+08:00"));
    expect(board.summary).toMatchObject({ light: "RED", counts: { RED: 8, YELLOW: 0, GREEN: 0 } });
    expect(board.summary.reasons).toEqual([
      { key: "overdueNotSubmitted", count: 7 },
      { key: "reportedBlocked", count: 1 },
    ]);
  });
});

describe("chasing late units", () => {
  it("sends 提醒, then 催办, then 督办, in order, on the timelines and to the liaisons' inbox", async () => {
    const round = (await openYouthRound("2025-09-30")).round;
    const admin = await actorForRole("ADMIN");
    const jyj = await actorFor("jyj");
    const education = jyj.unitId!;
    const unreadBefore = await unreadCount(jyj);
    await expect(sendChase(admin, { roundId: round.id, unitId: education, level: "URGE", message: "" })).rejects.toMatchObject({
      messageKey: "escalateToURGE",
    });
    expect(await sendChase(admin, { roundId: round.id, level: "REMIND", message: "" })).toEqual({ units: 8 });
    await sendChase(admin, { roundId: round.id, unitId: education, level: "URGE", message: "请尽快报送。" });
    await sendChase(admin, { roundId: round.id, unitId: education, level: "SUPERVISE", message: "列入督办。" });
    const chases = await db.chase.findMany({ where: { roundId: round.id, unitId: education }, orderBy: { id: "asc" } });
    expect(chases.map((chase) => [chase.level, chase.actorName])).toEqual([
      ["REMIND", "张科普（示例·市科协科普部）"],
      ["URGE", "张科普（示例·市科协科普部）"],
      ["SUPERVISE", "张科普（示例·市科协科普部）"],
    ]);
    expect(await unreadCount(jyj)).toBe(unreadBefore + 3);
    const [latest, , reminder] = (await listInbox(jyj)).messages;
    // The default text names the deadline as the officer entered it (Shanghai date).
    expect(reminder).toMatchObject({ kind: "REMIND", body: "请于 2025-09-30 前完成《2025年第三季度进展报送》的报送。" });
    expect(latest).toMatchObject({ title: "【督办】2025年第三季度进展报送：1 项待报送", body: "列入督办。", link: "/my-tasks" });
    const report = await reportOf(round.id, "市教育局");
    const timeline = await itemTimeline(admin, report.itemId);
    expect(timeline.filter((event) => event.reportId === report.id).map((event) => event.type)).toEqual([
      "SUPERVISED",
      "URGED",
      "REMINDED",
    ]);
    await expect(markRead(await actorFor("wjw"), latest!.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await markRead(jyj, latest!.id);
    expect(await unreadCount(jyj)).toBe(unreadBefore + 2);
  });

  it("queue no e-mail when no relay is configured, even for a liaison with an address", async () => {
    const round = (await openYouthRound("2025-09-30")).round;
    await db.user.update({ where: { username: "jyj" }, data: { email: "jyj@example.gov.cn" } });
    await sendChase(await actorForRole("ADMIN"), { roundId: round.id, level: "REMIND", message: "无邮件服务器" });
    const messages = await db.inboxMessage.findMany({ where: { body: "无邮件服务器" } });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((message) => message.emailStatus === null)).toBe(true);
    await db.user.update({ where: { username: "jyj" }, data: { email: null } });
  });

  it("are refused to everyone but CAST staff", async () => {
    const round = (await openYouthRound("2025-09-30")).round;
    for (const role of ["LIAISON", "LEADER", "AUDITOR", "USER_ADMIN"] as const) {
      await expect(sendChase(await actorForRole(role), { roundId: round.id, level: "REMIND", message: "" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await db.chase.count({ where: { roundId: round.id } })).toBe(0);
  });
});

describe("closing a round", () => {
  it("stops filing, evidence, returns and chases, keeps approval, and can be reopened", async () => {
    const round = (await openYouthRound("2025-09-30")).round;
    const admin = await actorForRole("ADMIN");
    const jyj = await actorFor("jyj");
    const wjw = await actorFor("wjw");
    const health = await reportOf(round.id, "市卫生健康委");
    await saveReport(wjw, save(health.id, health.version, "submit"));
    const education = await reportOf(round.id, "市教育局");
    const auditBefore = (await db.auditEvent.findFirst({ orderBy: { id: "desc" } }))!.id;

    expect(await setRoundClosed(admin, { roundId: round.id, command: "close" })).toEqual({ status: "CLOSED", notSubmitted: 7 });
    const closed = await db.reportingRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedAt).toBeInstanceOf(Date);
    const [trail] = await db.auditEvent.findMany({ where: { id: { gt: auditBefore }, action: "round.close" } });
    expect(JSON.parse(trail!.details!)).toEqual({ before: { status: "OPEN" }, after: { status: "CLOSED" }, notSubmitted: 7 });

    await expect(saveReport(jyj, save(education.id, education.version, "save"))).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "roundClosed",
    });
    await expect(addAttachment(jyj, education.id, "补充.pdf", PDF)).rejects.toMatchObject({ code: "CONFLICT", messageKey: "roundClosed" });
    await expect(sendChase(admin, { roundId: round.id, level: "REMIND", message: "" })).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "roundClosed",
    });
    const submitted = await reportOf(round.id, "市卫生健康委");
    await expect(
      reviewReport(admin, { reportId: submitted.id, version: submitted.version, decision: "RETURN", comment: "请补充。" }),
    ).rejects.toMatchObject({
      messageKey: "roundClosedNoReturn",
    });
    expect((await getReport(jyj, education.id)).editable).toBe(false);
    // 我的任务 keeps it, as history of a closed round.
    const tasks = await myTasks(jyj);
    expect(tasks.open.filter((task) => task.roundId === round.id)).toEqual([]);
    expect(tasks.history.filter((task) => task.roundId === round.id).map((task) => task.round.status)).toEqual(["CLOSED"]);
    await reviewReport(admin, { reportId: submitted.id, version: submitted.version, decision: "APPROVE", comment: "" });
    expect((await reportOf(round.id, "市卫生健康委")).state).toBe("APPROVED");
    expect((await reportOf(round.id, "市教育局")).state).toBe("OWED");
    await expect(setRoundClosed(admin, { roundId: round.id, command: "close" })).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "roundAlreadyClosed",
    });

    expect(await setRoundClosed(admin, { roundId: round.id, command: "reopen" })).toEqual({ status: "OPEN", notSubmitted: 7 });
    expect((await db.reportingRound.findUniqueOrThrow({ where: { id: round.id } })).closedAt).toBeNull();
    await saveReport(jyj, save(education.id, education.version, "save", { workDone: "重新开放后补报。" }));
    expect((await reportOf(round.id, "市教育局")).state).toBe("DRAFT");
    await expect(setRoundClosed(admin, { roundId: round.id, command: "reopen" })).rejects.toMatchObject({ messageKey: "roundAlreadyOpen" });
  });

  it("is CAST staff's alone, and two officers closing at once close it once", async () => {
    const round = (await openYouthRound("2025-09-30")).round;
    for (const role of ["LIAISON", "LEADER", "AUDITOR", "USER_ADMIN"] as const) {
      await expect(setRoundClosed(await actorForRole(role), { roundId: round.id, command: "close" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect((await db.reportingRound.findUniqueOrThrow({ where: { id: round.id } })).status).toBe("OPEN");
    const admin = await actorForRole("ADMIN");
    const results = await Promise.allSettled([
      setRoundClosed(admin, { roundId: round.id, command: "close" }),
      setRoundClosed(admin, { roundId: round.id, command: "close" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { action: "round.close", objectId: String(round.id), result: "SUCCESS" } })).toBe(1);
  });
});
