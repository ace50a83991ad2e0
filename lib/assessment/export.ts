import ExcelJS from "exceljs";
import { escapeFormulaCell } from "@/lib/core/formula-escape";
import { WEIGHT_KEYS, WEIGHT_LABELS, type AssessmentRules, type ScoreLine } from "@/lib/assessment/rules";

interface ExportRow {
  unitName: string;
  score: number;
  rank: number;
  lines: ScoreLine[];
}

export const ASSESSMENT_HEADER = [
  "排名",
  "单位",
  "总分",
  ...WEIGHT_KEYS.map((key) => `${WEIGHT_LABELS[key]}（得分）`),
  "计算过程",
] as const;

/**
 * 年度考核 as .xlsx: the ranked table with each part's points and the calculation line by line,
 * then a sheet with the rules used. Text a spreadsheet would run as a formula is escaped.
 */
export async function assessmentWorkbook(year: number, status: "DRAFT" | "FINAL", rules: AssessmentRules, rows: ExportRow[]) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "深圳市全民科学素质纲要实施管理平台";
  const sheet = workbook.addWorksheet(`${year}年度考核`, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [8, 24, 10, 14, 16, 14, 14, 90].map((width) => ({ width }));
  sheet.addRow([...ASSESSMENT_HEADER]).font = { bold: true };
  for (const row of rows) {
    const points = WEIGHT_KEYS.map((key) => row.lines.find((line) => line.key === key)?.points ?? null);
    sheet.addRow(
      [row.rank, row.unitName, row.score, ...points, row.lines.map((line) => line.text).join("\n")].map(escapeFormulaCell),
    ).alignment = { vertical: "top", wrapText: true };
  }
  const rulesSheet = workbook.addWorksheet("评分规则");
  rulesSheet.columns = [{ width: 28 }, { width: 14 }];
  rulesSheet.addRow(["项目", "权重 / 数值"]).font = { bold: true };
  for (const key of WEIGHT_KEYS) rulesSheet.addRow([WEIGHT_LABELS[key], rules.weights[key]]);
  rulesSheet.addRow(["每次被催办扣分", rules.chasePenalty]);
  rulesSheet.addRow(["状态", status === "FINAL" ? "已定稿（结果已冻结）" : "草稿"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
