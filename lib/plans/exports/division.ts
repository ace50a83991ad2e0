import ExcelJS from "exceljs";
import { shanghaiDate } from "@/lib/core/time";
import type { DivisionRow } from "@/lib/plans/server/plans";
import { toCsv } from "@/lib/core/csv";
import { escapeFormulaCell } from "@/lib/core/formula-escape";

/** The column headings of the 工作分工表, in both outputs. */
export const DIVISION_HEADER = ["序号", "规划", "章节", "编号", "任务", "牵头单位", "配合单位", "完成时限", "本单位职责", "备注"] as const;

const ROLE_LABEL = { LEAD: "牵头", SUPPORT: "配合" } as const;

function cells(row: DivisionRow, index: number) {
  return [
    index + 1,
    row.plan,
    row.section,
    row.number,
    row.title,
    row.lead.join("、"),
    row.support.join("、"),
    row.dueDate ? shanghaiDate(row.dueDate) : "",
    row.unitRole ? ROLE_LABEL[row.unitRole] : "",
    row.notes.join("；"),
  ];
}

export function divisionCsv(rows: DivisionRow[]): string {
  return toCsv(DIVISION_HEADER, rows.map(cells));
}

/** Which plans a division export covers, stated in the file. */
export interface DivisionCoverage {
  /** The titles of the plans the filter admits. */
  plans: string[];
  /** Whether the district plans were asked for (含各区实施方案). */
  districts: boolean;
}

/** The 说明 sheet's lines: the plans covered, and whether district plans are in. */
export function coverageLines(coverage: DivisionCoverage): string[][] {
  return [
    ["涵盖规划", coverage.plans.join("\n")],
    ["含各区实施方案", coverage.districts ? "是" : "否"],
  ];
}

/**
 * An .xlsx laid out for printing: title row, frozen header, wrapped text, A4 landscape; with a
 * coverage, a second sheet 说明 names the plans it covers.
 */
export async function divisionWorkbook(rows: DivisionRow[], title: string, coverage?: DivisionCoverage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "深圳市全民科学素质纲要实施管理平台";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet("工作分工表", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: "frozen", ySplit: 2 }],
  });
  sheet.columns = [
    { width: 6 },
    { width: 20 },
    { width: 28 },
    { width: 8 },
    { width: 40 },
    { width: 28 },
    { width: 40 },
    { width: 12 },
    { width: 10 },
    { width: 30 },
  ];
  sheet.mergeCells(1, 1, 1, DIVISION_HEADER.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = escapeFormulaCell(title);
  titleCell.font = { bold: true, size: 14 };
  titleCell.alignment = { horizontal: "center" };
  const header = sheet.addRow([...DIVISION_HEADER]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E8FF" } };
    cell.border = { bottom: { style: "thin" } };
  });
  rows.forEach((row, index) => {
    // Text a spreadsheet would run as a formula is written with an apostrophe in front (as the CSV is).
    const added = sheet.addRow(cells(row, index).map(escapeFormulaCell));
    added.alignment = { vertical: "top", wrapText: true };
  });
  sheet.pageSetup.printTitlesRow = "2:2";
  if (coverage) {
    const notes = workbook.addWorksheet("说明");
    notes.columns = [{ width: 16 }, { width: 60 }];
    for (const line of coverageLines(coverage)) notes.addRow(line.map(escapeFormulaCell)).alignment = { vertical: "top", wrapText: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
