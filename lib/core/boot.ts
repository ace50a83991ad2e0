import { env, InvalidEnvironmentError } from "@/lib/core/env";
import { auditKeyring } from "@/lib/audit/keys";

/** How often the server retries e-mail copies a relay refused or that a restart left behind. */
const MAIL_RETRY_MS = 5 * 60 * 1000;

/** Refuses to serve with a bad environment, naming the variable, rather than failing on the first request. */
export function checkEnvironmentAtBoot() {
  try {
    env();
    // The audit chain's HMAC key (a file outside the database): a missing or short key stops the app here.
    auditKeyring();
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

/** How often the running app anchors the audit trail's head outside the database. */
export const AUDIT_ANCHOR_MS = 24 * 60 * 60 * 1000;

/**
 * Starts keyed signing if the trail still ends in unkeyed rows (the `audit.chain_keyed` record),
 * then anchors the head at boot and every 24 hours (never keeps the process alive). A failure is
 * logged, not fatal: the next anchor or `npm run audit:anchor` catches up.
 */
export async function startAuditAnchoring() {
  const [{ db }, { ensureChainKeyed }, { writeAnchor }] = await Promise.all([
    import("@/lib/core/db"),
    import("@/lib/audit/chain"),
    import("@/lib/audit/anchor"),
  ]);
  const anchor = async () => {
    try {
      await ensureChainKeyed(db);
      await writeAnchor(db, env().AUDIT_ANCHOR_DIR);
    } catch (error) {
      console.error("[audit-anchor] 审计链锚定失败 / anchoring the audit trail failed:", error);
    }
  };
  await anchor();
  setInterval(() => void anchor(), AUDIT_ANCHOR_MS).unref();
}
