/**
 * CSV that Excel and WPS open with Chinese intact: UTF-8 with a byte-order mark, CRLF line
 * ends, every field quoted. Cells that a spreadsheet would run as a formula are prefixed
 * with an apostrophe (CSV injection).
 */
import { escapeFormulaText } from "./formula-escape";

export const UTF8_BOM = "\uFEFF";

export type CsvCell = string | number | boolean | null | undefined;

function escapeCell(value: CsvCell): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (typeof value === "string") text = escapeFormulaText(text);
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(escapeCell).join(","));
  return UTF8_BOM + lines.join("\r\n") + "\r\n";
}

/** A Content-Disposition header that keeps a Chinese file name (RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string, type: "attachment" | "inline" = "attachment"): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
