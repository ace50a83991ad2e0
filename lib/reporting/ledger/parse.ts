import ExcelJS from "exceljs";
import { cellText, columnLetter, isoDay, openWorkbook, REFUSAL_MESSAGES } from "@/lib/core/files/workbook";
import { unescapeFormulaText } from "@/lib/core/formula-escape";
import {
  ALL_UNITS,
  LEDGER_COLUMNS,
  LEDGER_FORMAT_VERSION,
  LEDGER_HEADER,
  LEDGER_OUTPUT_SLOTS,
  LEDGER_SHEETS,
  META_LABELS,
  OUTPUT_NAME_MAX,
  OUTPUT_UNIT_MAX,
  STATUS_WORDS,
  decodeIdentity,
  ledgerColumnNumber,
  type LedgerColumnKey,
  type LedgerProblem,
  type LedgerValues,
  type ParsedLedgerRow,
  type ParsedLedgerWorkbook,
} from "./format";
import { TEXT_LIMITS } from "@/lib/reporting/schemas";

// Reads the round workbook (see ./format.ts) back: the hidden meta sheet, the 填报表 header, and
// every non-blank row's identity and editable cells, each checked as the report form checks them.
// Pure: no database. Whether a row's report is the uploader's, still open or changed since is
// decided by the import (lib/reporting/server/ledger-import.ts) against the portal.
//
// Cells are read as Excel, WPS and LibreOffice save them: shared, inline and rich-text strings,
// numbers saved as numbers or typed as text ("1,200", "12.0"), full-width digits. A formula is
// never evaluated and its cached result never used: in a text column its formula is kept as text,
// in a number or status column it is a problem.

/** Where file-level problems (a refused file, a missing or foreign meta sheet) are filed. */
export const FILE_SHEET = "文件";
export const IDENTITY_PROBLEM = "系统识别码缺失或被修改，无法对应到报告";
export const FORMULA_PROBLEM = "请直接填写数值，不要使用公式";

const MAX_COUNT = 100_000_000;
const MAX_OUTPUT_VALUE = 1e12;
const SHEET = LEDGER_SHEETS.reports;
const STATUS_LIST = Object.keys(STATUS_WORDS).join("、");

/** A column's name in a message: its header without the unit in brackets (完成度（%） → 完成度). */
const label = (key: LedgerColumnKey) => LEDGER_COLUMNS[ledgerColumnNumber(key) - 1]!.header.replace(/（.*）$/, "");
const groupDigits = (value: number) => value.toLocaleString("en-US");
/** Text found in a cell, as a message quotes it: at most 20 characters. */
const quote = (text: string) => (Array.from(text).length > 20 ? `${Array.from(text).slice(0, 20).join("")}…` : text);

/** A cell as read: blank, a formula (never evaluated), a date, or its text. */
type Cell =
  | { kind: "blank" }
  | { kind: "formula"; formula: string }
  | { kind: "date"; text: string }
  | { kind: "number"; value: number; percentFormat: boolean }
  | { kind: "text"; text: string };

function readCell(cell: ExcelJS.Cell): Cell {
  const value = cell.value;
  if (cell.type === ExcelJS.ValueType.Formula) {
    // Shared formulas: exceljs translates the master's formula to this cell.
    const formula = (cell.formula ?? "").trim();
    return { kind: "formula", formula };
  }
  if (value === null || value === undefined) return { kind: "blank" };
  if (value instanceof Date) return { kind: "date", text: Number.isNaN(value.getTime()) ? "" : isoDay(value) };
  if (typeof value === "number") return { kind: "number", value, percentFormat: /%/.test(cell.numFmt ?? "") };
  if (typeof value === "object" && "error" in value) return { kind: "text", text: String(value.error ?? "") };
  // Strings keep their inner spacing (trimmed later, as the form trims); rich text and hyperlinks join their parts.
  const text =
    typeof value === "string"
      ? value
      : typeof value === "object" && "richText" in value && Array.isArray(value.richText)
        ? value.richText.map((part) => part.text ?? "").join("")
        : cellText(value);
  return text.trim() === "" ? { kind: "blank" } : { kind: "text", text };
}

/** Full-width digits and separators (a Chinese input method's) as ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[０-９．，－＋]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

/** A number typed as text: digits with optional thousands separators and decimals, e.g. "1,200.5". */
function numberFromText(text: string): number | null {
  const plain = asciiDigits(text.trim()).replace(/(\d),(?=\d{3}(\D|$))/g, "$1");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return null;
  const number = Number(plain);
  return Number.isFinite(number) ? number : null;
}

