import ExcelJS from "exceljs";
import {
  COMPARATOR_WORDS,
  CYCLE_WORDS,
  DIRECTION_WORDS,
  GOAL_HEADER,
  INDICATOR_HEADER,
  ITEM_HEADER,
  ITEM_KEY_PATTERN,
  ITEM_KIND_WORDS,
  LINK_HEADER,
  LINK_TYPE_WORDS,
  PHASE_HEADER,
  PLAN_CODE_PATTERN,
  PLAN_HEADER,
  PLAN_KIND_WORDS,
  PLAN_LABELS,
  SHEETS,
  splitUnitNames,
  type PlanLabel,
} from "./format";
import { emptyWorkbook, type ParsedItem, type ParsedPlanWorkbook, type WorkbookProblem } from "./types";
import {
  cellText as workbookCellText,
  checkWorkbookFile,
  columnLetter,
  isoDay,
  openWorkbook,
  REFUSAL_MESSAGES,
  type WorkbookRefusal,
} from "@/lib/core/files/workbook";
import { unescapeFormulaText } from "@/lib/core/formula-escape";

export { checkWorkbookFile, REFUSAL_MESSAGES, type WorkbookRefusal };

/**
 * A cell's value as the text a reader sees, with the apostrophe the portal's own export put before
 * a leading = + - @ (against formula injection, lib/core/formula-escape.ts) taken off again, so a
 * plan downloaded as a workbook and imported back keeps its texts unchanged.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  return unescapeFormulaText(workbookCellText(value));
}

export interface ParseResult {
  workbook: ParsedPlanWorkbook;
  problems: WorkbookProblem[];
  /** Set when the file is refused as a whole: nothing else was read. */
  refusal?: WorkbookRefusal;
}

function validDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoDay(date);
}

/** A date cell: a real spreadsheet date, a day serial, or text YYYY-MM-DD (also / or . as separators). */
export function cellDay(value: ExcelJS.CellValue | undefined): { day: string | null } | { error: true } {
  if (value === null || value === undefined || cellText(value) === "") return { day: null };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { error: true } : { day: isoDay(value) };
  if (typeof value === "object" && ("formula" in value || "sharedFormula" in value))
    return cellDay((value as { result?: ExcelJS.CellValue }).result);
  if (typeof value === "number") {
    // A day serial (1900 date system) saved without a date format.
    if (!Number.isInteger(value) || value < 1 || value > 2958465) return { error: true };
    return { day: isoDay(new Date(Date.UTC(1899, 11, 30) + value * 86_400_000)) };
  }
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cellText(value));
  const day = match ? validDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  return day ? { day } : { error: true };
}

function cellNumber(value: ExcelJS.CellValue | undefined): number | null | "invalid" {
  const text = cellText(value).replace(/[,，]/g, "");
  if (text === "") return null;
  const number = Number(text);
  return /^-?\d+(\.\d+)?$/.test(text) && Number.isFinite(number) ? number : "invalid";
}

function cellYear(value: ExcelJS.CellValue | undefined): number | null | "invalid" {
  const text = cellText(value).replace(/年$/, "");
  if (text === "") return null;
  return /^\d{4}$/.test(text) ? Number(text) : "invalid";
}

function lookup<C extends string>(table: Record<string, C>, word: string): C | null {
  return Object.hasOwn(table, word) ? table[word]! : null;
}

const wordList = (table: Record<string, string>) => Object.keys(table).join("、");

class Reader {
  readonly problems: WorkbookProblem[] = [];
  constructor(private readonly workbook: ExcelJS.Workbook) {}

  problem(sheet: string, row: number | undefined, column: number | undefined, message: string) {
    this.problems.push({
      sheet,
      ...(row === undefined ? {} : { row }),
      ...(column === undefined ? {} : { column: columnLetter(column) }),
      message,
    });
  }

  /** The data rows of a sheet (from row 2, blank rows skipped), after checking its header. */
  rows(name: string, header: readonly string[]): { row: number; cells: ExcelJS.CellValue[] }[] {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) {
      this.problem(name, undefined, undefined, `缺少工作表「${name}」。请使用平台下载的模板。`);
      return [];
    }
    const first = sheet.getRow(1);
    header.forEach((heading, index) => {
      const found = cellText(first.getCell(index + 1).value);
      if (found !== heading) this.problem(name, 1, index + 1, `表头应为「${heading}」${found ? `，实为「${found}」` : ""}。`);
    });
    const rows: { row: number; cells: ExcelJS.CellValue[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells = header.map((_, index) => row.getCell(index + 1).value);
      if (cells.every((value) => cellText(value) === "")) return;
      rows.push({ row: rowNumber, cells });
    });
    return rows;
  }
}

