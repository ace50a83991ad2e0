import { AlignmentType, LineRuleType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import {
  blank,
  buildOfficialDocument,
  body,
  chineseNumeral,
  FONT,
  font,
  heading1,
  heading2,
  SIZE,
  signatureBlock,
  TITLE_STYLE,
} from "@/lib/outputs/exports/official-document";
import { COMPARATOR_TEXT, formatNumber, type Conclusions, type EvaluationFigures } from "@/lib/evaluation/figures";

/**
 * The summary evaluation (总结评估报告) as a Word document in the layout of a Chinese official
 * document, as the round bulletin is (A4, 方正小标宋 title, 黑体/楷体 headings, 三号仿宋 body on a
 * fixed 28.95pt line, "— 1 —" page numbers), without a 文号: title, 总体评估, one part per section
 * with its conclusion and figure tables, the indicators against their targets. Made from a stored
 * version only: what it prints is what the evaluation holds.
 */
export interface EvaluationDocument {
  title: string;
  issuer: string;
  /** 已定稿 date, or the version's date for a draft (marked 草稿). */
  date: string;
  final: boolean;
  versionNumber: number;
  figures: EvaluationFigures;
  conclusions: Conclusions;
}

export const EVALUATION_ISSUER = "深圳市全民科学素质纲要实施工作办公室";
export const DRAFT_MARK = "（草稿）";

/** A figure table: 小四宋体 cells on single lines, header row bold and repeated on each page. */
function table(header: string[], rows: (string | number)[][]): Table {
  const cell = (text: string | number, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          alignment: typeof text === "number" ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [
            new TextRun({ text: typeof text === "number" ? formatNumber(text) : text, bold, font: font(FONT.table), size: SIZE.table }),
          ],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((text) => cell(text, true)) }),
      ...rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
    ],
  });
}

const ROLE_TEXT: Record<string, string> = { LEAD: "牵头", SUPPORT: "配合" };

function content(data: EvaluationDocument): (Paragraph | Table)[] {
  const { figures, conclusions } = data;
  const out: (Paragraph | Table)[] = [new Paragraph({ style: TITLE_STYLE, children: [new TextRun(data.title)] })];
  if (!data.final)
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`${DRAFT_MARK}第${data.versionNumber}版`)] }));
  out.push(blank());
  const roundNames = figures.rounds.map((round) => round.name);
  out.push(
    body(
      `根据${figures.plan.title}的安排，现对${figures.plan.startYear}—${figures.plan.endYear}年实施情况进行总结评估。评估依据为各单位在${roundNames.length}轮进展报送中经审定的报告、监测指标数据和公众评价，数据截至${figures.assembledAt.slice(0, 10)}。`,
    ),
  );

  let part = 0;
  const partHeading = (text: string) => heading1(`${chineseNumeral(++part)}、${text}`);

  out.push(partHeading("总体评估"));
  for (const paragraph of conclusions.overall.split(/\n+/).filter((line) => line.trim())) out.push(body(paragraph.trim()));
  const { totals } = figures;
  out.push(
    table(
      ["部分", "举措", "报送轮次", "已审定报告（份）", "开展活动（场次）", "覆盖（人次）"],
      [[totals.sectionCount, totals.measureCount, figures.rounds.length, totals.approvedReports, totals.eventsHeld, totals.peopleReached]],
    ),
  );
  if (totals.outputs.length) {
    out.push(
      table(
        ["其他量化成果（计量单位）", "合计"],
        totals.outputs.map((output) => [output.unit, output.value]),
      ),
    );
  }

  out.push(partHeading("各部分实施情况"));
  figures.sections.forEach((section, index) => {
    out.push(heading2(`（${chineseNumeral(index + 1)}）${section.title}`));
    const text = conclusions.sections[String(section.id)] ?? "";
    for (const paragraph of text.split(/\n+/).filter((line) => line.trim())) out.push(body(paragraph.trim()));
    out.push(
      table(
        ["举措", "已审定报告（份）", "开展活动（场次）", "覆盖（人次）", "其他量化成果", "待解决问题（条）", "佐证材料（份）"],
        section.measures.map((measure) => [
          `${measure.number}${measure.title}`,
          measure.approvedReports,
          measure.eventsHeld,
          measure.peopleReached,
          measure.outputs.map((output) => `${formatNumber(output.value)}${output.unit}`).join("、"),
          measure.problemsTotal,
          measure.evidenceTotal,
        ]),
      ),
    );
    const units = section.measures.flatMap((measure) =>
      measure.units.map((unit) => [
        `${measure.number}${measure.title}`.slice(0, 30),
        unit.name,
        unit.role ? (ROLE_TEXT[unit.role] ?? "") : "",
        unit.owed,
        unit.onTime,
        unit.late,
        unit.notSubmitted,
        unit.returned,
      ]),
    );
    if (units.length) {
      out.push(body("各单位报送情况："));
      out.push(table(["举措", "单位", "职责", "应报送", "按时", "逾期", "未报送", "退回（次）"], units));
    }
    if (section.rating) {
      out.push(body(`公众评价：${section.rating.count}人次，平均${formatNumber(section.rating.average)}分（满分5分）。`));
    }
  });

  if (figures.indicators.length) {
    out.push(partHeading("监测指标完成情况"));
    out.push(
      table(
        ["指标", "基线", "目标", "最新值", "年份", "是否达标", "来源与方法"],
        figures.indicators.map((indicator) => [
          indicator.name,
          indicator.baseline ? `${indicator.baseline.year}年 ${formatNumber(indicator.baseline.value)}${indicator.unit}` : "—",
          indicator.target
            ? `${indicator.target.year}年 ${COMPARATOR_TEXT[indicator.target.comparator] ?? ""}${formatNumber(indicator.target.value)}${indicator.unit}`
            : "—",
          indicator.latest ? `${formatNumber(indicator.latest.value)}${indicator.unit}${indicator.latest.demo ? "（示例数据）" : ""}` : "—",
          indicator.latest ? indicator.latest.year : "—",
          indicator.met === null ? "—" : indicator.met ? "已达标" : "未达标",
          indicator.latest ? `${indicator.latest.source}；${indicator.latest.method}` : "—",
        ]),
      ),
    );
  }

  out.push(...signatureBlock(data.issuer, data.date));
  return out;
}

export function buildEvaluationDocument(data: EvaluationDocument): Promise<Buffer> {
  return buildOfficialDocument({ title: data.title, issuer: data.issuer, demo: data.figures.demo, children: content(data) });
}