class RowReader {
  readonly problems: LedgerProblem[] = [];
  constructor(
    private readonly row: ExcelJS.Row,
    readonly rowNumber: number,
  ) {}

  cell(key: LedgerColumnKey): Cell {
    return readCell(this.row.getCell(ledgerColumnNumber(key)));
  }

  problem(key: LedgerColumnKey, message: string) {
    this.problems.push({ sheet: SHEET, row: this.rowNumber, column: columnLetter(ledgerColumnNumber(key)), message });
  }

  /** A text cell as the form stores it: the export's apostrophe taken off, CR LF as LF, trimmed; a formula as its text. */
  text(key: LedgerColumnKey, max?: number): string {
    const cell = this.cell(key);
    const raw =
      cell.kind === "blank" ? "" : cell.kind === "formula" ? `=${cell.formula}` : cell.kind === "number" ? String(cell.value) : cell.text;
    const text = unescapeFormulaText(raw).replace(/\r\n?/g, "\n").trim();
    if (max !== undefined && text.length > max) this.problem(key, `${label(key)}最多 ${max} 字，实为 ${text.length} 字`);
    return text;
  }

  /**
   * A number cell: null when blank; undefined (with a problem) when it is not a number in
   * [0, max], or not whole when `whole`. `range` words the problem.
   */
  number(key: LedgerColumnKey, options: { max: number; whole: boolean; percent?: boolean }): number | null | undefined {
    const cell = this.cell(key);
    const range = `${label(key)}须为 0 到 ${groupDigits(options.max)} 的${options.whole ? "整数" : "数值"}`;
    switch (cell.kind) {
      case "blank":
        return null;
      case "formula":
        this.problem(key, FORMULA_PROBLEM);
        return undefined;
      case "date":
        this.problem(key, `${range}，实为日期 ${cell.text}`);
        return undefined;
    }
    let value = cell.kind === "number" ? cell.value : numberFromText(cell.text);
    if (value === null) {
      this.problem(key, `${range}，实为「${quote(cell.kind === "text" ? cell.text.trim() : "")}」`);
      return undefined;
    }
    // 50% typed into the completion cell is 0.5 shown as a percentage: it means 50.
    if (options.percent && cell.kind === "number" && cell.percentFormat) value = Math.round(value * 100 * 1e9) / 1e9;
    if (value < 0 || value > options.max || (options.whole && !Number.isInteger(value))) {
      this.problem(key, `${range}，实为 ${cell.kind === "text" ? quote(cell.text.trim()) : String(value)}`);
      return undefined;
    }
    return value === 0 ? 0 : value;
  }

  status(): LedgerValues["status"] {
    const cell = this.cell("status");
    if (cell.kind === "blank") return null;
    if (cell.kind === "formula") {
      this.problem("status", FORMULA_PROBLEM);
      return null;
    }
    const word = cell.kind === "number" ? String(cell.value) : cell.text.trim();
    const status = Object.hasOwn(STATUS_WORDS, word) ? STATUS_WORDS[word]! : null;
    if (!status) this.problem("status", `${label("status")}须为以下之一：${STATUS_LIST}，实为「${quote(word)}」`);
    return status;
  }

  outputs(): LedgerValues["outputs"] {
    const outputs: LedgerValues["outputs"] = [];
    for (let slot = 1; slot <= LEDGER_OUTPUT_SLOTS; slot++) {
      const keys = {
        name: `output${slot}Name` as LedgerColumnKey,
        value: `output${slot}Value` as LedgerColumnKey,
        unit: `output${slot}Unit` as LedgerColumnKey,
      };
      const name = this.text(keys.name, OUTPUT_NAME_MAX);
      const value = this.number(keys.value, { max: MAX_OUTPUT_VALUE, whole: false });
      const unit = this.text(keys.unit, OUTPUT_UNIT_MAX);
      const blankValue = value === null;
      if (name === "" && blankValue && unit === "") continue;
      const missing = (
        [
          [keys.name, name === "", "名称"],
          [keys.value, blankValue, "数值"],
          [keys.unit, unit === "", "单位"],
        ] as const
      ).filter(([, isMissing]) => isMissing);
      for (const [key, , word] of missing) this.problem(key, `其他成果${slot}缺少${word}：名称、数值、单位须同时填写`);
      if (missing.length === 0 && value !== undefined && value !== null) outputs.push({ name, value, unit });
    }
    return outputs;
  }
}

function refused(message: string): ParsedLedgerWorkbook {
  return { meta: null, rows: [], problems: [{ sheet: FILE_SHEET, message }] };
}

