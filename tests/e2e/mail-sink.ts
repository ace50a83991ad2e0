/**
 * The mail relay of the end-to-end run: a real SMTP server on E2E_SMTP_PORT that writes each
 * message it accepts as one JSON line to MAIL_SINK_FILE, where the specs read it back.
 */
import fs from "node:fs";
import path from "node:path";
import { startSmtpRelay } from "../support/smtp";
import { MAIL_SINK_FILE, SMTP_PORT } from "./mail";

fs.mkdirSync(path.dirname(MAIL_SINK_FILE), { recursive: true });
fs.writeFileSync(MAIL_SINK_FILE, "");
const relay = await startSmtpRelay([], SMTP_PORT, (mail) => fs.appendFileSync(MAIL_SINK_FILE, `${JSON.stringify(mail)}\n`));
console.log(`mail sink listening on ${relay.url}, writing ${MAIL_SINK_FILE}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void relay.close().then(() => process.exit(0)));