/**
 * Reads a plan workbook (see lib/plans/import/format.ts) and checks everything that can be
 * checked without the portal: required particulars, known words, unique 识别码, parents that
 * exist, numbers unique among siblings, a lead unit for every 工作事项, dates inside the plan's years.
 */
export async function parsePlanWorkbook(bytes: Uint8Array): Promise<ParseResult> {
  const opened = await openWorkbook(bytes);
  if ("refusal" in opened) return refused(opened.refusal);
  const { workbook } = opened;
  const reader = new Reader(workbook);
  const parsed = emptyWorkbook();
  readPlan(reader, parsed);
  readPhases(reader, parsed);
  readItems(reader, parsed);
  readGoals(reader, parsed);
  readTargets(reader, parsed);
  readLinks(reader, parsed);
  return { workbook: parsed, problems: reader.problems };
}

function refused(refusal: WorkbookRefusal): ParseResult {
  return { workbook: emptyWorkbook(), problems: [{ sheet: "文件", message: REFUSAL_MESSAGES[refusal] }], refusal };
}

function readPlan(reader: Reader, parsed: ParsedPlanWorkbook) {
  const sheet = SHEETS.plan;
  const found = new Map<PlanLabel, { row: number; value: ExcelJS.CellValue }>();
  for (const { row, cells } of reader.rows(sheet, PLAN_HEADER)) {
    const label = cellText(cells[0]).replace(/[：:*＊\s]/g, "") as PlanLabel;
    if (!(PLAN_LABELS as readonly string[]).includes(label)) {
      reader.problem(sheet, row, 1, `不认识的项目「${cellText(cells[0])}」，应为：${PLAN_LABELS.join("、")}。`);
      continue;
    }
    if (found.has(label)) reader.problem(sheet, row, 1, `项目「${label}」重复填写。`);
    else found.set(label, { row, value: cells[1] ?? null });
  }
  parsed.plan.labelRows = Object.fromEntries([...found].map(([label, { row }]) => [label, row]));
  const text = (label: PlanLabel) => cellText(found.get(label)?.value);
  const missing = (label: PlanLabel) => reader.problem(sheet, found.get(label)?.row, 2, `缺少「${label}」。`);
  const plan = parsed.plan;
  plan.code = text("规划代码");
  if (!plan.code) missing("规划代码");
  else if (!PLAN_CODE_PATTERN.test(plan.code))
    reader.problem(sheet, found.get("规划代码")?.row, 2, "规划代码只能由小写英文字母、数字和连字符组成，例如 sz-2026-2030。");
  const kindWord = text("规划类型");
  plan.kind = lookup(PLAN_KIND_WORDS, kindWord);
  if (!kindWord) missing("规划类型");
  else if (!plan.kind)
    reader.problem(sheet, found.get("规划类型")?.row, 2, `规划类型「${kindWord}」不正确，应为：${wordList(PLAN_KIND_WORDS)}。`);
  plan.title = text("标题");
  if (!plan.title) missing("标题");
  plan.shortTitle = text("简称") || plan.title;
  plan.issuer = text("发文单位");
  if (!plan.issuer) missing("发文单位");
  plan.documentNumber = text("文号") || null;
  for (const [label, field] of [
    ["印发日期", "signedOn"],
    ["发布日期", "publishedOn"],
  ] as const) {
    const day = cellDay(found.get(label)?.value);
    if ("error" in day) reader.problem(sheet, found.get(label)?.row, 2, `「${label}」无法识别为日期，请填写日期或 YYYY-MM-DD。`);
    else plan[field] = day.day;
  }
  for (const [label, field] of [
    ["起始年度", "startYear"],
    ["截止年度", "endYear"],
  ] as const) {
    const year = cellYear(found.get(label)?.value);
    if (year === null) missing(label);
    else if (year === "invalid") reader.problem(sheet, found.get(label)?.row, 2, `「${label}」应为四位年份，例如 2026。`);
    else plan[field] = year;
  }
  if (plan.startYear !== null && plan.endYear !== null && plan.startYear > plan.endYear)
    reader.problem(sheet, found.get("截止年度")?.row, 2, "截止年度早于起始年度。");
  plan.parentCode = text("上级规划代码") || null;
  plan.district = text("所属区") || null;
  if (plan.kind === "DISTRICT" && !plan.district) reader.problem(sheet, found.get("所属区")?.row, 2, "区实施方案须填写「所属区」。");
  plan.preamble = text("前言") || null;
  plan.source = text("来源") || null;
}

