import ExcelJS from "exceljs";
import { listZip } from "./zip";

// What every uploaded workbook goes through before a feature reads it as a plan or a round's
// reports: judged by its content (a zip holding an .xlsx workbook, no macros), bounded in size
// and rows, then opened with exceljs. Shared by the plan import and the ledger round-trip.

export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;
export const MAX_SHEET_ROWS = 5000;

/** Why a file is refused outright, before any of its content is read. */
export type WorkbookRefusal = "fileEmpty" | "workbookTooLarge" | "notWorkbook" | "macroWorkbook" | "workbookTooDeep" | "tooManyRows";

export const REFUSAL_MESSAGES: Record<WorkbookRefusal, string> = {
  fileEmpty: "文件是空的。",
  workbookTooLarge: "文件超过 10 MB，请删去无关内容后重新上传。",
  notWorkbook: "这不是 Excel 工作簿（.xlsx）文件，请使用平台下载的模板填写后上传。",
  macroWorkbook: "这是含宏的工作簿（.xlsm），出于安全考虑不予接收；请另存为普通 .xlsx 工作簿后上传。",
  workbookTooDeep: "文件解压后过大，疑似压缩炸弹，不予接收。",
  tooManyRows: `有工作表超过 ${MAX_SHEET_ROWS.toLocaleString("en-US")} 行，请拆分后分批导入。`,
};

/** Judges the file by its content: one .xlsx workbook (a zip with xl/workbook.xml), no macros, ≤ 10 MB. */
export function checkWorkbookFile(bytes: Uint8Array): WorkbookRefusal | null {
  if (bytes.byteLength === 0) return "fileEmpty";
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) return "workbookTooLarge";
  const zip = listZip(bytes);
  if (!zip || !zip.names.includes("xl/workbook.xml")) return "notWorkbook";
  if (zip.names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) return "macroWorkbook";
  // Every workbook has this small part; one that is missing or inflates past 1 MB (a zip bomb) is no workbook.
  const contentTypes = zip.text("[Content_Types].xml");
  if (contentTypes === null) return "notWorkbook";
  if (/macroEnabled/i.test(contentTypes)) return "macroWorkbook";
  // What the entries claim to unpack to; openWorkbook then checks what they really unpack to.
  if (!zip.declaredWithinBounds()) return "workbookTooDeep";
  return null;
}

/** Row count of the largest sheet, data rows only (row 1 is the header). */
export function largestSheet(workbook: ExcelJS.Workbook): number {
  return Math.max(0, ...workbook.worksheets.map((sheet) => sheet.actualRowCount - 1));
}

/**
 * Checks the file, opens it with exceljs and bounds its rows: the workbook, or why it is refused.
 * exceljs inflates every entry whole in memory, so first every entry is inflated here once,
 * counting and keeping nothing, and a file that unpacks past its declared sizes or past
 * MAX_UNZIPPED_BYTES (a zip bomb) never reaches it.
 */
export async function openWorkbook(bytes: Uint8Array): Promise<{ workbook: ExcelJS.Workbook } | { refusal: WorkbookRefusal }> {
  const refusal = checkWorkbookFile(bytes);
  if (refusal) return { refusal };
  const inflation = await listZip(bytes)!.inflatesWithinBounds();
  if (inflation === "tooLarge") return { refusal: "workbookTooDeep" };
  if (inflation === "unreadable") return { refusal: "notWorkbook" };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return { refusal: "notWorkbook" };
  }
  if (largestSheet(workbook) > MAX_SHEET_ROWS) return { refusal: "tooManyRows" };
  return { workbook };
}

/** A column's letter as a spreadsheet shows it (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let letters = "";
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell's value as the text a reader sees (a formula's cached result, never evaluated here). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return isoDay(value);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText))
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result);
    if ("text" in value) return cellText((value as { text: ExcelJS.CellValue }).text);
    if ("error" in value) return "";
  }
  return String(value).trim();
}
