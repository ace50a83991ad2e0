import {
  AlignmentType,
  Document,
  Packer,
  type Table,
  Footer,
  Header,
  HeadingLevel,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type IFontAttributesProperties,
  type IStylesOptions,
} from "docx";

/**
 * The layout of a Chinese official document (公文, GB/T 9704) shared by the Word files the portal
 * writes (the round bulletin, the summary evaluation): A4, 三号仿宋 body on a fixed 28.95pt line,
 * 黑体 and 楷体 headings, 方正小标宋 title, "— 1 —" page numbers, and the 示例数据 header.
 */
export const DEMO_HEADER_TEXT = "示例数据（非真实数据）";

export const FONT = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  // Figure tables.
  table: "宋体",
  // GB/T 9704 sets page numbers in 4号半角宋体.
  pageNumber: "宋体",
} as const;

// Sizes are in half-points, as docx (and WordprocessingML) takes them.
export const SIZE = { title: 44, body: 32, table: 21, pageNumber: 28, header: 21 } as const;

// Twips (1/20 pt, 1440 per inch). A4 is given exactly rather than as "210mm" so the page
// size matches what Word itself writes for A4.
export const A4 = { width: 11906, height: 16838 } as const;
const mm = (value: number) => Math.round((value / 25.4) * 1440);
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(20) } as const;

// 28.95pt fixed lines give the 22 lines a page that 公文 are set to.
export const BODY_LINE = { line: 579, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
// Two characters of 三号 text; firstLineChars is what Word and WPS use, firstLine is the fallback.
export const INDENT_TWO_CHARS = { firstLineChars: 200, firstLine: 640 } as const;

export const BODY_STYLE = "GongwenBody";
export const TITLE_STYLE = "GongwenTitle";

/**
 * One font for every character set. `hint: eastAsia` makes Word and WPS set the ambiguous
 * punctuation (：；“”—) in the Chinese font too, instead of a Latin one.
 */
export function font(name: string): IFontAttributesProperties {
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

export function body(text: string): Paragraph {
  return new Paragraph({ style: BODY_STYLE, children: [new TextRun(text)] });
}

export function blank(): Paragraph {
  return new Paragraph({ children: [] });
}

export function heading1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
}

export function heading2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

export function rightAligned(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(text)] });
}

/** The page every official document uses: A4 with GB/T 9704 margins. */
export const OFFICIAL_PAGE = { size: A4, margin: MARGIN } as const;

export function pageNumberFooter(): Footer {
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

export function demoHeader(): Header {
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

/** The document styles: Word's own heading styles restyled (so they show in the navigation pane), 公文正文 and 公文标题. */
export function officialDocumentStyles(): IStylesOptions {
  return {
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
  };
}

/** The signature block that ends an official document: two empty lines, the issuer, the date. */
export function signatureBlock(issuer: string, date: string): Paragraph[] {
  return [blank(), blank(), rightAligned(issuer), rightAligned(date)];
}

/** A whole official document: the shared styles, A4 page, page numbers and (demo) the 示例数据 header. */
export function buildOfficialDocument(options: {
  title: string;
  issuer: string;
  demo: boolean;
  children: (Paragraph | Table)[];
}): Promise<Buffer> {
  const document = new Document({
    title: options.title,
    creator: options.issuer,
    lastModifiedBy: options.issuer,
    styles: officialDocumentStyles(),
    sections: [
      {
        properties: { page: OFFICIAL_PAGE },
        headers: options.demo ? { default: demoHeader() } : undefined,
        footers: { default: pageNumberFooter() },
        children: options.children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
