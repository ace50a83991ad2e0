import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { mailSettings } from "./mail";

export interface UnitMessage {
  kind: string;
  title: string;
  body: string;
  link: string;
}

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
      ...message,
      createdAt: now,
      emailStatus: mailOn && liaison.email ? ("PENDING" as const) : null,
    })),
  });
}
