import ExcelJS from "exceljs";
import {
  COMPARATOR_WORDS,
  CYCLE_WORDS,
  DIRECTION_WORDS,
  GOAL_HEADER,
  INDICATOR_HEADER,
  ITEM_HEADER,
  ITEM_KIND_WORDS,
  ITEM_REFERENCE_HEADER,
  LINK_HEADER,
  LINK_TYPE_WORDS,
  MAX_SHEET_ROWS,
  PHASE_HEADER,
  PLAN_HEADER,
  PLAN_KIND_WORDS,
  PLAN_LABELS,
  SHEETS,
  UNIT_REFERENCE_HEADER,
  wordFor,
  type PlanLabel,
} from "./format";
import type { ParsedPlanWorkbook } from "./types";
import { escapeFormulaCell } from "@/lib/core/formula-escape";

export interface TemplateInput {
  /** Current (not deactivated) units, for 参考_单位. */
  units: { name: string; fullName: string; typeLabel: string }[];
  /** Items of published plans, for 参考_条目. */
  referenceItems: { planCode: string; planTitle: string; key: string; number: string | null; title: string }[];
  /** An existing plan, filled in: the workbook CAST edits offline and imports as the new version. */
  plan?: ParsedPlanWorkbook;
}

/** What 说明 says about each sheet and column. */
const GUIDE: [string, string][] = [
  ["本工作簿用于向平台导入一份规划（或已有规划的新版本）。", ""],
  [
    "填写规则",
    "第 1 行为表头，请勿修改；从第 2 行起每行一条记录，空行会被忽略。带下拉箭头的列请从下拉列表中选择。单位名称须与「参考_单位」工作表一致；多个单位用顿号「、」分隔。日期填写为日期格式或 YYYY-MM-DD 文本，须在起始年度至截止年度之内。每个工作表不超过 5,000 行，文件不超过 10 MB，请保存为 .xlsx（不要保存为含宏的 .xlsm）。",
  ],
  [SHEETS.plan, "规划的基本信息，A 列为项目名称，B 列填写内容。"],
  ["规划代码", "平台内唯一的代码，只能用小写英文字母、数字和连字符，例如 sz-2026-2030、futian-2026。导入新版本时须与原规划一致。"],
  ["规划类型", "总体方案、年度工作要点或区实施方案。"],
  ["标题 / 简称", "规划全称（按原文）和简称；简称可空，空时用标题。标题以「示例」开头的规划标记为示例数据。"],
  ["发文单位 / 文号", "印发单位和文号，例如 深圳市人民政府、深府函〔2022〕14号。文号可空。"],
  ["印发日期 / 发布日期", "可空。"],
  ["起始年度 / 截止年度", "规划期，四位年份。"],
  ["上级规划代码", "年度工作要点或区实施方案所依据的总体方案的规划代码，可空。"],
  ["所属区", "区实施方案须填写，为区人民政府的单位名称，例如 福田区。区联络员只能导入本区的实施方案。"],
  ["前言 / 来源", "规划的前言段落和来源文件名，可空。"],
  [SHEETS.phases, "进度安排：序号、阶段名称、起始年度、截止年度、说明。"],
  [SHEETS.items, "规划的条目，按树形结构逐行填写，同一上级之下按行的先后排序。"],
  [
    "识别码（A）",
    "必填，工作簿内唯一，只能用英文字母、数字和 . _ -。导入新版本时按识别码对应原有条目：识别码不变的条目保留其报送记录、修订记录和关联。",
  ],
  ["上级识别码（B）", "上级条目的识别码；空表示顶层条目。"],
  ["层级（C）", "部分、任务、措施、保障措施、工作事项或专栏。"],
  ["编号（D）", "原文编号，例如 三、 （一） 1. 专栏11；同一上级之下不能重复，可空。"],
  ["标题 / 任务表述 / 全文（E–G）", "标题必填；任务表述为「任务」层级的任务句；全文为原文段落。"],
  [
    "牵头单位 / 配合单位（H–I）",
    "工作事项必须有牵头单位；措施可不填（沿用所属任务的分工）。单位名称按原文填写，平台记录原文名称并对应到现有单位（含更名前的名称）。",
  ],
  ["阶段（J）", "「阶段」工作表中的阶段名称，可空。"],
  ["开始日期 / 完成时限（K–L）", "可空；须在规划期之内。"],
  ["报送周期（M）", "月度、季度、半年或年度，可空。"],
  ["备注（N）", "关于原文的说明，可空。"],
  [SHEETS.goals, "规划目标：年度、目标表述，可关联指标代码、目标值和比较（超过、不低于、不高于）。每年一条。"],
  [
    SHEETS.indicators,
    "指标及其目标，每个目标一行；同一指标有多个目标时重复填写指标代码。平台已有的指标代码（如 literacy-rate）会把本规划的目标加入同一指标序列。新指标须填写名称和计量单位。方向为越高越好或越低越好。",
  ],
  [
    SHEETS.links,
    "本规划条目与其他规划条目的关联：关联规划代码和关联条目识别码见「参考_条目」工作表；关联类型为服务于或承接自；理由写明为什么关联。",
  ],
  [SHEETS.units, "平台现有单位（不含已撤销的单位），供填写时对照，导入时不读取。"],
  [SHEETS.referenceItems, "已发布规划的条目（规划代码、识别码、编号、标题），供填写关联时对照，导入时不读取。"],
];

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E8FF" } };

