import "server-only";
import type { Actor } from "@/lib/core/actor";
import { authorize, deny } from "@/lib/core/authz";
import { bumpContentStamp, VIEWS_STAMP } from "@/lib/core/content-stamp";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { countAtMost, pageInfo, pageWindow } from "@/lib/core/paging";
import type { Prisma } from "@/lib/generated/prisma/client";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

/** The reader's own messages, newest first, a page (PAGE_SIZE) at a time, with how many are unread in all. */
export async function listInbox(actor: Actor | null, query: { page: number } = { page: 1 }) {
  const reader = await authorize(actor, REPORTING_OPERATIONS.readInbox);
  const where = { userId: reader.userId };
  const [messages, count, unread] = await Promise.all([
    db.inboxMessage.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageWindow(query) }),
    countAtMost((args) => db.inboxMessage.count({ where, ...args })),
    db.inboxMessage.count({ where: { ...where, readAt: null } }),
  ]);
  return { messages, unread, info: pageInfo(query, count) };
}

/** For the header badge; zero, quietly, for nobody. */
export async function unreadCount(actor: Actor | null): Promise<number> {
  if (!actor) return 0;
  return db.inboxMessage.count({ where: { userId: actor.userId, readAt: null } });
}

export async function markRead(actor: Actor | null, messageId: number, now = new Date()) {
  const reader = await authorize(actor, REPORTING_OPERATIONS.markRead, messageId);
  const message = await db.inboxMessage.findUnique({ where: { id: messageId }, select: { userId: true, readAt: true } });
  if (!message) throw new AppError("NOT_FOUND");
  if (message.userId !== reader.userId) await deny(reader, REPORTING_OPERATIONS.markRead, messageId, "not the user's message");
  if (!message.readAt)
    await db.$transaction(async (tx) => {
      await tx.inboxMessage.update({ where: { id: messageId }, data: { readAt: now } });
      await bumpUnreadCount(tx, now);
    });
}

/**
 * Reading a message is the user's own state, not an audited action, so it does not pass through the
 * audit chain that moves the `views` stamp; but every page's header shows the unread count, and
 * each process keeps rendered pages per session while that stamp holds
 * (lib/outputs/server/page-cache-server.ts). So it moves the stamp itself.
 */
function bumpUnreadCount(tx: Prisma.TransactionClient, now: Date) {
  return bumpContentStamp(tx, VIEWS_STAMP, now);
}

/** Marks every unread message of the actor's own inbox read, and nobody else's; answers how many. */
export async function markAllRead(actor: Actor | null, now = new Date()): Promise<number> {
  const reader = await authorize(actor, REPORTING_OPERATIONS.markAllRead);
  return db.$transaction(async (tx) => {
    const { count } = await tx.inboxMessage.updateMany({ where: { userId: reader.userId, readAt: null }, data: { readAt: now } });
    if (count > 0) await bumpUnreadCount(tx, now);
    return count;
  });
}