function yearsProblem(parsed: ParsedPlanWorkbook, year: number): boolean {
  const { startYear, endYear } = parsed.plan;
  return startYear !== null && endYear !== null && (year < startYear || year > endYear);
}

function yearSpan(parsed: ParsedPlanWorkbook) {
  return `${parsed.plan.startYear}—${parsed.plan.endYear}`;
}

function readPhases(reader: Reader, parsed: ParsedPlanWorkbook) {
  const sheet = SHEETS.phases;
  const names = new Set<string>();
  for (const { row, cells } of reader.rows(sheet, PHASE_HEADER)) {
    const position = cellNumber(cells[0]);
    const name = cellText(cells[1]);
    const start = cellYear(cells[2]);
    const end = cellYear(cells[3]);
    let ok = true;
    if (position === "invalid" || (position !== null && !Number.isInteger(position))) {
      reader.problem(sheet, row, 1, "序号应为整数。");
      ok = false;
    }
    if (!name) {
      reader.problem(sheet, row, 2, "缺少阶段名称。");
      ok = false;
    } else if (names.has(name)) {
      reader.problem(sheet, row, 2, `阶段名称「${name}」重复。`);
      ok = false;
    }
    for (const [value, column, label] of [
      [start, 3, "起始年度"],
      [end, 4, "截止年度"],
    ] as const) {
      if (typeof value !== "number") {
        reader.problem(sheet, row, column, `「${label}」应为四位年份。`);
        ok = false;
      } else if (yearsProblem(parsed, value)) {
        reader.problem(sheet, row, column, `${label} ${value} 不在规划期 ${yearSpan(parsed)} 之内。`);
        ok = false;
      }
    }
    if (typeof start === "number" && typeof end === "number" && start > end) {
      reader.problem(sheet, row, 4, "截止年度早于起始年度。");
      ok = false;
    }
    names.add(name);
    if (!ok) continue;
    parsed.phases.push({
      row,
      position: typeof position === "number" ? position : parsed.phases.length + 1,
      name,
      startYear: start as number,
      endYear: end as number,
      text: cellText(cells[4]),
    });
  }
  // Positions are unique per plan: renumber in the order given when the sheet repeats or skips one.
  parsed.phases.sort((a, b) => a.position - b.position).forEach((phase, index) => (phase.position = index + 1));
}

