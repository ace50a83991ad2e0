/**
 * 公众评价 (issue 13 item 3): anonymous ratings and comments on /progress, the per-address limit kept
 * in the database, the honeypot and minimum fill time, length limits, CAST's moderation, and what
 * the public data shows. Real database, real audit chain; only Next.js's request APIs are replaced.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { PUBLIC_STAMP, readContentStamp } from "@/lib/core/content-stamp";
import { verifyAuditChain } from "@/lib/audit/server/record";
import { currentMasterPlanId } from "@/lib/plans/server/periods";
import { addressHash, issueFormToken } from "@/lib/feedback/form-token";
import { COMMENT_MAX_LENGTH } from "@/lib/feedback/schemas";
import { ratingSummaryBySection } from "@/lib/feedback/server/ratings";
import { buildPublicFeedback, FEEDBACK_RATE_LIMIT, getPublicFeedback, submitPublicFeedback } from "@/lib/feedback/server/public";
import { feedbackOverview, listModerationQueue, moderateComment } from "@/lib/feedback/server/moderation";
import { moderateCommentAction } from "@/lib/feedback/actions";
import { getActor } from "@/lib/core/session";
import { SectionFeedback } from "@/components/feedback/SectionFeedback";
import { POST } from "@/app/(public)/progress/feedback/route";
import { actorForRole, auditSince, lastAuditId } from "../support/actors";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
/** The client address the route sees: as under `npm start`, X-Forwarded-For rewritten by the trusted-proxy preload. */
const request = vi.hoisted(() => ({ ip: "198.51.100.1" }));
vi.mock("next/headers", () => {
  process.env.KEPU_FORWARDED_HEADERS = "normalized";
  return {
    headers: async () => new Headers({ "x-forwarded-for": request.ip }),
    cookies: async () => ({ get: () => undefined, getAll: () => [], set: vi.fn(), has: () => false }),
  };
});

let sections: number[] = [];
/** A token for a form issued `secondsAgo` before `now`: older than the minimum fill time unless told. */
const token = (now = new Date(), secondsAgo = 5) => issueFormToken(now.getTime() - secondsAgo * 1000);
const fields = (sectionId: number, extra: Record<string, unknown> = {}, now = new Date()) => ({
  sectionId: String(sectionId),
  score: "4",
  comment: "",
  website: "",
  token: token(now),
  ...extra,
});

/** Independent figures for one section, straight from the tables. */
async function countsFor(planItemId: number) {
  const ratings = await db.publicRating.findMany({ where: { planItemId }, select: { score: true } });
  const approved = await db.publicComment.count({ where: { planItemId, status: "APPROVED" } });
  return {
    count: ratings.length,
    average: ratings.length === 0 ? null : ratings.reduce((sum, row) => sum + row.score, 0) / ratings.length,
    comments: approved,
  };
}

beforeAll(async () => {
  const masterId = (await currentMasterPlanId())!;
  sections = (
    await db.planItem.findMany({ where: { planId: masterId, kind: "SECTION" }, orderBy: { id: "asc" }, select: { id: true } })
  ).map((row) => row.id);
  expect(sections.length).toBeGreaterThan(2);
});

