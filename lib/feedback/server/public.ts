import "server-only";
import { db } from "@/lib/core/db";
import { appendAudit } from "@/lib/audit/server/record";
import { PUBLIC_STAMP } from "@/lib/core/content-stamp";
import { fieldErrorKeys } from "@/lib/core/form";
import { stampedCache } from "@/lib/core/stamped-cache";
import { currentMasterPlanId } from "@/lib/plans/server/periods";
import { addressHash, checkFormToken, minFillMs } from "../form-token";
import { PUBLIC_FEEDBACK_ACTION } from "../operations";
import { publicFeedbackSchema } from "../schemas";
import { ratingSummaryBySection } from "./ratings";
import { takeFeedbackSlot } from "./throttle";

/**
 * 公众评价 on the public page (/progress), for anyone, signed in or not: a visitor rates a section
 * of the current master plan 1–5 and may leave a comment. The rating counts at once; the comment
 * waits for CAST (lib/feedback/server/moderation.ts). No personal data is asked for; the address is
 * stored only as a keyed hash (lib/feedback/form-token.ts `addressHash`).
 *
 * Abuse is held off here, without any outside service:
 * - a per-address limit kept in the database (FeedbackThrottle, so every instance counts the same
 *   submissions): every submission takes a slot first, at most FEEDBACK_RATE_LIMIT per window;
 * - a honeypot field and a signed issue time: a filled honeypot or a form sent faster than
 *   `minFillMs()` is refused quietly (the visitor sees the usual thanks, nothing is stored, the
 *   refusal is audited); a token that is not ours is refused the same way, an expired one asks
 *   for a reload;
 * - length limits (COMMENT_MAX_LENGTH), and the text is stored as typed and rendered escaped.
 */

/** Ratings one address may submit per window. */
export const FEEDBACK_RATE_LIMIT = 30;
export const FEEDBACK_WINDOW_MS = 60_000;
/** The approved comments shown under a section on /progress (newest first). */
export const PUBLIC_COMMENTS_SHOWN = 3;
/** The honeypot field's name: a plausible one, which bots fill in. */
export const HONEYPOT_FIELD = "website";

export type FeedbackOutcome =
  /** Rating counted (or quietly refused without a comment). */
  | "thanks"
  /** Rating counted and comment waiting for moderation (or quietly refused with a comment). */
  | "pending"
  /** The input is not valid: see fieldErrors. */
  | "invalid"
  /** The form is older than MAX_FORM_AGE_MS: reload the page. */
  | "stale"
  /** Too many submissions from this address: try again later. */
  | "throttled";

