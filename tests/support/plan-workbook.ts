import ExcelJS from "exceljs";

// Plan workbooks for tests, written with exceljs straight from the contract (sheet names and
// headings spelled out here, not taken from the code under test).

export type Cell = string | number | Date | null;

export interface WorkbookSpec {
  plan: Record<string, Cell>;
  phases: Cell[][];
  items: Cell[][];
  goals: Cell[][];
  indicators: Cell[][];
  links: Cell[][];
}

export const HEADERS = {
  说明: ["项目", "说明"],
  规划信息: ["项目", "内容"],
  阶段: ["序号", "阶段名称", "起始年度", "截止年度", "说明"],
  条目: [
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
  ],
  目标: ["年度", "目标表述", "指标代码", "目标值", "比较"],
  指标: [
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
  ],
  关联: ["本规划条目识别码", "关联规划代码", "关联条目识别码", "关联类型", "理由"],
} as const;

/** A small valid plan: two sections, measures and work items, a goal, a new indicator and a literacy target, a link. */
export function smallPlan(code = "demo-2026-2030", overrides: Partial<WorkbookSpec> = {}): WorkbookSpec {
  return {
    plan: {
      规划代码: code,
      规划类型: "总体方案",
      标题: "示例：深圳市全民科学素质行动实施方案（2026—2030年）",
      简称: "示例实施方案",
      发文单位: "深圳市人民政府",
      文号: "示例〔2026〕1号",
      印发日期: new Date(Date.UTC(2026, 2, 1)),
      起始年度: 2026,
      截止年度: 2030,
      上级规划代码: "",
      所属区: "",
      前言: "",
      来源: "测试工作簿",
    },
    phases: [
      [1, "启动实施", 2026, 2026, "制定方案"],
      [2, "深入实施", 2027, 2030, "全面推进"],
    ],
    items: [
      [
        "s1",
        "",
        "任务",
        "（一）",
        "实施青少年科学素质提升行动",
        "激发青少年好奇心。",
        "",
        "市教育局",
        "市科协、团市委",
        "",
        null,
        null,
        "",
        "",
      ],
      ["s1.m1", "s1", "措施", "", "建设科学教育体系", "", "推进科学教育。", "", "", "深入实施", null, null, "", ""],
      [
        "s1.m1.w1",
        "s1.m1",
        "工作事项",
        "1.",
        "举办青少年科技节",
        "",
        "每年举办一次。",
        "市教育局",
        "市科协",
        "深入实施",
        "2027-01-01",
        new Date(Date.UTC(2027, 11, 31)),
        "季度",
        "",
      ],
      ["s2", "", "任务", "（二）", "实施老年人科学素质提升行动", "", "", "市卫生健康委", "", "", null, null, "", ""],
      ["s2.w1", "s2", "工作事项", "1.", "开展老年人健康科普", "", "", "市卫生健康委", "市科协", "", null, "2028-06-30", "半年", ""],
    ],
    goals: [[2030, "公民具备科学素质的比例超过30%", "literacy-rate", 30, "超过"]],
    indicators: [
      ["literacy-rate", "公民具备科学素质的比例", "%", "越高越好", "", null, null, "", 2030, 30, "超过", "超过30%"],
      ["demo-venues", "示例：科普场馆数量", "个", "越高越好", "s1", 2025, 40, "40个", 2030, 50, "不低于", "达到50个以上"],
    ],
    links: [["s1.m1.w1", "sz-2022-2025", "youth.m1", "服务于", "承接青少年科学教育措施"]],
    ...overrides,
  };
}

/** The workbook as an office suite would hold it: 说明 first, then the sheets of the contract in order. */
export async function writeWorkbook(spec: WorkbookSpec, extra?: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: keyof typeof HEADERS, rows: Cell[][]) => {
    const added = workbook.addWorksheet(name);
    added.addRow([...HEADERS[name]]);
    for (const row of rows) added.addRow(row);
    return added;
  };
  sheet("说明", [["说明", "测试"]]);
  sheet(
    "规划信息",
    Object.entries(spec.plan).map(([label, value]) => [label, value]),
  );
  sheet("阶段", spec.phases);
  sheet("条目", spec.items);
  sheet("目标", spec.goals);
  sheet("指标", spec.indicators);
  sheet("关联", spec.links);
  extra?.(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