/** The hidden meta sheet: the format, round and unit, or why the workbook is not one the portal made for this format. */
function readMeta(workbook: ExcelJS.Workbook): ParsedLedgerWorkbook["meta"] | string {
  const sheet = workbook.getWorksheet(LEDGER_SHEETS.meta);
  const unknown = "无法识别这份填报表的轮次和单位（平台信息缺失或被修改），请从平台重新下载填报表，填写后上传。";
  if (!sheet) return unknown;
  const values = new Map<string, ExcelJS.Cell>();
  sheet.eachRow((row) => {
    values.set(cellText(row.getCell(1).value), row.getCell(2));
  });
  const whole = (name: string): number | null => {
    const cell = values.get(name);
    if (!cell || cell.type === ExcelJS.ValueType.Formula) return null;
    const number = typeof cell.value === "number" ? cell.value : numberFromText(cellText(cell.value));
    return number !== null && Number.isSafeInteger(number) && number > 0 ? number : null;
  };
  const format = whole(META_LABELS.format);
  if (format === null) return unknown;
  if (format !== LEDGER_FORMAT_VERSION)
    return `这份填报表的格式版本（${format}）与平台现用版本（${LEDGER_FORMAT_VERSION}）不同，请从平台重新下载填报表，填写后上传。`;
  const roundId = whole(META_LABELS.roundId);
  const unitCell = values.get(META_LABELS.unitId);
  const unitId = unitCell && cellText(unitCell.value) === ALL_UNITS ? ALL_UNITS : whole(META_LABELS.unitId);
  if (roundId === null || unitId === null) return unknown;
  return { format, roundId, unitId };
}

function readRow(row: ExcelJS.Row, rowNumber: number): ParsedLedgerRow {
  const reader = new RowReader(row, rowNumber);
  const identityCell = reader.cell("identity");
  const identity = identityCell.kind === "text" ? decodeIdentity(identityCell.text) : null;
  if (!identity) reader.problem("identity", IDENTITY_PROBLEM);
  const shown = { unit: reader.text("unit"), number: reader.text("number"), title: reader.text("title") };
  const values: LedgerValues = {
    status: reader.status(),
    completion: reader.number("completion", { max: 100, whole: true, percent: true }) ?? null,
    workDone: reader.text("workDone", TEXT_LIMITS.workDone),
    problems: reader.text("problems", TEXT_LIMITS.problems),
    nextSteps: reader.text("nextSteps", TEXT_LIMITS.nextSteps),
    eventsHeld: reader.number("eventsHeld", { max: MAX_COUNT, whole: true }) ?? null,
    peopleReached: reader.number("peopleReached", { max: MAX_COUNT, whole: true }) ?? null,
    outputs: reader.outputs(),
  };
  return { row: rowNumber, identity, shown, values, problems: reader.problems };
}

/**
 * Reads an uploaded round workbook: a refused file (not a workbook, macros, too large, a zip bomb,
 * over 5,000 rows), a missing or foreign meta sheet, a missing sheet or a changed header are
 * file-level problems and no rows are read; otherwise every non-blank row from row 2, each with
 * its own problems (row number, column letter, Chinese message).
 */
export async function parseLedgerWorkbook(bytes: Uint8Array): Promise<ParsedLedgerWorkbook> {
  const opened = await openWorkbook(bytes);
  if ("refusal" in opened) return refused(REFUSAL_MESSAGES[opened.refusal]);
  const { workbook } = opened;

  const meta = readMeta(workbook);
  if (typeof meta === "string") return refused(meta);

  const sheet = workbook.getWorksheet(SHEET);
  if (!sheet)
    return { meta, rows: [], problems: [{ sheet: FILE_SHEET, message: `工作簿中没有「${SHEET}」工作表，请使用平台下载的填报表。` }] };

  const problems: LedgerProblem[] = [];
  const header = sheet.getRow(1);
  LEDGER_HEADER.forEach((heading, index) => {
    const found = cellText(header.getCell(index + 1).value);
    if (found !== heading)
      problems.push({
        sheet: SHEET,
        row: 1,
        column: columnLetter(index + 1),
        message: `表头应为「${heading}」，${found ? `实为「${quote(found)}」` : "实为空白"}。请勿增删列或修改表头。`,
      });
  });
  if (problems.length > 0) return { meta, rows: [], problems };

  const rows: ParsedLedgerRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const blank = LEDGER_COLUMNS.every((_, index) => readCell(row.getCell(index + 1)).kind === "blank");
    if (!blank) rows.push(readRow(row, rowNumber));
  });
  return { meta, rows, problems };
}
