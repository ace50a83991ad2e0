/**
 * Text a spreadsheet would run as a formula when a user opens or re-edits the cell (`=`, `+`, `-`,
 * `@`, a tab or a carriage return first) is written with an apostrophe in front (OWASP's advice
 * against formula injection), in every CSV and workbook the portal makes. Reading a workbook the
 * portal made back, the apostrophe it added is taken off again, so the text round-trips unchanged.
 */
/** Such text, or such text behind apostrophes: `'=x` is escaped too, or it would read back as `=x`. */
const ESCAPED_START = /^'*[=+\-@\t\r]/;

export function escapeFormulaText(text: string): string {
  return ESCAPED_START.test(text) ? `'${text}` : text;
}

/** The inverse of `escapeFormulaText` for text read back from a workbook the portal exported. */
export function unescapeFormulaText(text: string): string {
  return text.startsWith("'") && ESCAPED_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** A spreadsheet cell's value with `escapeFormulaText` applied when it is text; numbers, dates and blanks as they are. */
export function escapeFormulaCell<T>(value: T): T | string {
  return typeof value === "string" ? escapeFormulaText(value) : value;
}
