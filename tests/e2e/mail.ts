import fs from "node:fs";
import path from "node:path";
import type { ReceivedMail } from "../support/smtp";

export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3211);
export const MAIL_SINK_FILE = path.resolve("tmp/e2e-mail/received.jsonl");

/** Every message the end-to-end relay has accepted so far. */
export function receivedMail(): ReceivedMail[] {
  if (!fs.existsSync(MAIL_SINK_FILE)) return [];
  return fs
    .readFileSync(MAIL_SINK_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedMail);
}