function readItems(reader: Reader, parsed: ParsedPlanWorkbook) {
  const sheet = SHEETS.items;
  const rows = reader.rows(sheet, ITEM_HEADER);
  const keys = new Map<string, number>();
  for (const { row, cells } of rows) {
    const text = (index: number) => cellText(cells[index]);
    const key = text(0);
    let ok = true;
    if (!key) {
      reader.problem(sheet, row, 1, "缺少识别码。");
      ok = false;
    } else if (!ITEM_KEY_PATTERN.test(key)) {
      reader.problem(sheet, row, 1, `识别码「${key}」只能由英文字母、数字和 . _ - 组成。`);
      ok = false;
    } else if (keys.has(key)) {
      reader.problem(sheet, row, 1, `识别码「${key}」重复（第 ${keys.get(key)} 行已使用）。`);
      ok = false;
    } else keys.set(key, row);
    const kindWord = text(2);
    const kind = lookup(ITEM_KIND_WORDS, kindWord);
    if (!kind) {
      reader.problem(sheet, row, 3, kindWord ? `层级「${kindWord}」不正确，应为：${wordList(ITEM_KIND_WORDS)}。` : "缺少层级。");
      ok = false;
    }
    const title = text(4);
    if (!title) {
      reader.problem(sheet, row, 5, "缺少标题。");
      ok = false;
    }
    const lead = splitUnitNames(text(7));
    const support = splitUnitNames(text(8));
    if (kind === "WORK_ITEM" && lead.length === 0) {
      reader.problem(sheet, row, 8, "工作事项须填写牵头单位。");
      ok = false;
    }
    for (const name of new Set(lead.filter((name) => support.includes(name))))
      reader.problem(sheet, row, 9, `「${name}」既是牵头单位又是配合单位，请只保留一处。`);
    // A phase of this workbook, or (checked against the portal) of the parent plan.
    const phase = text(9) || null;
    const days: (string | null)[] = [];
    for (const [index, label] of [
      [10, "开始日期"],
      [11, "完成时限"],
    ] as const) {
      const day = cellDay(cells[index]);
      if ("error" in day) {
        reader.problem(sheet, row, index + 1, `「${label}」无法识别为日期，请填写日期或 YYYY-MM-DD。`);
        ok = false;
        days.push(null);
      } else if (day.day && yearsProblem(parsed, Number(day.day.slice(0, 4)))) {
        reader.problem(sheet, row, index + 1, `${label} ${day.day} 不在规划期 ${yearSpan(parsed)} 之内。`);
        ok = false;
        days.push(null);
      } else days.push(day.day);
    }
    if (days[0] && days[1] && days[0] > days[1]) reader.problem(sheet, row, 12, "完成时限早于开始日期。");
    const cycleWord = text(12);
    const cycle = cycleWord ? lookup(CYCLE_WORDS, cycleWord) : null;
    if (cycleWord && !cycle) {
      reader.problem(sheet, row, 13, `报送周期「${cycleWord}」不正确，应为：${wordList(CYCLE_WORDS)}。`);
      ok = false;
    }
    if (!ok && !key) continue;
    parsed.items.push({
      row,
      key,
      parentKey: text(1) || null,
      kind: kind ?? "WORK_ITEM",
      number: text(3) || null,
      title,
      taskStatement: text(5) || null,
      fullText: text(6),
      lead,
      support,
      phase,
      startDate: days[0] ?? null,
      dueDate: days[1] ?? null,
      reportingCycle: cycle,
      note: text(13) || null,
    });
  }
  // Parents: must exist in the workbook, and the tree must not loop.
  const byKey = new Map(parsed.items.map((item) => [item.key, item]));
  for (const item of parsed.items) {
    if (item.parentKey === null) continue;
    if (!byKey.has(item.parentKey)) {
      reader.problem(sheet, item.row, 2, `上级识别码「${item.parentKey}」在「条目」工作表中不存在。`);
      continue;
    }
    const seen = new Set<string>([item.key]);
    for (let parent = byKey.get(item.parentKey); parent; parent = parent.parentKey ? byKey.get(parent.parentKey) : undefined) {
      if (seen.has(parent.key)) {
        reader.problem(sheet, item.row, 2, `上级识别码「${item.parentKey}」形成循环（条目是自己的上级）。`);
        break;
      }
      seen.add(parent.key);
    }
  }
  // Printed numbers are unique among siblings.
  const numbers = new Map<string, ParsedItem>();
  for (const item of parsed.items) {
    if (!item.number) continue;
    const id = `${item.parentKey ?? ""}\u0000${item.number}`;
    const first = numbers.get(id);
    if (first) reader.problem(sheet, item.row, 4, `编号「${item.number}」与第 ${first.row} 行重复（同一上级之下）。`);
    else numbers.set(id, item);
  }
}

function readGoals(reader: Reader, parsed: ParsedPlanWorkbook) {
  const sheet = SHEETS.goals;
  const years = new Map<number, number>();
  for (const { row, cells } of reader.rows(sheet, GOAL_HEADER)) {
    const year = cellYear(cells[0]);
    const text = cellText(cells[1]);
    const value = cellNumber(cells[3]);
    const comparatorWord = cellText(cells[4]);
    const comparator = comparatorWord ? lookup(COMPARATOR_WORDS, comparatorWord) : null;
    let ok = true;
    if (typeof year !== "number") {
      reader.problem(sheet, row, 1, "年度应为四位年份。");
      ok = false;
    } else if (years.has(year)) {
      reader.problem(sheet, row, 1, `年度 ${year} 的目标与第 ${years.get(year)} 行重复，每年一条。`);
      ok = false;
    } else years.set(year, row);
    if (!text) {
      reader.problem(sheet, row, 2, "缺少目标表述。");
      ok = false;
    }
    if (value === "invalid") {
      reader.problem(sheet, row, 4, "目标值应为数字。");
      ok = false;
    }
    if (comparatorWord && !comparator) {
      reader.problem(sheet, row, 5, `比较「${comparatorWord}」不正确，应为：${wordList(COMPARATOR_WORDS)}。`);
      ok = false;
    }
    if (!ok) continue;
    parsed.goals.push({
      row,
      year: year as number,
      text,
      indicatorCode: cellText(cells[2]) || null,
      targetValue: value as number | null,
      comparator,
    });
  }
}

