/**
 * Finding things (issue 15, gap 10) and reading evidence in the browser (gap 11): the report
 * search with its light filter in the database, the review queue's filters and orders, 全部标为已读,
 * and the evidence preview's headers.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { db } from "@/lib/core/db";
import { shanghaiDayStart } from "@/lib/core/time";
import { getActor } from "@/lib/core/session";
import { storeAttachment } from "@/lib/reporting/server/attachment-store";
import { markAllRead } from "@/lib/reporting/server/inbox";
import { getReport, reviewQueue } from "@/lib/reporting/server/reports";
import { openRound, reportLight } from "@/lib/reporting/server/rounds";
import { REPORT_SEARCH_PAGE_SIZE, searchReports } from "@/lib/reporting/server/search";
import type { Light } from "@/lib/reporting/traffic-light";
import { actorFor, actorForRole } from "../support/actors";
import { TEST_TMP_DIR } from "../support/paths";
import { itemByKey, unitId } from "../support/plan-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { markAllReadAction } = await import("@/lib/reporting/actions/inbox");
const previewRoute = await import("@/app/(portal)/attachments/[id]/preview/route");
const downloadRoute = await import("@/app/(portal)/attachments/[id]/route");

process.env.UPLOAD_DIR = path.join(TEST_TMP_DIR, `uploads-finding-${process.pid}`);
fs.mkdirSync(process.env.UPLOAD_DIR, { recursive: true });

const DAY = 24 * 60 * 60 * 1000;
/** Noon in Shenzhen on 2030-06-15: every round below is placed relative to it. */
const NOW = new Date("2030-06-15T04:00:00.000Z");
const TODAY = "2030-06-15";

function dayOffset(days: number): string {
  return new Date(shanghaiDayStart(TODAY).getTime() + days * DAY + 12 * 3600_000).toISOString().slice(0, 10);
}

/** A round on the given items, opened for a far deadline and then moved: fixtures never depend on the round form's checks. */
async function roundOn(keys: string[], name: string, deadline: Date = shanghaiDayStart("2099-12-31")) {
  const items = await Promise.all(keys.map(itemByKey));
  const { round } = await openRound(
    await actorForRole("ADMIN"),
    { name, period: "检索测试", deadline: "2099-12-31", itemIds: items.map((item) => item.id) },
    new Date("2030-01-01T00:00:00Z"),
  );
  await db.reportingRound.update({ where: { id: round.id }, data: { deadline } });
  return round.id;
}

const form = (values: Record<string, string | number> = {}) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
};

