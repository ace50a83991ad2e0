import "server-only";
import type { AppPrismaClient } from "@/lib/core/db/create-client";

/**
 * The per-address limit on public feedback, kept in the database (FeedbackThrottle) so that every
 * instance counts the same submissions: a fixed window per address (keyed by the address's keyed
 * hash, never the address) that starts with its first submission. Each submission takes a slot
 * with one conditional update, so parallel submissions can never take more than `limit`; the
 * first refusal of a window is marked (count = limit + 1) so the caller records it once.
 * Same shape as the login throttle (lib/core/auth/throttle.ts).
 */
type Client = Pick<AppPrismaClient, "feedbackThrottle">;

export type FeedbackSlot = { ok: true } | { ok: false; first: boolean; retryAt: Date };

export async function takeFeedbackSlot(
  client: Client,
  key: string,
  now: Date,
  { limit, windowMs }: { limit: number; windowMs: number },
): Promise<FeedbackSlot> {
  try {
    await client.feedbackThrottle.create({ data: { key, windowStart: now, count: 0 } });
  } catch {
    // Already there (possibly created a moment ago by a parallel submission).
  }
  // A window that has run out starts afresh.
  await client.feedbackThrottle.updateMany({
    where: { key, windowStart: { lte: new Date(now.getTime() - windowMs) } },
    data: { windowStart: now, count: 0 },
  });
  const { count } = await client.feedbackThrottle.updateMany({ where: { key, count: { lt: limit } }, data: { count: { increment: 1 } } });
  if (count === 1) return { ok: true };
  const marked = await client.feedbackThrottle.updateMany({ where: { key, count: limit }, data: { count: limit + 1 } });
  const row = await client.feedbackThrottle.findUnique({ where: { key }, select: { windowStart: true } });
  return { ok: false, first: marked.count === 1, retryAt: new Date((row?.windowStart ?? now).getTime() + windowMs) };
}