export interface FeedbackResult {
  outcome: FeedbackOutcome;
  /** The section named in the form, when it was a number (to return the visitor to it). */
  sectionId: number | null;
  /** Field → key under `validation`. */
  fieldErrors: Record<string, string>;
  /** Whether anything was stored (quiet refusals store nothing but look the same). */
  stored: boolean;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

async function auditRefusal(ip: string | null, sectionId: number | null, reason: string, details?: unknown, now = new Date()) {
  await db.$transaction((tx) =>
    appendAudit(tx, { ...PUBLIC_FEEDBACK_ACTION, objectId: sectionId, result: "DENIED", reason, ip, details }, now),
  );
}

/** A visitor's submission from the form on /progress (the POST route handler passes the fields and the trusted address). */
export async function submitPublicFeedback(fields: Record<string, unknown>, ip: string | null, now = new Date()): Promise<FeedbackResult> {
  const rawSection = Number(text(fields.sectionId));
  const sectionId = Number.isInteger(rawSection) && rawSection > 0 && rawSection <= 2_147_483_647 ? rawSection : null;
  const withComment = text(fields.comment).trim() !== "";
  const quiet: FeedbackResult = { outcome: withComment ? "pending" : "thanks", sectionId, fieldErrors: {}, stored: false };
  const hash = addressHash(ip);

  // 1. The address's allowance, before anything else is looked at (so refusals stay bounded too).
  const slot = await takeFeedbackSlot(db, hash, now, { limit: FEEDBACK_RATE_LIMIT, windowMs: FEEDBACK_WINDOW_MS });
  if (!slot.ok) {
    // Only the first refusal of a window is recorded, so a flood cannot flood the audit trail.
    if (slot.first)
      await auditRefusal(
        ip,
        sectionId,
        "feedback_throttled",
        { limit: FEEDBACK_RATE_LIMIT, windowSeconds: FEEDBACK_WINDOW_MS / 1000 },
        now,
      );
    return { ...quiet, outcome: "throttled" };
  }

  // 2. Bots: the honeypot filled, a token not ours, a form sent too fast. Refused quietly.
  if (text(fields[HONEYPOT_FIELD]) !== "") {
    await auditRefusal(ip, sectionId, "feedback_honeypot", undefined, now);
    return quiet;
  }
  const token = checkFormToken(fields.token, now.getTime());
  if (!token.ok && token.reason === "stale") return { ...quiet, outcome: "stale" };
  if (!token.ok) {
    await auditRefusal(ip, sectionId, "feedback_bad_token", undefined, now);
    return quiet;
  }
  if (token.ageMs < minFillMs()) {
    await auditRefusal(ip, sectionId, "feedback_too_fast", { seconds: Math.max(0, token.ageMs) / 1000 }, now);
    return quiet;
  }

  // 3. The input itself.
  const parsed = publicFeedbackSchema.safeParse({ sectionId: fields.sectionId, score: fields.score, comment: fields.comment });
  if (!parsed.success) return { ...quiet, outcome: "invalid", fieldErrors: fieldErrorKeys(parsed.error) };
  const input = parsed.data;
  const masterId = await currentMasterPlanId();
  const section =
    masterId === null
      ? null
      : await db.planItem.findFirst({ where: { id: input.sectionId, planId: masterId, kind: "SECTION" }, select: { id: true } });
  if (!section) return { ...quiet, outcome: "invalid", fieldErrors: { sectionId: "invalid" } };

  // 4. The rating counts at once; the comment waits. One transaction with its audit record.
  await db.$transaction(async (tx) => {
    const rating = await tx.publicRating.create({
      data: { planItemId: section.id, score: input.score, addressHash: hash, createdAt: now },
      select: { id: true },
    });
    const comment = input.comment
      ? await tx.publicComment.create({
          data: { planItemId: section.id, ratingId: rating.id, text: input.comment, createdAt: now },
          select: { id: true },
        })
      : null;
    await appendAudit(
      tx,
      {
        ...PUBLIC_FEEDBACK_ACTION,
        objectId: section.id,
        result: "SUCCESS",
        ip,
        details: { after: { score: input.score, ratingId: rating.id, commentId: comment?.id ?? null } },
      },
      now,
    );
  });
  return { outcome: input.comment ? "pending" : "thanks", sectionId: section.id, fieldErrors: {}, stored: true };
}

export interface PublicComment {
  id: number;
  text: string;
  createdAt: Date;
}

export interface PublicSectionFeedback {
  count: number;
  /** Average score rounded to one decimal, or null without ratings. */
  average: number | null;
  /** Approved comments on the section. */
  comments: number;
  /** The newest PUBLIC_COMMENTS_SHOWN of them. */
  newest: PublicComment[];
}

/** The public feedback per section of the current master plan (uncached; `getPublicFeedback` caches it). */
export async function buildPublicFeedback(): Promise<Map<number, PublicSectionFeedback>> {
  const masterId = await currentMasterPlanId();
  const result = new Map<number, PublicSectionFeedback>();
  if (masterId === null) return result;
  const summary = await ratingSummaryBySection(masterId);
  // Bounded: one indexed query per section, PUBLIC_COMMENTS_SHOWN rows each; approved only.
  const newest = await Promise.all(
    [...summary.keys()].map((planItemId) =>
      db.publicComment.findMany({
        where: { planItemId, status: "APPROVED" },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: PUBLIC_COMMENTS_SHOWN,
        select: { id: true, text: true, createdAt: true },
      }),
    ),
  );
  [...summary.entries()].forEach(([id, entry], index) => {
    result.set(id, {
      count: entry.count,
      average: entry.average === null ? null : Math.round(entry.average * 10) / 10,
      comments: entry.comments,
      newest: newest[index]!,
    });
  });
  return result;
}

/** This process's copy, kept while the `public` content stamp is unchanged (every rating and moderation bumps it). */
const cache = stampedCache(PUBLIC_STAMP, () => buildPublicFeedback(), { maxEntries: 1 });

export function getPublicFeedback(): Promise<Map<number, PublicSectionFeedback>> {
  return cache.get(null);
}
