import { env, InvalidEnvironmentError } from "@/lib/core/env";

/** How often the server retries e-mail copies a relay refused or that a restart left behind. */
const MAIL_RETRY_MS = 5 * 60 * 1000;

/** Refuses to serve with a bad environment, naming the variable, rather than failing on the first request. */
export function checkEnvironmentAtBoot() {
  try {
    env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** With a relay configured, retries pending e-mail copies on a timer (never keeps the process alive). */
export async function startMailRetries() {
  if (!env().SMTP_URL) return;
  const { deliverPendingMailQuietly } = await import("@/lib/reporting/server/mail");
  setInterval(() => void deliverPendingMailQuietly(), MAIL_RETRY_MS).unref();
}
