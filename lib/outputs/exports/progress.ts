import ExcelJS from "exceljs";
import { formatShanghaiDateTime } from "@/lib/core/time";
import { toCsv, type CsvCell } from "@/lib/core/csv";
import { escapeFormulaCell } from "@/lib/core/formula-escape";

export interface SummaryRow {
  unit: string;
  item: string;
  role: string;
  state: string;
  status: string;
  completion: number | null;
  light: string;
  reason: string;
  submittedAt: Date | null;
  /** What the report says, as the unit wrote it (empty while nothing is saved). */
  workDone: string;
  problems: string;
  nextSteps: string;
  eventsHeld: number | null;
  peopleReached: number | null;
  /** The other numeric outputs, e.g. 科普讲座12场；科普视频30条. */
  outputs: string;
  demo: boolean;
}

export const SUMMARY_HEADER = [
  "序号",
  "单位",
  "任务",
  "职责",
  "报送状态",
  "推进状态",
  "完成度（%）",
  "红黄绿灯",
  "原因",
  "报送时间",
  "工作进展",
  "存在问题",
  "下步计划",
  "举办活动（场）",
  "覆盖人数（人次）",
  "其他量化成果",
  "示例数据",
] as const;

function summaryCells(row: SummaryRow, index: number): CsvCell[] {
  return [
    index + 1,
    row.unit,
    row.item,
    row.role,
    row.state,
    row.status,
    row.completion,
    row.light,
    row.reason,
    row.submittedAt ? formatShanghaiDateTime(row.submittedAt) : "",
    row.workDone,
    row.problems,
    row.nextSteps,
    row.eventsHeld,
    row.peopleReached,
    row.outputs,
    row.demo ? "是" : "",
  ];
}

export interface IndicatorRow {
  name: string;
  unit: string;
  baseline: string;
  target: string;
  values: Record<number, string>;
  source: string;
  demo: boolean;
}

export function indicatorHeader(years: number[]): string[] {
  return ["指标", "单位", "基线", "目标", ...years.map((year) => `${year}年`), "来源与方法", "示例数据"];
}

function indicatorCells(row: IndicatorRow, years: number[]): CsvCell[] {
  return [row.name, row.unit, row.baseline, row.target, ...years.map((year) => row.values[year] ?? ""), row.source, row.demo ? "是" : ""];
}

export const summaryCsv = (rows: SummaryRow[]) => toCsv(SUMMARY_HEADER, rows.map(summaryCells));
export const indicatorCsv = (rows: IndicatorRow[], years: number[]) =>
  toCsv(
    indicatorHeader(years),
    rows.map((row) => indicatorCells(row, years)),
  );

async function sheet(title: string, header: readonly string[], rows: CsvCell[][], widths: number[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "深圳市全民科学素质纲要实施管理平台";
  const worksheet = workbook.addWorksheet(title, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: "frozen", ySplit: 1 }],
  });
  worksheet.columns = header.map((_, index) => ({ width: widths[index] ?? 14 }));
  const head = worksheet.addRow([...header]);
  head.font = { bold: true };
  // Text a spreadsheet would run as a formula is written with an apostrophe in front (as the CSV is).
  for (const row of rows) worksheet.addRow(row.map(escapeFormulaCell)).alignment = { vertical: "top", wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const summaryWorkbook = (rows: SummaryRow[]) =>
  sheet("进展汇总", SUMMARY_HEADER, rows.map(summaryCells), [6, 20, 36, 8, 12, 12, 10, 8, 24, 22, 50, 40, 40, 10, 12, 30, 8]);
export const indicatorWorkbook = (rows: IndicatorRow[], years: number[]) =>
  sheet(
    "指标表",
    indicatorHeader(years),
    rows.map((row) => indicatorCells(row, years)),
    [24, 8, 12, 12, ...years.map(() => 10), 40, 8],
  );
