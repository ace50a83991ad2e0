import "server-only";
import { createTranslator } from "next-intl";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/core/env";
import { logError, logWarn } from "@/lib/core/log";
import messages from "@/messages/zh-CN.json";
import { db } from "@/lib/core/db";

/**
 * E-mail copies of inbox messages, through the organisation's own relay. Optional: with no
 * SMTP_URL nothing is queued and the in-app inbox is the whole story. The inbox row is the
 * outbox: `notifyUnit` marks it PENDING in the same transaction as the work, and this module
 * sends it afterwards, so a slow or broken relay never holds up or undoes a review or a chase.
 */

export interface MailSettings {
  url: string;
  from: string;
}

/** After this many failed attempts a copy is marked FAILED and no longer retried. */
export const MAX_MAIL_ATTEMPTS = 3;
/** A copy claimed longer ago than this by a sender that never finished (the process died) is sent again. */
const STALE_CLAIM_MS = 10 * 60 * 1000;
const BATCH = 100;

export function mailSettings(): MailSettings | null {
  const { SMTP_URL, SMTP_FROM } = env();
  return SMTP_URL && SMTP_FROM ? { url: SMTP_URL, from: SMTP_FROM } : null;
}

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    // Short timeouts: a relay that does not answer fails this attempt; the copy is retried later.
    transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(url, transport);
  }
  return transport;
}

const t = createTranslator({ locale: "zh-CN", messages, namespace: "mail" });

function composeText(message: { body: string; link: string | null }): string {
  const base = env().NEXTAUTH_URL;
  const where = message.link && base ? t("open", { url: new URL(message.link, base).href }) : t("signIn", { app: messages.app.name });
  return [message.body, "", where, "", t("footer", { owner: messages.app.owner })].join("\n");
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  /** Failed this time, to be tried again by a later run. */
  retrying: number;
}

/**
 * Sends every pending copy once. Each copy is claimed (PENDING → SENDING) before it is sent,
 * so two senders running at once never send the same copy twice. Not a user entry point:
 * it is run after a commit that queued mail, and on a timer while the server runs.
 */
export async function deliverPendingMail(settings: MailSettings | null = mailSettings(), now = new Date()): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, retrying: 0 };
  if (!settings) return result;
  await db.inboxMessage.updateMany({
    where: { emailStatus: "SENDING", emailedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) } },
    data: { emailStatus: "PENDING" },
  });
  const pending = await db.inboxMessage.findMany({
    where: { emailStatus: "PENDING" },
    orderBy: { id: "asc" },
    take: BATCH,
    select: { id: true, title: true, body: true, link: true, emailAttempts: true, user: { select: { email: true, disabled: true } } },
  });
  const transport = transportFor(settings.url);
  for (const message of pending) {
    const claimed = await db.inboxMessage.updateMany({
      where: { id: message.id, emailStatus: "PENDING" },
      data: { emailStatus: "SENDING", emailedAt: now },
    });
    if (claimed.count === 0) continue;
    const attempts = message.emailAttempts + 1;
    // The address may have been removed, or the account disabled, since the copy was queued.
    if (!message.user.email || message.user.disabled) {
      await db.inboxMessage.update({ where: { id: message.id }, data: { emailStatus: "FAILED", emailError: t("noRecipient") } });
      result.failed += 1;
      continue;
    }
    try {
      await transport.sendMail({
        from: settings.from,
        to: message.user.email,
        subject: t("subject", { title: message.title }),
        text: composeText(message),
      });
      await db.inboxMessage.update({
        where: { id: message.id },
        data: { emailStatus: "SENT", emailAttempts: attempts, emailedAt: new Date(), emailError: null },
      });
      result.sent += 1;
    } catch (error) {
      const last = attempts >= MAX_MAIL_ATTEMPTS;
      await db.inboxMessage.update({
        where: { id: message.id },
        data: {
          emailStatus: last ? "FAILED" : "PENDING",
          emailAttempts: attempts,
          emailError: String((error as Error).message ?? error).slice(0, 500),
        },
      });
      if (last) result.failed += 1;
      else result.retrying += 1;
    }
  }
  return result;
}

/** Runs a delivery without letting a relay problem reach the user's request; problems are logged. */
export async function deliverPendingMailQuietly(): Promise<void> {
  try {
    const result = await deliverPendingMail();
    if (result.failed > 0 || result.retrying > 0)
      logWarn(`[mail] sent ${result.sent}, failed ${result.failed}, will retry ${result.retrying}`);
  } catch (error) {
    logError("[mail] delivery run failed", error);
  }
}