function addSheet(workbook: ExcelJS.Workbook, name: string, header: readonly string[], widths: number[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((heading, index) => ({ header: heading, width: widths[index] ?? 14 }));
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: "thin" } };
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  return sheet;
}

function dropDown(sheet: ExcelJS.Worksheet, column: string, words: Record<string, string>, title: string) {
  // exceljs keeps range validations in `dataValidations` (not in its type declarations).
  (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
    `${column}2:${column}${MAX_SHEET_ROWS + 1}`,
    {
      type: "list",
      allowBlank: true,
      formulae: [`"${Object.keys(words).join(",")}"`],
      showErrorMessage: true,
      errorStyle: "error",
      errorTitle: title,
      error: `请从下拉列表中选择：${Object.keys(words).join("、")}`,
    },
  );
}

function wrapRows(sheet: ExcelJS.Worksheet) {
  sheet.eachRow((row, number) => {
    if (number > 1) row.alignment = { vertical: "top", wrapText: true };
  });
}

/**
 * Adds a row with every text cell escaped against formula injection (an apostrophe before a leading
 * = + - @): the plan import's reader takes it off again (./parse.ts), so a plan round-trips unchanged.
 */
function addEscapedRow(sheet: ExcelJS.Worksheet, values: unknown[]) {
  return sheet.addRow(values.map(escapeFormulaCell));
}

const day = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null);