function readTargets(reader: Reader, parsed: ParsedPlanWorkbook) {
  const sheet = SHEETS.indicators;
  const itemKeys = new Set(parsed.items.map((item) => item.key));
  const seen = new Map<string, number>();
  for (const { row, cells } of reader.rows(sheet, INDICATOR_HEADER)) {
    const text = (index: number) => cellText(cells[index]);
    const code = text(0);
    let ok = true;
    if (!code) {
      reader.problem(sheet, row, 1, "缺少指标代码。");
      ok = false;
    } else if (!ITEM_KEY_PATTERN.test(code)) {
      reader.problem(sheet, row, 1, `指标代码「${code}」只能由英文字母、数字和 . _ - 组成。`);
      ok = false;
    }
    const directionWord = text(3);
    const direction = directionWord ? lookup(DIRECTION_WORDS, directionWord) : null;
    if (directionWord && !direction) {
      reader.problem(sheet, row, 4, `方向「${directionWord}」不正确，应为：${wordList(DIRECTION_WORDS)}。`);
      ok = false;
    }
    const itemKey = text(4) || null;
    if (itemKey && !itemKeys.has(itemKey)) {
      reader.problem(sheet, row, 5, `所属条目识别码「${itemKey}」在「条目」工作表中不存在。`);
      ok = false;
    }
    const baselineYear = cellYear(cells[5]);
    if (baselineYear === "invalid") {
      reader.problem(sheet, row, 6, "基线年度应为四位年份。");
      ok = false;
    }
    const baselineValue = cellNumber(cells[6]);
    if (baselineValue === "invalid") {
      reader.problem(sheet, row, 7, "基线值应为数字。");
      ok = false;
    }
    const targetYear = cellYear(cells[8]);
    if (targetYear === "invalid") {
      reader.problem(sheet, row, 9, "目标年度应为四位年份。");
      ok = false;
    } else if (targetYear !== null && yearsProblem(parsed, targetYear)) {
      reader.problem(sheet, row, 9, `目标年度 ${targetYear} 不在规划期 ${yearSpan(parsed)} 之内。`);
      ok = false;
    }
    const targetValue = cellNumber(cells[9]);
    if (targetValue === "invalid") {
      reader.problem(sheet, row, 10, "目标值应为数字。");
      ok = false;
    }
    if ((targetYear === null) !== (targetValue === null)) {
      reader.problem(sheet, row, targetYear === null ? 9 : 10, "目标年度和目标值须同时填写。");
      ok = false;
    }
    const comparatorWord = text(10);
    const comparator = comparatorWord ? lookup(COMPARATOR_WORDS, comparatorWord) : null;
    if (comparatorWord && !comparator) {
      reader.problem(sheet, row, 11, `比较「${comparatorWord}」不正确，应为：${wordList(COMPARATOR_WORDS)}。`);
      ok = false;
    }
    if (code && typeof targetYear === "number") {
      const id = `${code}\u0000${targetYear}`;
      if (seen.has(id)) {
        reader.problem(sheet, row, 9, `指标「${code}」${targetYear} 年的目标与第 ${seen.get(id)} 行重复。`);
        ok = false;
      } else seen.set(id, row);
    }
    if (!ok) continue;
    parsed.targets.push({
      row,
      code,
      name: text(1),
      unit: text(2),
      direction,
      itemKey,
      baselineYear: baselineYear as number | null,
      baselineValue: baselineValue as number | null,
      baselineText: text(7) || null,
      targetYear: targetYear as number | null,
      targetValue: targetValue as number | null,
      comparator,
      targetText: text(11) || null,
    });
  }
}

function readLinks(reader: Reader, parsed: ParsedPlanWorkbook) {
  const sheet = SHEETS.links;
  const itemKeys = new Set(parsed.items.map((item) => item.key));
  for (const { row, cells } of reader.rows(sheet, LINK_HEADER)) {
    const text = (index: number) => cellText(cells[index]);
    const fromKey = text(0);
    const planCode = text(1);
    const toKey = text(2);
    const typeWord = text(3);
    const type = lookup(LINK_TYPE_WORDS, typeWord);
    let ok = true;
    if (!fromKey) {
      reader.problem(sheet, row, 1, "缺少本规划条目识别码。");
      ok = false;
    } else if (!itemKeys.has(fromKey)) {
      reader.problem(sheet, row, 1, `识别码「${fromKey}」在「条目」工作表中不存在。`);
      ok = false;
    }
    if (!planCode) {
      reader.problem(sheet, row, 2, "缺少关联规划代码。");
      ok = false;
    }
    if (!toKey) {
      reader.problem(sheet, row, 3, "缺少关联条目识别码。");
      ok = false;
    }
    if (!type) {
      reader.problem(sheet, row, 4, typeWord ? `关联类型「${typeWord}」不正确，应为：${wordList(LINK_TYPE_WORDS)}。` : "缺少关联类型。");
      ok = false;
    }
    if (!ok) continue;
    parsed.links.push({ row, fromKey, planCode, toKey, type: type!, reason: text(4) });
  }
}
