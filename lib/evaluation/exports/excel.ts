import ExcelJS from "exceljs";
import { escapeFormulaCell } from "@/lib/core/formula-escape";
import { COMPARATOR_TEXT, type Conclusions, type EvaluationFigures } from "@/lib/evaluation/figures";

/**
 * The Excel annex (附件) of a summary evaluation: one sheet per table, every figure the stored
 * version holds, numbers as numbers. Made from a stored version only.
 */
export const ANNEX_SHEETS = {
  overview: "总体情况",
  sections: "各部分",
  measures: "各举措",
  outputs: "量化成果",
  rounds: "分轮次进展",
  measureUnits: "举措单位报送",
  units: "单位报送汇总",
  indicators: "监测指标",
  indicatorPath: "指标目标路径",
  problems: "待解决问题",
  evidence: "佐证材料",
  conclusions: "评估结论",
} as const;

const ROLE_TEXT: Record<string, string> = { LEAD: "牵头", SUPPORT: "配合" };
const STATUS_TEXT = { NOT_STARTED: "未启动", ON_TRACK: "按计划推进", BEHIND: "滞后", COMPLETED: "已完成", BLOCKED: "受阻" } as const;

type Cell = string | number | null;

function addSheet(workbook: ExcelJS.Workbook, title: string, header: string[], rows: Cell[][]) {
  const sheet = workbook.addWorksheet(title, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((text) => ({ width: Math.max(10, Math.min(40, text.length * 2 + 4)) }));
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(escapeFormulaCell)).alignment = { vertical: "top", wrapText: true };
}