/** The plan workbook: the empty template, or an existing plan filled in. Pure: everything comes in as lists. */
export async function buildPlanWorkbook(input: TemplateInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "深圳市全民科学素质纲要实施管理平台";
  workbook.created = new Date();
  const plan = input.plan;

  const guide = addSheet(workbook, SHEETS.guide, ["项目", "说明"], [26, 110]);
  for (const line of GUIDE) addEscapedRow(guide, line);
  wrapRows(guide);

  const info = addSheet(workbook, SHEETS.plan, PLAN_HEADER, [16, 80]);
  const values: Record<PlanLabel, string | number | Date | null> = {
    规划代码: plan?.plan.code ?? "",
    规划类型: plan ? wordFor(PLAN_KIND_WORDS, plan.plan.kind) : "",
    标题: plan?.plan.title ?? "",
    简称: plan?.plan.shortTitle ?? "",
    发文单位: plan?.plan.issuer ?? "",
    文号: plan?.plan.documentNumber ?? "",
    印发日期: day(plan?.plan.signedOn ?? null),
    发布日期: day(plan?.plan.publishedOn ?? null),
    起始年度: plan?.plan.startYear ?? null,
    截止年度: plan?.plan.endYear ?? null,
    上级规划代码: plan?.plan.parentCode ?? "",
    所属区: plan?.plan.district ?? "",
    前言: plan?.plan.preamble ?? "",
    来源: plan?.plan.source ?? "",
  };
  for (const label of PLAN_LABELS) addEscapedRow(info, [label, values[label]]);
  for (const label of ["印发日期", "发布日期"] as const) info.getCell(PLAN_LABELS.indexOf(label) + 2, 2).numFmt = "yyyy-mm-dd";
  for (const label of ["起始年度", "截止年度"] as const) info.getCell(PLAN_LABELS.indexOf(label) + 2, 2).numFmt = "0";
  info.getCell(PLAN_LABELS.indexOf("规划类型") + 2, 2).dataValidation = {
    type: "list",
    allowBlank: true,
    formulae: [`"${Object.keys(PLAN_KIND_WORDS).join(",")}"`],
  };
  wrapRows(info);

  const phases = addSheet(workbook, SHEETS.phases, PHASE_HEADER, [8, 20, 10, 10, 60]);
  for (const phase of plan?.phases ?? []) addEscapedRow(phases, [phase.position, phase.name, phase.startYear, phase.endYear, phase.text]);
  wrapRows(phases);

  const items = addSheet(workbook, SHEETS.items, ITEM_HEADER, [16, 16, 10, 10, 36, 30, 60, 24, 30, 14, 12, 12, 10, 24]);
  for (const item of plan?.items ?? []) {
    addEscapedRow(items, [
      item.key,
      item.parentKey ?? "",
      wordFor(ITEM_KIND_WORDS, item.kind),
      item.number ?? "",
      item.title,
      item.taskStatement ?? "",
      item.fullText,
      item.lead.join("、"),
      item.support.join("、"),
      item.phase ?? "",
      day(item.startDate),
      day(item.dueDate),
      wordFor(CYCLE_WORDS, item.reportingCycle),
      item.note ?? "",
    ]);
  }
  items.getColumn(11).numFmt = "yyyy-mm-dd";
  items.getColumn(12).numFmt = "yyyy-mm-dd";
  dropDown(items, "C", ITEM_KIND_WORDS, "层级");
  dropDown(items, "M", CYCLE_WORDS, "报送周期");
  wrapRows(items);

  const goals = addSheet(workbook, SHEETS.goals, GOAL_HEADER, [8, 60, 16, 10, 10]);
  for (const goal of plan?.goals ?? [])
    addEscapedRow(goals, [goal.year, goal.text, goal.indicatorCode ?? "", goal.targetValue, wordFor(COMPARATOR_WORDS, goal.comparator)]);
  dropDown(goals, "E", COMPARATOR_WORDS, "比较");
  wrapRows(goals);

  const indicators = addSheet(workbook, SHEETS.indicators, INDICATOR_HEADER, [16, 24, 10, 12, 16, 10, 10, 30, 10, 10, 10, 30]);
  for (const target of plan?.targets ?? []) {
    addEscapedRow(indicators, [
      target.code,
      target.name,
      target.unit,
      wordFor(DIRECTION_WORDS, target.direction),
      target.itemKey ?? "",
      target.baselineYear,
      target.baselineValue,
      target.baselineText ?? "",
      target.targetYear,
      target.targetValue,
      wordFor(COMPARATOR_WORDS, target.comparator),
      target.targetText ?? "",
    ]);
  }
  dropDown(indicators, "D", DIRECTION_WORDS, "方向");
  dropDown(indicators, "K", COMPARATOR_WORDS, "比较");
  wrapRows(indicators);

  const links = addSheet(workbook, SHEETS.links, LINK_HEADER, [18, 18, 18, 10, 60]);
  for (const link of plan?.links ?? [])
    addEscapedRow(links, [link.fromKey, link.planCode, link.toKey, wordFor(LINK_TYPE_WORDS, link.type), link.reason]);
  dropDown(links, "D", LINK_TYPE_WORDS, "关联类型");
  wrapRows(links);

  const units = addSheet(workbook, SHEETS.units, UNIT_REFERENCE_HEADER, [20, 40, 20]);
  for (const unit of input.units) addEscapedRow(units, [unit.name, unit.fullName, unit.typeLabel]);

  const reference = addSheet(workbook, SHEETS.referenceItems, ITEM_REFERENCE_HEADER, [16, 40, 16, 10, 50]);
  for (const item of input.referenceItems)
    addEscapedRow(reference, [item.planCode, item.planTitle, item.key, item.number ?? "", item.title]);
  wrapRows(reference);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
