import { AlignmentType, Paragraph, TextRun } from "docx";
import { blank, buildOfficialDocument, body, chineseNumeral, heading1, heading2, signatureBlock, TITLE_STYLE } from "./official-document";

export { chineseNumeral, DEMO_HEADER_TEXT } from "./official-document";

/**
 * The 进展通报 as a Word document laid out the way a Chinese official document (公文, GB/T 9704)
 * is: A4, 三号仿宋 body on a fixed 28.95pt line, 黑体 and 楷体 headings, 方正小标宋 title and
 * "— 1 —" page numbers.
 */
export interface BulletinData {
  title: string;
  issuer: string;
  /** 发文字号; "" leaves the line out. */
  documentNumber: string;
  /** 期号 such as 第3期, under the title; "" leaves the line out. */
  issueNumber: string;
  date: string;
  roundName: string;
  headline: { label: string; value: string }[];
  literacySentence: string;
  sections: { heading: string; paragraphs: string[] }[];
  /** 工作亮点 from approved reports; an empty list leaves the part out (the later parts move up). */
  highlights: { heading: string; paragraphs: string[] }[];
  lateUnits: { unit: string; detail: string }[];
  nextSteps: string[];
  /** Marks every page as sample data, so a demo export can't pass for a real bulletin. */
  demo: boolean;
}

export const ADDRESSEE = "各区人民政府，市有关单位：";
export const NO_LATE_UNITS = "本轮无逾期未报送单位。";

/** Ends free text with a full stop unless the writer already closed the sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[。；！？：]$/.test(trimmed) ? trimmed : `${trimmed}。`;
}

function headlineSentence(headline: BulletinData["headline"]): string {
  if (headline.length === 0) return "";
  return `${headline.map(({ label, value }) => `${label}：${value}`).join("；")}。`;
}

function content(data: BulletinData): Paragraph[] {
  const out: Paragraph[] = [new Paragraph({ style: TITLE_STYLE, children: [new TextRun(data.title)] })];
  if (data.issueNumber) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(data.issueNumber)] }));
  }
  if (data.documentNumber) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(data.documentNumber)] }));
  }
  // 公文 leave one empty line between the title block and the 主送机关.
  out.push(blank());
  out.push(new Paragraph({ children: [new TextRun(ADDRESSEE)] }));
  out.push(body(`根据全民科学素质行动规划纲要实施工作安排，现将${data.roundName}有关情况通报如下：`));

  // Parts are numbered as they come: 工作亮点 is left out when there are none.
  let part = 0;
  const partHeading = (text: string) => heading1(`${chineseNumeral(++part)}、${text}`);

  out.push(partHeading("总体情况"));
  const overview = [headlineSentence(data.headline), data.literacySentence.trim()].filter(Boolean).join("");
  if (overview) out.push(body(overview));

  out.push(partHeading("各重点任务进展"));
  data.sections.forEach((section, index) => {
    out.push(heading2(`（${chineseNumeral(index + 1)}）${section.heading}`));
    for (const paragraph of section.paragraphs) out.push(body(paragraph));
  });

  if (data.highlights.length > 0) {
    out.push(partHeading("工作亮点"));
    data.highlights.forEach((highlight, index) => {
      out.push(heading2(`（${chineseNumeral(index + 1)}）${highlight.heading}`));
      for (const paragraph of highlight.paragraphs) out.push(body(sentence(paragraph)));
    });
  }

  out.push(partHeading("报送滞后单位"));
  if (data.lateUnits.length === 0) out.push(body(NO_LATE_UNITS));
  for (const late of data.lateUnits) out.push(body(sentence(`${late.unit}：${late.detail}`)));

  out.push(partHeading("下步工作"));
  data.nextSteps.forEach((step, index) => out.push(body(`${index + 1}. ${sentence(step)}`)));

  out.push(...signatureBlock(data.issuer, data.date));
  return out;
}

export function buildBulletin(data: BulletinData): Promise<Buffer> {
  return buildOfficialDocument({ title: data.title, issuer: data.issuer, demo: data.demo, children: content(data) });
}
