import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InboxMessageContent } from "@/lib/reporting/inbox-messages";
import { mailSettings } from "./mail";

/**
 * A message to a unit's liaisons: its kind and parameters (rendered in each reader's language)
 * and the Chinese title and body (the e-mail copy, the official channel, is sent in Chinese).
 */
export type UnitMessage = InboxMessageContent & {
  title: string;
  body: string;
  link: string;
};

/**
 * Puts a message in the inbox of every active liaison of the unit, inside the caller's
 * transaction. When a mail relay is configured, liaisons with an e-mail address also get a
 * copy: the row is marked PENDING here and `deliverPendingMail` sends it after the commit,
 * so a slow or broken relay never holds up or undoes the work itself.
 */
export async function notifyUnit(tx: Prisma.TransactionClient, unitId: number, message: UnitMessage, now: Date) {
  const liaisons = await tx.user.findMany({ where: { unitId, role: "LIAISON", disabled: false }, select: { id: true, email: true } });
  if (liaisons.length === 0) return;
  const mailOn = mailSettings() !== null;
  await tx.inboxMessage.createMany({
    data: liaisons.map((liaison) => ({
      userId: liaison.id,
      kind: message.kind,
      params: JSON.stringify(message.params),
      title: message.title,
      body: message.body,
      link: message.link,
      createdAt: now,
      emailStatus: mailOn && liaison.email ? ("PENDING" as const) : null,
    })),
  });
}
