// The plan workbook: sheet names, column headings and the Chinese words of its drop-downs, shared by
// the parser, the template and the filled workbook of an existing plan. Pure: no database.

export const SHEETS = {
  guide: "说明",
  plan: "规划信息",
  phases: "阶段",
  items: "条目",
  goals: "目标",
  indicators: "指标",
  links: "关联",
  units: "参考_单位",
  referenceItems: "参考_条目",
} as const;

/** The labels of column A of 规划信息, in order. */
export const PLAN_LABELS = [
  "规划代码",
  "规划类型",
  "标题",
  "简称",
  "发文单位",
  "文号",
  "印发日期",
  "发布日期",
  "起始年度",
  "截止年度",
  "上级规划代码",
  "所属区",
  "前言",
  "来源",
] as const;
export type PlanLabel = (typeof PLAN_LABELS)[number];

export const PLAN_HEADER = ["项目", "内容"] as const;
export const PHASE_HEADER = ["序号", "阶段名称", "起始年度", "截止年度", "说明"] as const;
export const ITEM_HEADER = [
  "识别码",
  "上级识别码",
  "层级",
  "编号",
  "标题",
  "任务表述",
  "全文",
  "牵头单位",
  "配合单位",
  "阶段",
  "开始日期",
  "完成时限",
  "报送周期",
  "备注",
] as const;
export const GOAL_HEADER = ["年度", "目标表述", "指标代码", "目标值", "比较"] as const;
export const INDICATOR_HEADER = [
  "指标代码",
  "指标名称",
  "计量单位",
  "方向",
  "所属条目识别码",
  "基线年度",
  "基线值",
  "基线表述",
  "目标年度",
  "目标值",
  "比较",
  "目标原文",
] as const;
export const LINK_HEADER = ["本规划条目识别码", "关联规划代码", "关联条目识别码", "关联类型", "理由"] as const;
export const UNIT_REFERENCE_HEADER = ["单位名称", "单位全称", "类型"] as const;
export const ITEM_REFERENCE_HEADER = ["规划代码", "规划标题", "识别码", "编号", "标题"] as const;

export const PLAN_KIND_WORDS = { 总体方案: "MASTER", 年度工作要点: "ANNUAL", 区实施方案: "DISTRICT" } as const;
export const ITEM_KIND_WORDS = {
  部分: "PART",
  任务: "SECTION",
  措施: "MEASURE",
  保障措施: "SAFEGUARD",
  工作事项: "WORK_ITEM",
  专栏: "COLUMN",
} as const;
export const CYCLE_WORDS = { 月度: "MONTHLY", 季度: "QUARTERLY", 半年: "HALF_YEARLY", 年度: "ANNUAL" } as const;
export const DIRECTION_WORDS = { 越高越好: "HIGHER_IS_BETTER", 越低越好: "LOWER_IS_BETTER" } as const;
export const COMPARATOR_WORDS = { 超过: "GT", 不低于: "GTE", 不高于: "LTE" } as const;
export const LINK_TYPE_WORDS = { 服务于: "SERVES", 承接自: "CARRIED_OVER" } as const;

export type PlanKindCode = (typeof PLAN_KIND_WORDS)[keyof typeof PLAN_KIND_WORDS];
export type ItemKindCode = (typeof ITEM_KIND_WORDS)[keyof typeof ITEM_KIND_WORDS];
export type CycleCode = (typeof CYCLE_WORDS)[keyof typeof CYCLE_WORDS];
export type DirectionCode = (typeof DIRECTION_WORDS)[keyof typeof DIRECTION_WORDS];
export type ComparatorCode = (typeof COMPARATOR_WORDS)[keyof typeof COMPARATOR_WORDS];
export type LinkTypeCode = (typeof LINK_TYPE_WORDS)[keyof typeof LINK_TYPE_WORDS];

/** The word a code is written as in the workbook (the reverse of a *_WORDS table). */
export function wordFor<C extends string>(table: Record<string, C>, code: C | null | undefined): string {
  if (!code) return "";
  return Object.entries(table).find(([, value]) => value === code)?.[0] ?? "";
}

/** Unit names in a 牵头单位 / 配合单位 cell are separated by 、 ， , ; ； or line breaks. */
export function splitUnitNames(cell: string): string[] {
  return cell
    .split(/[、，,;；\n\r]+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

export { MAX_SHEET_ROWS, MAX_WORKBOOK_BYTES } from "@/lib/core/files/workbook";
export const PLAN_CODE_PATTERN = /^[a-z0-9-]+$/;
export const ITEM_KEY_PATTERN = /^[A-Za-z0-9._-]+$/;
