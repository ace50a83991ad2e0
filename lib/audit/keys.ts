/**
 * The audit chain's HMAC keys. Kept outside the database, so that whoever can write the database
 * file cannot recompute the chain: the current key from AUDIT_HMAC_KEY or the file
 * AUDIT_HMAC_KEY_FILE, earlier keys (after a rotation) from AUDIT_HMAC_OLD_KEYS_FILE as `id=key`
 * lines. Each row records the id of the key that signed it; verification looks the key up by id.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_AUDIT_KEY_FILE, env, InvalidEnvironmentError, type Env } from "@/lib/core/env";

export const MIN_AUDIT_KEY_LENGTH = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;

export interface AuditKeyring {
  /** The id new rows are signed with. */
  currentId: string;
  /** Every configured key by id, the current one included. */
  keys: ReadonlyMap<string, Buffer>;
}

export type AuditKeySettings = Pick<
  Env,
  "AUDIT_HMAC_KEY" | "AUDIT_HMAC_KEY_FILE" | "AUDIT_HMAC_KEY_ID" | "AUDIT_HMAC_OLD_KEYS_FILE" | "NODE_ENV"
>;

/** A key problem stops the app at boot like any other bad setting, naming the variable. */
export class AuditKeyError extends InvalidEnvironmentError {
  constructor(problem: string) {
    super([problem]);
    this.name = "AuditKeyError";
  }
}

/** A key's default id: the first 8 hex digits of its SHA-256 (names the key, reveals nothing of it). */
export function keyIdFor(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function readKeyFile(file: string, variable: string): string {
  let content: string;
  try {
    content = fs.readFileSync(file, "utf8");
  } catch {
    throw new AuditKeyError(
      `${variable}: the audit key file "${file}" cannot be read; restore it from its backup (rows it signed cannot be verified without it)`,
    );
  }
  return content.trim();
}

function checkKey(key: string, variable: string) {
  if (key.length < MIN_AUDIT_KEY_LENGTH)
    throw new AuditKeyError(`${variable}: the audit key must be at least ${MIN_AUDIT_KEY_LENGTH} characters long`);
}

/** Writes a new random key to `file` (mode 0600, never over an existing file). */
export function writeNewKeyFile(file: string) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
}

/**
 * Whether the settings use the generated default key file (no AUDIT_HMAC_KEY, the default path).
 */
function usesDefaultKeyFile(settings: AuditKeySettings): boolean {
  return !settings.AUDIT_HMAC_KEY && path.resolve(settings.AUDIT_HMAC_KEY_FILE) === path.resolve(DEFAULT_AUDIT_KEY_FILE);
}

/**
 * `npm start` on a fresh machine: with no key configured, generates the default key file under
 * the data directory. Refuses when the trail already holds keyed rows, since a new key cannot
 * verify them: the lost file must be restored instead.
 */
export function ensureAuditKeyFile(settings: AuditKeySettings, keyedRowsExist: boolean): "configured" | "present" | "generated" {
  if (!usesDefaultKeyFile(settings)) return "configured";
  if (fs.existsSync(settings.AUDIT_HMAC_KEY_FILE)) return "present";
  if (keyedRowsExist) {
    throw new AuditKeyError(
      `AUDIT_HMAC_KEY_FILE: the audit key file "${settings.AUDIT_HMAC_KEY_FILE}" is missing but the audit trail holds rows it signed; restore it from its backup`,
    );
  }
  writeNewKeyFile(settings.AUDIT_HMAC_KEY_FILE);
  return "generated";
}

/** Parses the old-keys file: `id=key` lines; blank lines and `#` comments are skipped. */
function readOldKeys(file: string): [string, string][] {
  const entries: [string, string][] = [];
  readKeyFile(file, "AUDIT_HMAC_OLD_KEYS_FILE")
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) return;
      const separator = line.indexOf("=");
      const id = separator > 0 ? line.slice(0, separator).trim() : "";
      const key = separator > 0 ? line.slice(separator + 1).trim() : "";
      if (!KEY_ID.test(id)) throw new AuditKeyError(`AUDIT_HMAC_OLD_KEYS_FILE: line ${index + 1} must read id=key`);
      checkKey(key, `AUDIT_HMAC_OLD_KEYS_FILE (line ${index + 1})`);
      entries.push([id, key]);
    });
  return entries;
}

/**
 * Builds the keyring from the settings; throws AuditKeyError naming the variable at fault. Outside
 * production a missing default key file is generated (`generate`), so development and tests need
 * no configuration; the verification scripts never generate a key.
 */
export function loadAuditKeyring(
  settings: AuditKeySettings,
  { generate = settings.NODE_ENV !== "production" }: { generate?: boolean } = {},
): AuditKeyring {
  let current: string;
  if (settings.AUDIT_HMAC_KEY) {
    current = settings.AUDIT_HMAC_KEY.trim();
    checkKey(current, "AUDIT_HMAC_KEY");
  } else {
    // Production gets its key file from `npm start`, which refuses to replace a lost one.
    if (generate && usesDefaultKeyFile(settings) && !fs.existsSync(settings.AUDIT_HMAC_KEY_FILE)) {
      try {
        writeNewKeyFile(settings.AUDIT_HMAC_KEY_FILE);
      } catch (error) {
        // Another process created it first.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    current = readKeyFile(settings.AUDIT_HMAC_KEY_FILE, "AUDIT_HMAC_KEY_FILE");
    checkKey(current, "AUDIT_HMAC_KEY_FILE");
  }
  const currentId = settings.AUDIT_HMAC_KEY_ID ?? keyIdFor(current);
  const keys = new Map<string, Buffer>([[currentId, Buffer.from(current, "utf8")]]);
  if (settings.AUDIT_HMAC_OLD_KEYS_FILE) {
    for (const [id, key] of readOldKeys(settings.AUDIT_HMAC_OLD_KEYS_FILE)) {
      const known = keys.get(id);
      if (known && !known.equals(Buffer.from(key, "utf8"))) {
        throw new AuditKeyError(`AUDIT_HMAC_OLD_KEYS_FILE: key id "${id}" is given twice with different keys`);
      }
      keys.set(id, Buffer.from(key, "utf8"));
    }
  }
  return { currentId, keys };
}

let cached: AuditKeyring | undefined;

/** This process's keyring, from the validated environment. */
export function auditKeyring(): AuditKeyring {
  cached ??= loadAuditKeyring(env());
  return cached;
}
