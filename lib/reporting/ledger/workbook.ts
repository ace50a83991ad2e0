import ExcelJS from "exceljs";
import { escapeFormulaText } from "@/lib/core/formula-escape";
import { formatShanghaiDateTime } from "@/lib/core/time";
import {
  ALL_UNITS,
  LEDGER_COLUMNS,
  LEDGER_FORMAT_VERSION,
  LEDGER_OUTPUT_SLOTS,
  LEDGER_SHEETS,
  META_LABELS,
  STATUS_WORDS,
  encodeIdentity,
  roleWord,
  stateWord,
  statusWord,
  type LedgerColumn,
  type LedgerColumnKey,
  type LedgerMeta,
  type LedgerSourceRow,
} from "./format";
import { columnLetter } from "@/lib/core/files/workbook";

// Writes the round workbook (see ./format.ts): a guide, the 填报表 sheet with one row per report
// (read-only cells locked and shaded, editable cells validated as the report form would), and a
// hidden sheet naming the round and unit. Pure: everything comes in as arguments.

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E8FF" } };
const READONLY_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };

const text = (value: string | null | undefined) => escapeFormulaText(value ?? "");

function cellValues(row: LedgerSourceRow, index: number): Record<LedgerColumnKey, ExcelJS.CellValue> {
  const { values } = row;
  const outputs = Object.fromEntries(
    Array.from({ length: LEDGER_OUTPUT_SLOTS }, (_, slot) => {
      const output = values.outputs[slot];
      return [
        [`output${slot + 1}Name`, text(output?.name)],
        [`output${slot + 1}Value`, output ? output.value : null],
        [`output${slot + 1}Unit`, text(output?.unit)],
      ];
    }).flat(),
  ) as Record<`output${1 | 2 | 3}${"Name" | "Value" | "Unit"}`, ExcelJS.CellValue>;
  return {
    index: index + 1,
    unit: text(row.unitName),
    number: text(row.itemNumber),
    title: text(row.itemTitle),
    role: roleWord(row.role),
    state: stateWord(row.state),
    returnComment: text(row.returnComment),
    status: values.status ? statusWord(values.status) : "",
    completion: values.completion,
    workDone: text(values.workDone),
    problems: text(values.problems),
    nextSteps: text(values.nextSteps),
    eventsHeld: values.eventsHeld,
    peopleReached: values.peopleReached,
    ...outputs,
    identity: encodeIdentity(row.reportId, row.version),
  };
}

/** The sheet's own check of an editable column, with the message Excel and WPS show on a wrong entry. */
function validation(column: LedgerColumn): ExcelJS.DataValidation | null {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: "stop", errorTitle: column.header } as const;
  switch (column.kind) {
    case "status":
      return {
        ...common,
        type: "list",
        formulae: [`"${Object.keys(STATUS_WORDS).join(",")}"`],
        error: `请从下拉列表中选择：${Object.keys(STATUS_WORDS).join("、")}`,
      };
    case "percent":
      return { ...common, type: "whole", operator: "between", formulae: [0, 100], error: "请填写 0 到 100 之间的整数。" };
    case "whole":
      return { ...common, type: "whole", operator: "between", formulae: [0, 100_000_000], error: "请填写不小于 0 的整数。" };
    case "number":
      return { ...common, type: "decimal", operator: "between", formulae: [0, 1e12], error: "请填写不小于 0 的数值。" };
    case "text":
      return {
        ...common,
        type: "textLength",
        operator: "lessThanOrEqual",
        formulae: [column.maxLength ?? 5000],
        error: `最多 ${column.maxLength ?? 5000} 字。`,
      };
    case "readonly":
      return null;
  }
}

