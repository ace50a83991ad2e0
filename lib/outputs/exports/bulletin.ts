import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IFontAttributesProperties,
} from "docx";

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

export const DEMO_HEADER_TEXT = "示例数据（非真实数据）";
export const ADDRESSEE = "各区人民政府，市有关单位：";
export const NO_LATE_UNITS = "本轮无逾期未报送单位。";

const FONT = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  // GB/T 9704 sets page numbers in 4号半角宋体.
  pageNumber: "宋体",
} as const;

// Sizes are in half-points, as docx (and WordprocessingML) takes them.
const SIZE = { title: 44, body: 32, pageNumber: 28, header: 21 } as const;

// Twips (1/20 pt, 1440 per inch). A4 is given exactly rather than as "210mm" so the page
// size matches what Word itself writes for A4.
const A4 = { width: 11906, height: 16838 } as const;
const mm = (value: number) => Math.round((value / 25.4) * 1440);
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(20) } as const;

// 28.95pt fixed lines give the 22 lines a page that 公文 are set to.
const BODY_LINE = { line: 579, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
// Two characters of 三号 text; firstLineChars is what Word and WPS use, firstLine is the fallback.
const INDENT_TWO_CHARS = { firstLineChars: 200, firstLine: 640 } as const;

const BODY_STYLE = "GongwenBody";
const TITLE_STYLE = "GongwenTitle";

/**
 * One font for every character set. `hint: eastAsia` makes Word and WPS set the ambiguous
 * punctuation (：；“”—) in the Chinese font too, instead of a Latin one.
 */
function font(name: string): IFontAttributesProperties {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: "eastAsia" };
}

const CHINESE_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一; enough for any list a bulletin carries. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = CHINESE_DIGITS[n % 10] ?? "";
  if (tens === 0) return ones;
  return `${tens === 1 ? "" : (CHINESE_DIGITS[tens] ?? "")}十${ones}`;
}

/** Ends free text with a full stop unless the writer already closed the sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[。；！？：]$/.test(trimmed) ? trimmed : `${trimmed}。`;
}

function body(text: string): Paragraph {
  return new Paragraph({ style: BODY_STYLE, children: [new TextRun(text)] });
}

function blank(): Paragraph {
  return new Paragraph({ children: [] });
}

function heading1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
}

function heading2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

function rightAligned(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(text)] });
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

  // Two empty lines separate the body from the signature block.
  out.push(blank(), blank());
  out.push(rightAligned(data.issuer));
  out.push(rightAligned(data.date));
  return out;
}

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0 },
        children: [
          new TextRun({
            children: ["— ", PageNumber.CURRENT, " —"],
            font: font(FONT.pageNumber),
            size: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  });
}

function demoHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 0 },
        children: [new TextRun({ text: DEMO_HEADER_TEXT, bold: true, color: "C00000", size: SIZE.header })],
      }),
    ],
  });
}

export async function buildBulletin(data: BulletinData): Promise<Buffer> {
  const document = new Document({
    title: data.title,
    creator: data.issuer,
    lastModifiedBy: data.issuer,
    styles: {
      default: {
        document: {
          run: {
            font: font(FONT.body),
            size: SIZE.body,
            // What a Chinese-locale Word writes: Latin text stays en-US, Chinese is zh-CN.
            language: { value: "en-US", eastAsia: "zh-CN" },
          },
          paragraph: { spacing: BODY_LINE },
        },
        // Word's own heading styles, restyled, so the headings still show in the navigation pane.
        heading1: {
          next: BODY_STYLE,
          run: { font: font(FONT.heading1), size: SIZE.body, color: "000000" },
          paragraph: { spacing: BODY_LINE, indent: INDENT_TWO_CHARS, keepNext: true, outlineLevel: 0 },
        },
        heading2: {
          next: BODY_STYLE,
          run: { font: font(FONT.heading2), size: SIZE.body, color: "000000" },
          paragraph: { spacing: BODY_LINE, indent: INDENT_TWO_CHARS, keepNext: true, outlineLevel: 1 },
        },
      },
      paragraphStyles: [
        {
          id: BODY_STYLE,
          name: "公文正文",
          basedOn: "Normal",
          next: BODY_STYLE,
          quickFormat: true,
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: INDENT_TWO_CHARS },
        },
        {
          id: TITLE_STYLE,
          name: "公文标题",
          basedOn: "Normal",
          next: BODY_STYLE,
          quickFormat: true,
          run: { font: font(FONT.title), size: SIZE.title, bold: true },
          // At least, not exactly, 28.95pt: an exact line would clip the top of 二号 characters.
          paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 579, lineRule: LineRuleType.AT_LEAST } },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: A4, margin: MARGIN },
        },
        headers: data.demo ? { default: demoHeader() } : undefined,
        footers: { default: pageNumberFooter() },
        children: content(data),
      },
    ],
  });
  return Packer.toBuffer(document);
}
