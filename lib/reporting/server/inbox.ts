import "server-only";
import type { Actor } from "@/lib/core/actor";
import { authorize, deny } from "@/lib/core/authz";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { REPORTING_OPERATIONS } from "@/lib/reporting/operations";

export async function listInbox(actor: Actor | null) {
  const reader = await authorize(actor, REPORTING_OPERATIONS.readInbox);
  return db.inboxMessage.findMany({ where: { userId: reader.userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200 });
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
  if (!message.readAt) await db.inboxMessage.update({ where: { id: messageId }, data: { readAt: now } });
}

/** Marks every unread message of the actor's own inbox read, and nobody else's; answers how many. */
export async function markAllRead(actor: Actor | null, now = new Date()): Promise<number> {
  const reader = await authorize(actor, REPORTING_OPERATIONS.markAllRead);
  const { count } = await db.inboxMessage.updateMany({ where: { userId: reader.userId, readAt: null }, data: { readAt: now } });
  return count;
}
