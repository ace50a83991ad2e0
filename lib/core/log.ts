/**
 * Server log lines that carry anything a user typed or sent (file names, usernames, reasons,
 * URLs, error messages that quote them) go through here: one line each, of bounded length, with
 * control characters escaped, so a crafted value can neither forge a second log line nor flood
 * the log.
 */

/** Default bound for one value inside a log line, in characters. */
export const LOG_VALUE_MAX = 500;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

// C0 and C1 controls, DEL, the Unicode line and paragraph separators, the bidi overrides that
// make a line read differently from what it holds, and a lone surrogate (one code point here).
const UNSAFE = /^[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]$/;

function escapeChar(char: string): string {
  return ESCAPES[char] ?? (UNSAFE.test(char) ? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}` : char);
}

/**
 * The value as one escaped line of at most `max` characters, plus a marker saying how much was
 * left out. A backslash is escaped too, so an escaped newline cannot be confused with a typed
 * "\\n". Only the part that is kept is ever walked, so a 20 MB value costs no more than a short one.
 */
export function safeForLog(value: unknown, max = LOG_VALUE_MAX): string {
  const text = typeof value === "string" ? value : describeUnknown(value);
  let out = "";
  let used = 0;
  for (const char of text) {
    const piece = escapeChar(char);
    if (out.length + piece.length > max) return `${out}…[+${text.length - used} chars]`;
    out += piece;
    used += char.length;
  }
  return out;
}

function describeUnknown(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (value === undefined) return "undefined";
  try {
    return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  } catch {
    return String(value);
  }
}

/** An error (with its stack) as one bounded line. */
export function errorForLog(error: unknown, max = 4000): string {
  return safeForLog(error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : error, max);
}

function line(message: string, values: unknown[]): string {
  return [safeForLog(message, 200), ...values.map((value) => (value instanceof Error ? errorForLog(value) : safeForLog(value)))].join(" ");
}

/** console.error with every value made safe; the message is our own fixed text. */
export function logError(message: string, ...values: unknown[]): void {
  console.error(line(message, values));
}

/** console.warn with every value made safe. */
export function logWarn(message: string, ...values: unknown[]): void {
  console.warn(line(message, values));
}

/** console.info with every value made safe. */
export function logInfo(message: string, ...values: unknown[]): void {
  console.info(line(message, values));
}