describe("report search", () => {
  let roundId = 0;
  let admin: Actor;
  let leader: Actor;
  beforeAll(async () => {
    admin = await actorForRole("ADMIN");
    leader = await actorForRole("LEADER");
    roundId = await roundOn(["youth"], "检索测试轮次", shanghaiDayStart(dayOffset(20)));
    const reports = await db.progressReport.findMany({ where: { roundId }, include: { unit: true }, orderBy: { id: "asc" } });
    const set = (unitName: string, data: Record<string, unknown>) =>
      db.progressReport.update({ where: { id: reports.find((report) => report.unit.name === unitName)!.id }, data });
    await set("市教育局", { state: "SUBMITTED", status: "ON_TRACK", workDone: "开展检索标记甲活动", submittedAt: NOW });
    await set("团市委", { state: "DRAFT", status: "BEHIND", problems: "检索标记乙：场地紧张" });
    await set("市科协", { state: "APPROVED", status: "BLOCKED", nextSteps: "下一步检索标记丙", submittedAt: NOW });
  });

  const ids = async (actor: Actor, filter: Parameters<typeof searchReports>[1]) =>
    (await searchReports(actor, filter, NOW)).reports.map((report) => report.unit.name).sort();

  it("finds text in work done, problems, next steps and the item's title", async () => {
    expect(await ids(admin, { page: 1, round: roundId, q: "检索标记甲" })).toEqual(["市教育局"]);
    expect(await ids(admin, { page: 1, round: roundId, q: "检索标记乙" })).toEqual(["团市委"]);
    expect(await ids(admin, { page: 1, round: roundId, q: "检索标记丙" })).toEqual(["市科协"]);
    const youth = await itemByKey("youth");
    const byTitle = await searchReports(admin, { page: 1, round: roundId, q: youth.title.slice(0, 4) }, NOW);
    expect(byTitle.total).toBe(await db.progressReport.count({ where: { roundId } }));
    expect((await searchReports(admin, { page: 1, round: roundId, q: "绝不会出现的文字" }, NOW)).total).toBe(0);
  });

  it("filters by unit, round and state", async () => {
    const unit = await unitId("团市委");
    expect(await ids(admin, { page: 1, unit, round: roundId })).toEqual(["团市委"]);
    expect(await ids(admin, { page: 1, round: roundId, state: "APPROVED" })).toEqual(["市科协"]);
    const owed = await searchReports(admin, { page: 1, round: roundId, state: "OWED" }, NOW);
    expect(owed.total).toBe((await db.progressReport.count({ where: { roundId } })) - 3);
    expect(owed.reports.every((report) => report.state === "OWED")).toBe(true);
    expect((await searchReports(admin, { page: 1, q: "检索标记甲" }, NOW)).reports.every((report) => report.round.id === roundId)).toBe(
      true,
    );
  });

  it("filters by light in the database: red for blocked, yellow for behind, green for on track here", async () => {
    expect(await ids(admin, { page: 1, round: roundId, light: "RED" })).toEqual(["市科协"]);
    expect(await ids(admin, { page: 1, round: roundId, light: "YELLOW" })).toEqual([]);
    const green = await searchReports(admin, { page: 1, round: roundId, light: "GREEN" }, NOW);
    // A draft is judged by the deadline (20 days off: green), whatever status it names; only the blocked report is not green.
    expect(green.total).toBe((await db.progressReport.count({ where: { roundId } })) - 1);
    expect(green.reports.find((report) => report.unit.name === "市科协")).toBeUndefined();
  });

  it("shows leaders exactly what they may open: every state, drafts included, each one readable", async () => {
    const found = await searchReports(leader, { page: 1, round: roundId }, NOW);
    expect(found.reports.map((report) => report.state)).toEqual(expect.arrayContaining(["OWED", "DRAFT", "SUBMITTED", "APPROVED"]));
    for (const report of found.reports) await expect(getReport(leader, report.id)).resolves.toBeDefined();
  });

  it("is refused to liaisons, auditors and account administrators", async () => {
    for (const actor of [await actorFor("jyj"), await actorForRole("AUDITOR"), await actorForRole("USER_ADMIN"), null]) {
      await expect(searchReports(actor, { page: 1 }, NOW)).rejects.toMatchObject({
        code: actor ? "FORBIDDEN" : "UNAUTHENTICATED",
      });
    }
  });

  it("pages in the database: at most 50 a page, the true total, no row twice or missed", async () => {
    const sections = await db.planItem.findMany({ where: { kind: "SECTION", plan: { code: "sz-2022-2025" } }, select: { key: true } });
    const big = await roundOn(
      sections.map((section) => section.key!),
      "检索分页轮次",
    );
    const total = await db.progressReport.count({ where: { roundId: big } });
    expect(total).toBeGreaterThan(REPORT_SEARCH_PAGE_SIZE);
    const first = await searchReports(admin, { page: 1, round: big }, NOW);
    const second = await searchReports(admin, { page: 2, round: big }, NOW);
    expect(REPORT_SEARCH_PAGE_SIZE).toBe(50);
    expect(first).toMatchObject({ total, page: 1, pageCount: Math.ceil(total / 50) });
    expect(first.reports).toHaveLength(50);
    const seen = [...first.reports, ...second.reports].map((report) => report.id);
    if (total <= 100) expect(new Set(seen).size).toBe(total);
    else expect(new Set(seen).size).toBe(100);
    const beyond = await searchReports(admin, { page: 999, round: big }, NOW);
    expect(beyond).toMatchObject({ total, reports: [] });
    // The filters' choices come along: the rounds and the units that have reports.
    expect(first.options.rounds.map((round) => round.id)).toEqual(expect.arrayContaining([big, roundId]));
    expect(first.options.units.map((unit) => unit.name)).toEqual(expect.arrayContaining(["市教育局", "团市委"]));
  });

  it("gives each light filter exactly the reports whose computed light it is, for every state, status and deadline", async () => {
    const STATES = ["OWED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;
    const STATUSES = [null, "NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED"] as const;
    // Overdue, due today, within and just outside the 7-day window, far off; some deadlines late in their day.
    const deadlines = [
      shanghaiDayStart(dayOffset(-3)),
      new Date(shanghaiDayStart(dayOffset(-1)).getTime() + 23 * 3600_000),
      shanghaiDayStart(TODAY),
      new Date(shanghaiDayStart(TODAY).getTime() + 23.5 * 3600_000),
      shanghaiDayStart(dayOffset(7)),
      new Date(shanghaiDayStart(dayOffset(7)).getTime() + 20 * 3600_000),
      shanghaiDayStart(dayOffset(8)),
      shanghaiDayStart(dayOffset(40)),
    ];
    let combination = 0;
    const rounds: number[] = [];
    for (const [index, deadline] of deadlines.entries()) {
      const id = await roundOn(["youth"], `灯色测试${index}`, deadline);
      rounds.push(id);
      for (const report of await db.progressReport.findMany({ where: { roundId: id }, orderBy: { id: "asc" } })) {
        const state = STATES[combination % STATES.length]!;
        const status = STATUSES[Math.floor(combination / STATES.length) % STATUSES.length]!;
        combination += 1;
        await db.progressReport.update({
          where: { id: report.id },
          data: {
            state,
            status,
            submittedAt: state === "SUBMITTED" || state === "APPROVED" ? new Date(deadline.getTime() + 2 * DAY) : null,
          },
        });
      }
    }
    for (const id of rounds) {
      const round = await db.reportingRound.findUniqueOrThrow({ where: { id } });
      const reports = await db.progressReport.findMany({ where: { roundId: id } });
      for (const light of ["RED", "YELLOW", "GREEN"] as Light[]) {
        const expected = reports.filter((report) => reportLight(report, round.deadline, NOW).light === light).map((report) => report.id);
        const found = await searchReports(admin, { page: 1, round: id, light }, NOW);
        expect(found.reports.map((report) => report.id).sort(), `${light} in round with deadline ${round.deadline.toISOString()}`).toEqual(
          expected.sort(),
        );
        expect(found.total).toBe(expected.length);
        expect(found.reports.every((report) => report.light === light)).toBe(true);
      }
    }
    // Every combination of state and status met every deadline position at least once.
    expect(combination).toBeGreaterThanOrEqual(STATES.length * STATUSES.length);
  });
});

describe("the review queue's filters and orders", () => {
  let early = 0;
  let late = 0;
  let admin: Actor;
  const submitted = async (roundId: number, unitName: string, at: string) => {
    const report = await db.progressReport.findFirstOrThrow({ where: { roundId, unitId: await unitId(unitName) } });
    await db.progressReport.update({
      where: { id: report.id },
      data: { state: "SUBMITTED", status: "ON_TRACK", submittedAt: new Date(at) },
    });
    return report.id;
  };
  beforeAll(async () => {
    admin = await actorForRole("ADMIN");
    early = await roundOn(["youth.m1", "elderly"], "审核筛选早轮次", shanghaiDayStart("2030-03-31"));
    late = await roundOn(["youth"], "审核筛选晚轮次", shanghaiDayStart("2030-09-30"));
    await submitted(late, "市教育局", "2030-04-01T01:00:00Z");
    await submitted(early, "市教育局", "2030-04-02T01:00:00Z");
    await submitted(late, "团市委", "2030-04-03T01:00:00Z");
    const elderlyReport = await db.progressReport.findFirstOrThrow({
      where: { roundId: early, item: { key: "elderly" } },
      orderBy: { id: "asc" },
    });
    await db.progressReport.update({
      where: { id: elderlyReport.id },
      data: { state: "SUBMITTED", status: "ON_TRACK", submittedAt: new Date("2030-04-04T01:00:00Z") },
    });
  });

  const mine = async (filter: Parameters<typeof reviewQueue>[1]) =>
    (await reviewQueue(admin, filter)).reports.filter((report) => [early, late].includes(report.roundId));

  it("lists the oldest submission first by default, the newest first on request", async () => {
    const oldest = await mine(undefined);
    const times = oldest.map((report) => report.submittedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(4);
    const newest = await mine({ sort: "newest" });
    expect(newest.map((report) => report.id)).toEqual(oldest.map((report) => report.id).reverse());
  });

  it("orders by the round's deadline, then by unit", async () => {
    const byDeadline = await mine({ sort: "deadline" });
    expect(byDeadline.map((report) => report.roundId)).toEqual([early, early, late, late]);
    const byUnit = await mine({ sort: "unit" });
    const units = await db.unit.findMany({ where: { id: { in: byUnit.map((report) => report.unitId) } } });
    const order = byUnit.map((report) => units.find((unit) => unit.id === report.unitId)!.sortOrder);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("narrows by round, unit and section (a measure counts in its section)", async () => {
    expect((await mine({ sort: "oldest", round: early })).every((report) => report.roundId === early)).toBe(true);
    expect(await mine({ sort: "oldest", round: early })).toHaveLength(2);
    const unit = await unitId("团市委");
    expect((await mine({ sort: "oldest", unit })).map((report) => report.unitId)).toEqual([unit]);
    const youth = await itemByKey("youth");
    const inYouth = await mine({ sort: "oldest", section: youth.id });
    // The youth section's own reports and the one on its measure youth.m1; not the elderly one.
    expect(inYouth).toHaveLength(3);
    expect(inYouth.map((report) => report.item.title)).not.toContain((await itemByKey("elderly")).title);
    const queue = await reviewQueue(admin, { sort: "oldest", section: youth.id });
    expect(queue.total).toBeGreaterThanOrEqual(4);
    expect(queue.options.sections.map((section) => section.id)).toEqual(
      expect.arrayContaining([youth.id, (await itemByKey("elderly")).id]),
    );
    expect(queue.options.rounds.map((round) => round.id)).toEqual(expect.arrayContaining([early, late]));
  });
});

describe("全部标为已读", () => {
  it("marks every unread message of one's own inbox, nobody else's", async () => {
    const jyj = await actorFor("jyj");
    const wjw = await actorFor("wjw");
    const message = (userId: number) => db.inboxMessage.create({ data: { userId, kind: "TEST", title: "测试", body: "测试" } });
    await db.inboxMessage.updateMany({ where: { userId: jyj.userId }, data: { readAt: new Date() } });
    await Promise.all([message(jyj.userId), message(jyj.userId), message(wjw.userId)]);
    const othersBefore = await db.inboxMessage.count({ where: { userId: { not: jyj.userId }, readAt: null } });
    expect(await markAllRead(jyj)).toBe(2);
    expect(await db.inboxMessage.count({ where: { userId: jyj.userId, readAt: null } })).toBe(0);
    expect(await db.inboxMessage.count({ where: { userId: { not: jyj.userId }, readAt: null } })).toBe(othersBefore);
    expect(await markAllRead(jyj)).toBe(0);
  });

  it("works through its server action, for the signed-in user only", async () => {
    const wjw = await actorFor("wjw");
    await db.inboxMessage.create({ data: { userId: wjw.userId, kind: "TEST", title: "测试", body: "测试" } });
    const unread = await db.inboxMessage.count({ where: { userId: wjw.userId, readAt: null } });
    vi.mocked(getActor).mockResolvedValue(wjw);
    expect(await markAllReadAction(null, form())).toEqual({ ok: true, data: { count: unread } });
    vi.mocked(getActor).mockResolvedValue(null);
    expect(await markAllReadAction(null, form())).toMatchObject({ ok: false, error: "UNAUTHENTICATED" });
  });
});

describe("evidence preview", () => {
  let reportId = 0;
  const attach = async (fileName: string, fileType: string, bytes: Uint8Array) => {
    const uploader = await db.user.findUniqueOrThrow({ where: { username: "jyj" } });
    const attachment = await db.attachment.create({
      data: { reportId, storageKey: await storeAttachment(bytes), fileName, fileType, size: bytes.byteLength, uploadedById: uploader.id },
    });
    return attachment.id;
  };
  const get = async (route: typeof previewRoute, id: number, actor: Actor | null) => {
    vi.mocked(getActor).mockResolvedValue(actor);
    return route.GET(new Request(`http://localhost/attachments/${id}/preview`), { params: Promise.resolve({ id: String(id) }) });
  };
  beforeAll(async () => {
    const roundId = await roundOn(["youth"], "预览测试轮次");
    reportId = (await db.progressReport.findFirstOrThrow({ where: { roundId, unitId: await unitId("市教育局") } })).id;
  });

  it("shows a PDF and a PNG inline, under a policy that allows nothing else", async () => {
    const admin = await actorForRole("ADMIN");
    const pdf = await attach("季度总结.pdf", "pdf", new TextEncoder().encode("%PDF-1.4\n%%EOF\n"));
    const png = await attach("活动照片.png", "png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    for (const [id, type, name] of [
      [pdf, "application/pdf", "季度总结.pdf"],
      [png, "image/png", "活动照片.png"],
    ] as const) {
      const response = await get(previewRoute, id, admin);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("content-disposition")).toMatch(/^inline; /);
      expect(response.headers.get("content-disposition")).toContain(encodeURIComponent(name));
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("still downloads Office files, and takes the type from the content detected at upload, never the name", async () => {
    const admin = await actorForRole("ADMIN");
    const docx = await attach("会议纪要.docx", "docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    const response = await get(previewRoute, docx, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; /);
    // A name that claims an image does not make a Word file previewable, nor does a Word name hide a PDF.
    const misnamed = await attach("照片.png", "docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    expect((await get(previewRoute, misnamed, admin)).headers.get("content-disposition")).toMatch(/^attachment; /);
    const pdfNamedDocx = await attach("材料.docx", "pdf", new TextEncoder().encode("%PDF-1.4\n%%EOF\n"));
    const pdfResponse = await get(previewRoute, pdfNamedDocx, admin);
    expect(pdfResponse.headers.get("content-type")).toBe("application/pdf");
    expect(pdfResponse.headers.get("content-disposition")).toMatch(/^inline; /);
  });

  it("answers exactly as the download does: the report's readers only", async () => {
    const pdf = await attach("核对.pdf", "pdf", new TextEncoder().encode("%PDF-1.4\n%%EOF\n"));
    for (const actor of [
      await actorFor("jyj"),
      await actorFor("wjw"),
      await actorFor("futian"),
      await actorForRole("LEADER"),
      await actorForRole("AUDITOR"),
      null,
    ]) {
      const preview = await get(previewRoute, pdf, actor);
      const download = await get(downloadRoute as typeof previewRoute, pdf, actor);
      expect(preview.status, actor?.username ?? "nobody").toBe(download.status);
    }
    expect((await get(previewRoute, pdf, await actorFor("futian"))).status).toBe(403);
    expect((await get(previewRoute, 999_999, await actorForRole("ADMIN"))).status).toBe(404);
  });
});