const GUIDE: [string, string][] = [
  ["这是什么", "本工作簿由深圳市全民科学素质纲要实施管理平台生成，列出本单位在本轮次中待报送的进展报告，每行一份。"],
  [
    "怎么填",
    "在「填报表」中填写白色单元格：推进状态（下拉选择）、完成度（0–100 的整数）、工作进展、存在问题、下步计划、举办活动、覆盖人数和最多三项其他量化成果（名称、数值、单位）。灰色单元格为只读。",
  ],
  [
    "提交前检查",
    "上传后平台先显示预览：逐行列出将要更改的内容和发现的问题，确认后才保存。可选择全部保存为草稿，或提交已填写完整（推进状态、完成度、工作进展）的报告。",
  ],
  ["不要修改", "请勿增删列、修改表头或隐藏的「系统识别码」列：平台据此把每一行对应到原报告。可以调整行的顺序。"],
  ["他人已修改", "下载后若报告在平台上被修改过，预览会显示冲突（平台内容与工作簿内容并列），该行不会覆盖平台内容。"],
  ["其他量化成果", "工作簿只列出前三项其他成果；平台上第四项及以后的成果保持不变。"],
  ["公式", "单元格中的公式不会被计算，按文字保存；数值列请直接填写数字。"],
];

/** The round workbook for one unit's reports, or for every unit's (meta.unit null). */
export async function buildLedgerWorkbook(meta: LedgerMeta, rows: readonly LedgerSourceRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "深圳市全民科学素质纲要实施管理平台";
  workbook.created = meta.generatedAt;

  const guide = workbook.addWorksheet(LEDGER_SHEETS.guide);
  guide.columns = [{ width: 16 }, { width: 100 }];
  guide.addRow(["轮次", `${meta.round.name}（${meta.round.period}），截止 ${formatShanghaiDateTime(meta.round.deadline).slice(0, 10)}`]);
  guide.addRow(["单位", meta.unit ? meta.unit.name : "全部单位"]);
  for (const line of GUIDE) guide.addRow(line);
  guide.eachRow((row) => {
    row.alignment = { vertical: "top", wrapText: true };
    row.getCell(1).font = { bold: true };
  });

  const sheet = workbook.addWorksheet(LEDGER_SHEETS.reports, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = LEDGER_COLUMNS.map((column) => ({ key: column.key, width: column.width, hidden: column.hidden ?? false }));
  const header = sheet.addRow(LEDGER_COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: "thin" } };
  });

  rows.forEach((source, index) => {
    const values = cellValues(source, index);
    const row = sheet.addRow(LEDGER_COLUMNS.map((column) => values[column.key]));
    row.alignment = { vertical: "top", wrapText: true };
    LEDGER_COLUMNS.forEach((column, columnIndex) => {
      const cell = row.getCell(columnIndex + 1);
      if (column.kind === "readonly") {
        cell.fill = READONLY_FILL;
        cell.protection = { locked: true };
        return;
      }
      cell.protection = { locked: false };
      // Text typed as text: "=…" or "12" stays what was typed, never a formula or a number.
      if (column.kind === "text") cell.numFmt = "@";
      if (column.kind === "percent" || column.kind === "whole") cell.numFmt = "0";
    });
  });

  const last = rows.length + 1;
  if (rows.length > 0) {
    LEDGER_COLUMNS.forEach((column, index) => {
      const rule = validation(column);
      if (!rule) return;
      const letter = columnLetter(index + 1);
      // exceljs keeps range validations in `dataValidations` (not in its type declarations).
      (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${letter}2:${letter}${last}`,
        rule,
      );
    });
  }
  // Read-only columns are locked against accidental edits (no password: this guards mistakes, the
  // portal checks every row it reads back); sorting, filtering and resizing stay allowed.
  await sheet.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: true,
    sort: true,
    autoFilter: true,
  });

  const info = workbook.addWorksheet(LEDGER_SHEETS.meta, { state: "hidden" });
  info.columns = [{ width: 12 }, { width: 30 }];
  info.addRow([META_LABELS.format, LEDGER_FORMAT_VERSION]);
  info.addRow([META_LABELS.roundId, meta.round.id]);
  info.addRow([META_LABELS.roundName, text(meta.round.name)]);
  info.addRow([META_LABELS.unitId, meta.unit ? meta.unit.id : ALL_UNITS]);
  info.addRow([META_LABELS.unitName, text(meta.unit?.name ?? "全部单位")]);
  info.addRow([META_LABELS.generatedAt, meta.generatedAt.toISOString()]);
  await info.protect("", {});

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