export async function buildEvaluationAnnex(input: {
  title: string;
  final: boolean;
  versionNumber: number;
  figures: EvaluationFigures;
  conclusions: Conclusions;
}): Promise<Buffer> {
  const { figures, conclusions } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "深圳市全民科学素质纲要实施管理平台";
  const sectionName = (section: { number: string; title: string }) => `${section.number}${section.title}`;
  const measureName = (measure: { number: string; title: string }) => `${measure.number}${measure.title}`;

  addSheet(
    workbook,
    ANNEX_SHEETS.overview,
    ["项目", "数值"],
    [
      ["评估", input.title],
      ["状态", input.final ? "已定稿" : "草稿"],
      ["版本", input.versionNumber],
      ["方案", figures.plan.title],
      ["数据截至", figures.assembledAt],
      ["含示例数据", figures.demo ? "是" : "否"],
      ["部分数", figures.totals.sectionCount],
      ["举措数", figures.totals.measureCount],
      ["报送轮次", figures.rounds.length],
      ["已审定报告（份）", figures.totals.approvedReports],
      ["开展活动（场次）", figures.totals.eventsHeld],
      ["覆盖（人次）", figures.totals.peopleReached],
      ...figures.totals.outputs.map((output): Cell[] => [`其他量化成果（${output.unit}）`, output.value]),
    ],
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.sections,
    [
      "部分",
      "所属",
      "举措数",
      "牵头单位数",
      "配合单位数",
      "已审定报告（份）",
      "开展活动（场次）",
      "覆盖（人次）",
      "公众评价人次",
      "公众评价平均分",
      "已发布评论",
    ],
    figures.sections.map((section) => [
      sectionName(section),
      section.part,
      section.measureCount,
      section.leadUnits,
      section.supportUnits,
      section.approvedReports,
      section.eventsHeld,
      section.peopleReached,
      section.rating?.count ?? 0,
      section.rating?.average ?? null,
      section.rating?.comments ?? 0,
    ]),
  );
  const measures = figures.sections.flatMap((section) => section.measures.map((measure) => ({ section, measure })));
  addSheet(
    workbook,
    ANNEX_SHEETS.measures,
    ["部分", "举措", "已审定报告（份）", "开展活动（场次）", "覆盖（人次）", "待解决问题（条）", "佐证材料（份）"],
    measures.map(({ section, measure }) => [
      sectionName(section),
      measureName(measure),
      measure.approvedReports,
      measure.eventsHeld,
      measure.peopleReached,
      measure.problemsTotal,
      measure.evidenceTotal,
    ]),
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.outputs,
    ["部分", "举措", "计量单位", "合计"],
    measures.flatMap(({ section, measure }) =>
      measure.outputs.map((output) => [sectionName(section), measureName(measure), output.unit, output.value]),
    ),
  );
  const roundName = new Map(figures.rounds.map((round) => [round.id, round.name]));
  addSheet(
    workbook,
    ANNEX_SHEETS.rounds,
    ["部分", "轮次", "应报送（份）", "已审定（份）", "已审定平均完成度（%）", ...Object.values(STATUS_TEXT), "红灯", "黄灯", "绿灯"],
    figures.sections.flatMap((section) =>
      section.rounds.map((round) => [
        sectionName(section),
        roundName.get(round.roundId) ?? "",
        round.reports,
        round.approved,
        round.averageCompletion,
        ...(Object.keys(STATUS_TEXT) as (keyof typeof STATUS_TEXT)[]).map((key) => round.statuses[key]),
        round.lights.RED,
        round.lights.YELLOW,
        round.lights.GREEN,
      ]),
    ),
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.measureUnits,
    ["部分", "举措", "单位", "职责", "应报送", "按时报送", "逾期报送", "未报送", "已审定", "退回（次）"],
    measures.flatMap(({ section, measure }) =>
      measure.units.map((unit) => [
        sectionName(section),
        measureName(measure),
        unit.name,
        unit.role ? (ROLE_TEXT[unit.role] ?? "") : "",
        unit.owed,
        unit.onTime,
        unit.late,
        unit.notSubmitted,
        unit.approved,
        unit.returned,
      ]),
    ),
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.units,
    ["单位", "应报送", "按时报送", "逾期报送", "未报送", "退回（次）", "提醒（次）", "催办（次）", "督办（次）"],
    figures.units.map((unit) => [
      unit.name,
      unit.owed,
      unit.onTime,
      unit.late,
      unit.notSubmitted,
      unit.returned,
      unit.chases.REMIND,
      unit.chases.URGE,
      unit.chases.SUPERVISE,
    ]),
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.indicators,
    ["指标", "单位", "基线年份", "基线值", "目标年份", "目标", "目标值", "最新值", "最新值年份", "是否达标", "来源", "方法", "示例数据"],
    figures.indicators.map((indicator) => [
      indicator.name,
      indicator.unit,
      indicator.baseline?.year ?? null,
      indicator.baseline?.value ?? null,
      indicator.target?.year ?? null,
      indicator.target ? (indicator.target.text ?? COMPARATOR_TEXT[indicator.target.comparator] ?? "") : "",
      indicator.target?.value ?? null,
      indicator.latest?.value ?? null,
      indicator.latest?.year ?? null,
      indicator.met === null ? "—" : indicator.met ? "已达标" : "未达标",
      indicator.latest?.source ?? "",
      indicator.latest?.method ?? "",
      indicator.latest?.demo ? "是" : "",
    ]),
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.indicatorPath,
    ["指标", "年份", "预期值"],
    figures.indicators.flatMap((indicator) => indicator.expected.map((point) => [indicator.name, point.year, point.value])),
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.problems,
    ["部分", "举措", "单位", "任务", "轮次", "问题", "示例数据"],
    measures.flatMap(({ section, measure }) =>
      measure.problems.map((problem) => [
        sectionName(section),
        measureName(measure),
        problem.unit,
        problem.item,
        problem.round,
        problem.text,
        problem.demo ? "是" : "",
      ]),
    ),
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.evidence,
    ["部分", "举措", "文件名", "单位", "任务", "轮次"],
    measures.flatMap(({ section, measure }) =>
      measure.evidence.map((evidence) => [
        sectionName(section),
        measureName(measure),
        evidence.fileName,
        evidence.unit,
        evidence.item,
        evidence.round,
      ]),
    ),
  );
  addSheet(
    workbook,
    ANNEX_SHEETS.conclusions,
    ["部分", "结论"],
    [
      ["总体", conclusions.overall],
      ...figures.sections.map((section): Cell[] => [sectionName(section), conclusions.sections[String(section.id)] ?? ""]),
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