describe("a visitor's rating", () => {
  it("counts at once: the summary, the public data and the public stamp follow in the rating's own transaction", async () => {
    const section = sections[0]!;
    const stamp = await readContentStamp(db, PUBLIC_STAMP);
    const before = await getPublicFeedback();
    const auditFrom = await lastAuditId();
    const result = await submitPublicFeedback(fields(section, { score: "5" }), "203.0.113.10");
    expect(result).toMatchObject({ outcome: "thanks", stored: true, sectionId: section });
    await submitPublicFeedback(fields(section, { score: "2" }), "203.0.113.10");
    expect(await readContentStamp(db, PUBLIC_STAMP)).toBeGreaterThan(stamp);

    const summary = await ratingSummaryBySection((await currentMasterPlanId())!);
    const independent = await countsFor(section);
    expect(summary.get(section)).toEqual(independent);
    expect(independent.count).toBe((before.get(section)?.count ?? 0) + 2);
    const after = (await getPublicFeedback()).get(section)!;
    expect(after.count).toBe(independent.count);
    expect(after.average).toBe(Math.round(independent.average! * 10) / 10);
    // Every section of the plan is there, rated or not.
    expect([...summary.keys()].sort((a, b) => a - b)).toEqual(sections);

    // No address is stored, only its keyed hash; the audit trail has the address.
    const rows = await db.publicRating.findMany({ where: { planItemId: section }, orderBy: { id: "desc" }, take: 2 });
    for (const row of rows) {
      expect(row.addressHash).toBe(addressHash("203.0.113.10"));
      expect(row.addressHash).not.toContain("203.0.113");
    }
    const audited = await auditSince(auditFrom);
    expect(audited.map((row) => [row.action, row.result, row.ip, row.actorId])).toEqual([
      ["feedback.rate", "SUCCESS", "203.0.113.10", null],
      ["feedback.rate", "SUCCESS", "203.0.113.10", null],
    ]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("keeps a comment out of the public data until CAST approves it; rejected and pending ones never show", async () => {
    const admin = await actorForRole("ADMIN");
    const section = sections[1]!;
    const APPROVE = "公众留言-待通过-4f1";
    const REJECT = "公众留言-不予公开-9c2";
    const PENDING = "公众留言-仍待审核-7ab";
    for (const text of [APPROVE, REJECT, PENDING]) {
      expect(await submitPublicFeedback(fields(section, { comment: text }), "203.0.113.20")).toMatchObject({
        outcome: "pending",
        stored: true,
      });
    }
    // The rating counted at once; the comments did not.
    const publicNow = JSON.stringify([...(await getPublicFeedback()).entries()]);
    for (const marker of [APPROVE, REJECT, PENDING]) expect(publicNow).not.toContain(marker);
    expect((await ratingSummaryBySection((await currentMasterPlanId())!)).get(section)).toEqual(await countsFor(section));

    const queue = await listModerationQueue(admin);
    const queued = (text: string) => queue.comments.find((comment) => comment.text === text)!;
    expect(queued(APPROVE)).toMatchObject({ score: 4, section: { id: section } });
    const auditFrom = await lastAuditId();
    await moderateComment(admin, { commentId: queued(APPROVE).id, decision: "approve" });
    await moderateComment(admin, { commentId: queued(REJECT).id, decision: "reject", reason: "含广告" });

    const published = (await getPublicFeedback()).get(section)!;
    expect(published.newest.map((comment) => comment.text)).toContain(APPROVE);
    expect(published.comments).toBe(await db.publicComment.count({ where: { planItemId: section, status: "APPROVED" } }));
    const everything = JSON.stringify([...(await buildPublicFeedback()).entries()]);
    expect(everything).toContain(APPROVE);
    expect(everything).not.toContain(REJECT);
    expect(everything).not.toContain(PENDING);

    // Audited with who decided and why; the decided ones left the queue.
    const audited = await auditSince(auditFrom);
    expect(audited.map((row) => [row.action, row.result, row.actorUsername])).toEqual([
      ["feedback.approve", "SUCCESS", "kxadmin"],
      ["feedback.reject", "SUCCESS", "kxadmin"],
    ]);
    expect(audited[1]!.details).toContain("含广告");
    const stillQueued = (await listModerationQueue(admin)).comments.map((comment) => comment.text);
    expect(stillQueued).toContain(PENDING);
    expect(stillQueued).not.toContain(APPROVE);
    const decided = (await listModerationQueue(admin, { status: "DECIDED" })).comments.map((comment) => comment.text);
    expect(decided).toEqual(expect.arrayContaining([APPROVE, REJECT]));

    // Decided once: a second decision is a conflict and changes nothing.
    await expect(moderateComment(admin, { commentId: queued(APPROVE).id, decision: "reject", reason: "晚了" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.publicComment.findUniqueOrThrow({ where: { id: queued(APPROVE).id } })).toMatchObject({
      status: "APPROVED",
      reason: null,
    });
  });

  it("renders a comment as the plain text it was typed, escaped", async () => {
    const admin = await actorForRole("ADMIN");
    const section = sections[2]!;
    const HOSTILE = '<script>alert("公众")</script><b>粗体</b>';
    await submitPublicFeedback(fields(section, { comment: HOSTILE }), "203.0.113.30");
    const comment = await db.publicComment.findFirstOrThrow({ where: { text: HOSTILE } });
    await moderateComment(admin, { commentId: comment.id, decision: "approve" });
    const html = renderToStaticMarkup(
      await SectionFeedback({ sectionId: section, feedback: (await getPublicFeedback()).get(section), outcome: null }),
    );
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(&quot;公众&quot;)&lt;/script&gt;&lt;b&gt;粗体&lt;/b&gt;");
    // The form carries a token and a honeypot, and asks for nothing personal.
    expect(html).toMatch(/name="token" value="fb1\.[0-9]{13}\.[0-9a-f]{64}"/);
    expect(html).toContain('name="website"');
    expect(html).not.toMatch(/name="(name|email|phone|tel)"/);
  });
});

describe("abuse defences", () => {
  it("refuses the 31st rating from one address within a minute (429 from the route), accepts another address, and frees the address after the window", async () => {
    const section = sections[0]!;
    const now = new Date();
    const ip = "192.0.2.31";
    const auditFrom = await lastAuditId();
    const before = await db.publicRating.count();
    for (let index = 0; index < FEEDBACK_RATE_LIMIT; index++) {
      expect((await submitPublicFeedback(fields(section, {}, now), ip, now)).outcome).toBe("thanks");
    }
    expect(await db.publicRating.count()).toBe(before + FEEDBACK_RATE_LIMIT);
    // The 31st, through the route a browser posts to.
    request.ip = ip;
    const refused = await POST(formPost(fields(section)));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await refused.text()).toContain("来自本机的评价提交过于频繁");
    // And more: still refused, but only the first refusal is audited.
    for (let index = 0; index < 3; index++) expect((await submitPublicFeedback(fields(section), ip)).outcome).toBe("throttled");
    expect(await db.publicRating.count()).toBe(before + FEEDBACK_RATE_LIMIT);
    const denied = (await auditSince(auditFrom)).filter((row) => row.result === "DENIED");
    expect(denied.map((row) => [row.action, row.reason, row.ip])).toEqual([["feedback.rate", "feedback_throttled", ip]]);

    // Another address is not affected.
    request.ip = "192.0.2.32";
    const other = await POST(formPost(fields(section)));
    expect(other.status).toBe(303);
    expect(other.headers.get("location")).toBe(`/progress?feedback=thanks&section=${section}#feedback-${section}`);
    expect(await db.publicRating.count()).toBe(before + FEEDBACK_RATE_LIMIT + 1);

    // A minute later the address may rate again.
    const later = new Date(now.getTime() + 61_000);
    expect((await submitPublicFeedback(fields(section, {}, later), ip, later)).outcome).toBe("thanks");
  });

  it("never lets parallel submissions from one address past the limit", async () => {
    const section = sections[1]!;
    const ip = "192.0.2.77";
    const hash = addressHash(ip);
    const results = await Promise.all(Array.from({ length: FEEDBACK_RATE_LIMIT + 6 }, () => submitPublicFeedback(fields(section), ip)));
    expect(results.filter((result) => result.stored)).toHaveLength(FEEDBACK_RATE_LIMIT);
    expect(results.filter((result) => result.outcome === "throttled")).toHaveLength(6);
    expect(await db.publicRating.count({ where: { addressHash: hash } })).toBe(FEEDBACK_RATE_LIMIT);
  });

  it("refuses quietly a filled honeypot, a form sent too fast and a forged token; a stale form asks for a reload", async () => {
    const section = sections[0]!;
    const ip = "192.0.2.50";
    const auditFrom = await lastAuditId();
    const before = { ratings: await db.publicRating.count(), comments: await db.publicComment.count() };
    const honeypot = await submitPublicFeedback(fields(section, { website: "http://spam.example", comment: "买药" }), ip);
    const tooFast = await submitPublicFeedback(fields(section, { token: token(new Date(), 0.5) }), ip);
    const forged = await submitPublicFeedback(fields(section, { token: `fb1.${Date.now() - 10_000}.${"0".repeat(64)}` }), ip);
    const missing = await submitPublicFeedback(fields(section, { token: undefined }), ip);
    // Quiet: the visitor (a script) is told what a person would be told.
    expect(honeypot).toMatchObject({ outcome: "pending", stored: false });
    expect(tooFast).toMatchObject({ outcome: "thanks", stored: false });
    expect(forged).toMatchObject({ outcome: "thanks", stored: false });
    expect(missing).toMatchObject({ outcome: "thanks", stored: false });
    const stale = await submitPublicFeedback(fields(section, { token: token(new Date(), 13 * 3600) }), ip);
    expect(stale).toMatchObject({ outcome: "stale", stored: false });
    expect({ ratings: await db.publicRating.count(), comments: await db.publicComment.count() }).toEqual(before);
    expect((await auditSince(auditFrom)).map((row) => [row.action, row.result, row.reason])).toEqual([
      ["feedback.rate", "DENIED", "feedback_honeypot"],
      ["feedback.rate", "DENIED", "feedback_too_fast"],
      ["feedback.rate", "DENIED", "feedback_bad_token"],
      ["feedback.rate", "DENIED", "feedback_bad_token"],
    ]);
    // Just over the minimum fill time is a person.
    expect(await submitPublicFeedback(fields(section, { token: token(new Date(), 2.5) }), ip)).toMatchObject({ stored: true });
  });

  it("refuses bad input with nothing stored: scores outside 1–5, a comment over 500 characters, a section not on the public page", async () => {
    const masterId = (await currentMasterPlanId())!;
    const measure = await db.planItem.findFirstOrThrow({ where: { planId: masterId, kind: "MEASURE" }, select: { id: true } });
    const section = sections[0]!;
    const ip = "192.0.2.60";
    const before = { ratings: await db.publicRating.count(), comments: await db.publicComment.count() };
    for (const score of ["0", "6", "4.5", "abc", ""]) {
      expect(await submitPublicFeedback(fields(section, { score }), ip)).toMatchObject({
        outcome: "invalid",
        fieldErrors: { score: "feedbackScore" },
      });
    }
    const long = await submitPublicFeedback(fields(section, { comment: "评".repeat(COMMENT_MAX_LENGTH + 1) }), ip);
    expect(long).toMatchObject({ outcome: "invalid", fieldErrors: { comment: "tooLong" } });
    for (const sectionId of [String(measure.id), "999999", "abc", "99999999999999999999"]) {
      expect((await submitPublicFeedback(fields(section, { sectionId }), ip)).outcome).toBe("invalid");
    }
    expect({ ratings: await db.publicRating.count(), comments: await db.publicComment.count() }).toEqual(before);
    // Exactly 500 characters is accepted, stored as typed.
    const longest = "评".repeat(COMMENT_MAX_LENGTH);
    expect(await submitPublicFeedback(fields(section, { comment: longest }), ip)).toMatchObject({ outcome: "pending", stored: true });
    expect(await db.publicComment.count({ where: { text: longest } })).toBe(1);
  });

  it("answers the route's bad requests with a 4xx: a body over 16 KB, a body that is not a form", async () => {
    request.ip = "192.0.2.90";
    const big = await POST(
      new Request("http://localhost/progress/feedback", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(20_000) },
        body: "x=".padEnd(20_000, "a"),
      }),
    );
    expect(big.status).toBe(413);
    const garbage = await POST(
      new Request("http://localhost/progress/feedback", {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=zz" },
        body: "nonsense",
      }),
    );
    expect(garbage.status).toBe(400);
    const invalid = await POST(formPost(fields(sections[0]!, { score: "9" })));
    expect(invalid.status).toBe(303);
    expect(invalid.headers.get("location")).toContain("feedback=invalid");
  });
});

describe("moderation and the dashboard figures", () => {
  it("lets only CAST (feedback:moderate) see the queue and decide; the refusal is audited and changes nothing", async () => {
    await submitPublicFeedback(fields(sections[0]!, { comment: "权限测试留言" }), "203.0.113.40");
    const comment = await db.publicComment.findFirstOrThrow({ where: { text: "权限测试留言" } });
    for (const role of ["LIAISON", "LEADER", "AUDITOR", "USER_ADMIN"] as const) {
      const actor = await actorForRole(role);
      await expect(listModerationQueue(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(moderateComment(actor, { commentId: comment.id, decision: "approve" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(moderateComment(null, { commentId: comment.id, decision: "approve" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await db.publicComment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe("PENDING");

    // Through the server action: a rejection needs a reason (Chinese message), then it goes through.
    vi.mocked(getActor).mockResolvedValue(await actorForRole("LEADER"));
    const leader = await moderateCommentAction(null, form({ commentId: String(comment.id), decision: "approve" }));
    expect(leader).toMatchObject({ ok: false, error: "FORBIDDEN" });
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    const noReason = await moderateCommentAction(null, form({ commentId: String(comment.id), decision: "reject", reason: "" }));
    expect(noReason).toMatchObject({ ok: false, error: "VALIDATION" });
    expect(noReason.ok ? "" : noReason.fieldErrors.reason).toMatch(/[\u4e00-\u9fff]/);
    const rejected = await moderateCommentAction(null, form({ commentId: String(comment.id), decision: "reject", reason: "与本部分无关" }));
    expect(rejected).toMatchObject({ ok: true, data: { status: "REJECTED" } });
    const again = await moderateCommentAction(null, form({ commentId: String(comment.id), decision: "approve" }));
    expect(again).toMatchObject({ ok: false, error: "CONFLICT" });
  });

  it("gives the dashboard counts and averages per section equal to the tables (leaders and CAST; not liaisons)", async () => {
    const overview = await feedbackOverview(await actorForRole("LEADER"));
    expect(overview.sections.map((section) => section.id).sort((a, b) => a - b)).toEqual(sections);
    for (const section of overview.sections) {
      expect({ count: section.count, average: section.average, comments: section.comments }).toEqual(await countsFor(section.id));
    }
    expect(overview.pending).toBe(await db.publicComment.count({ where: { status: "PENDING" } }));
    await expect(feedbackOverview(await actorForRole("LIAISON"))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

function formPost(values: Record<string, unknown>) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (typeof value === "string") body.set(key, value);
  const text = body.toString();
  return new Request("http://localhost/progress/feedback", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(text)) },
    body: text,
  });
}
