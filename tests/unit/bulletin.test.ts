import { describe, expect, it } from "vitest";
import { type BulletinData, buildBulletin, chineseNumeral } from "@/lib/outputs/exports/bulletin";
import { buildStoredZip } from "@/tests/support/zip";
import { readEntry, readText, unzip } from "@/tests/support/unzip";

const SAMPLE: BulletinData = {
  title: "全民科学素质行动规划纲要实施进展通报",
  issuer: "深圳市全民科学素质纲要实施工作办公室（深圳市科学技术协会代章）",
  documentNumber: "深科素办〔2025〕3号",
  issueNumber: "第3期",
  date: "2025年10月15日",
  roundName: "2025年第三季度进展报送",
  headline: [
    { label: "应报送", value: "86份" },
    { label: "已报送", value: "79份" },
    { label: "按时报送率", value: "82%" },
  ],
  literacySentence: "2024年我市公民具备科学素质的比例为24.4%，距2025年目标还差0.6个百分点。",
  sections: [
    {
      heading: "青少年科学素质提升行动",
      paragraphs: ["全市中小学科学教育实验区建设稳步推进。", "科技馆进校园活动覆盖学生12万人次。"],
    },
    { heading: "农民科学素质提升行动", paragraphs: ["开展农村实用技术培训46场。"] },
    { heading: "科普信息化提升工程", paragraphs: ["“科普深圳”平台上线科普视频320条。"] },
  ],
  highlights: [
    { heading: "市教育局：实施青少年科学素质提升行动", paragraphs: ["开展科学家精神进校园活动12场", "举办活动12场，覆盖3400人次。"] },
  ],
  lateUnits: [
    { unit: "市水务局", detail: "2项逾期未报送（已催办）" },
    { unit: "光明区人民政府", detail: "1项逾期未报送" },
  ],
  nextSteps: ["加强对逾期单位的督办", "做好年度评估准备工作。"],
  demo: false,
};

async function parts(data: BulletinData) {
  const zip = await buildBulletin(data);
  return { zip, document: readText(zip, "word/document.xml"), styles: readText(zip, "word/styles.xml") };
}

/** The visible text of each paragraph, tags stripped and entities decoded. */
function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p\/>|<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((text) => text[1] ?? "")
      .join("")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

describe("buildBulletin", () => {
  it("writes every part of the bulletin, in 公文 order", async () => {
    const { document } = await parts(SAMPLE);
    const paragraphs = paragraphTexts(document);
    const expected = [
      SAMPLE.title,
      "第3期",
      SAMPLE.documentNumber,
      "各区人民政府，市有关单位：",
      "根据全民科学素质行动规划纲要实施工作安排，现将2025年第三季度进展报送有关情况通报如下：",
      "一、总体情况",
      `应报送：86份；已报送：79份；按时报送率：82%。${SAMPLE.literacySentence}`,
      "二、各重点任务进展",
      "（一）青少年科学素质提升行动",
      "全市中小学科学教育实验区建设稳步推进。",
      "科技馆进校园活动覆盖学生12万人次。",
      "（二）农民科学素质提升行动",
      "开展农村实用技术培训46场。",
      "（三）科普信息化提升工程",
      "“科普深圳”平台上线科普视频320条。",
      "三、工作亮点",
      "（一）市教育局：实施青少年科学素质提升行动",
      "开展科学家精神进校园活动12场。",
      "举办活动12场，覆盖3400人次。",
      "四、报送滞后单位",
      "市水务局：2项逾期未报送（已催办）。",
      "光明区人民政府：1项逾期未报送。",
      "五、下步工作",
      "1. 加强对逾期单位的督办。",
      "2. 做好年度评估准备工作。",
      SAMPLE.issuer,
      SAMPLE.date,
    ];
    expect(paragraphs.filter((text) => text !== "")).toEqual(expected);
    expect(document).not.toContain("本轮无逾期未报送单位。");
  });

  it("styles headings and body text with the 公文 fonts through their eastAsia slot", async () => {
    const { document, styles, zip } = await parts(SAMPLE);
    for (const name of ["仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"]) {
      expect(styles).toContain(`w:eastAsia="${name}"`);
    }
    expect(styles).toContain('w:lang w:val="en-US" w:eastAsia="zh-CN"');
    // 三号 body, 二号 title (half-points), fixed 28.95pt lines, two-character first-line indent.
    expect(styles).toMatch(/<w:rPrDefault><w:rPr>.*<w:sz w:val="32"\/>/);
    expect(styles).toMatch(/w:styleId="GongwenTitle">.*?<w:b\/>.*?<w:sz w:val="44"\/>/);
    expect(styles).toContain('w:line="579" w:lineRule="exact"');
    expect(styles).toMatch(/w:styleId="GongwenBody">.*?w:firstLineChars="200"/);
    expect(document).toContain('<w:pStyle w:val="Heading1"/>');
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    // The signature block sits on the right.
    expect(document).toMatch(/<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">2025年10月15日</);
    expect(readText(zip, "word/footer1.xml")).toContain('w:eastAsia="宋体"');
  });

  it("lays the page out as A4 portrait with 公文 margins and a centred — 1 — page number", async () => {
    const { document, zip } = await parts(SAMPLE);
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 37mm, 26mm, 35mm, 28mm in twips.
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const footer = readText(zip, "word/footer1.xml");
    expect(footer).toContain('<w:jc w:val="center"/>');
    expect(footer).toMatch(/— <\/w:t>.*<w:instrText xml:space="preserve">PAGE<\/w:instrText>.* —<\/w:t>/);
  });

  it("sets the core properties", async () => {
    const { zip } = await parts(SAMPLE);
    const core = readText(zip, "docProps/core.xml");
    expect(core).toContain(`<dc:title>${SAMPLE.title}</dc:title>`);
    expect(core).toContain(`<dc:creator>${SAMPLE.issuer}</dc:creator>`);
  });

  it("stores the Chinese text as UTF-8 characters, not character references", async () => {
    const { zip, document } = await parts(SAMPLE);
    const bytes = readEntry(zip, "word/document.xml");
    expect(bytes).toBeDefined();
    // A strict decode throws on any byte sequence that isn't UTF-8.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).not.toThrow();
    expect(bytes?.includes(Buffer.from(SAMPLE.title, "utf8"))).toBe(true);
    expect(document).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"/);
    expect(document).not.toMatch(/&#x?[0-9a-f]+;/i);
  });

  it("escapes XML-significant characters in the data", async () => {
    const { document } = await parts({ ...SAMPLE, sections: [{ heading: "A&B", paragraphs: ["<第一>"] }] });
    expect(document).toContain("（一）A&amp;B");
    expect(document).toContain("&lt;第一&gt;");
  });

  it("marks every page of a demo export with a header", async () => {
    const { zip, document } = await parts({ ...SAMPLE, demo: true });
    const names = unzip(zip).map((entry) => entry.name);
    const headers = names.filter((name) => /^word\/header\d+\.xml$/.test(name));
    expect(headers).toHaveLength(1);
    expect(readText(zip, headers[0] ?? "")).toContain("示例数据（非真实数据）");
    // A default header with no first-page variant applies to every page.
    expect(document).toContain('<w:headerReference w:type="default"');
    expect(document).not.toContain("<w:titlePg");
  });

  it("has no header when the data is real", async () => {
    const { zip, document } = await parts(SAMPLE);
    expect(unzip(zip).some((entry) => entry.name.startsWith("word/header"))).toBe(false);
    expect(document).not.toContain("示例数据");
  });

  it("leaves out the highlights part when there are none, numbering the later parts up", async () => {
    const { document } = await parts({ ...SAMPLE, highlights: [] });
    const headings = paragraphTexts(document).filter((text) => /^[一二三四五六]、/.test(text));
    expect(headings).toEqual(["一、总体情况", "二、各重点任务进展", "三、报送滞后单位", "四、下步工作"]);
    expect(document).not.toContain("工作亮点");
  });

  it("says so when no unit is late", async () => {
    const { document } = await parts({ ...SAMPLE, lateUnits: [], highlights: [] });
    const paragraphs = paragraphTexts(document);
    const heading = paragraphs.indexOf("三、报送滞后单位");
    expect(paragraphs[heading + 1]).toBe("本轮无逾期未报送单位。");
  });

  it("leaves out the document number line when there is none", async () => {
    const { document } = await parts({ ...SAMPLE, documentNumber: "" });
    const paragraphs = paragraphTexts(document);
    expect(paragraphs.slice(0, 4)).toEqual([SAMPLE.title, "第3期", "", "各区人民政府，市有关单位："]);
    const bare = paragraphTexts((await parts({ ...SAMPLE, documentNumber: "", issueNumber: "" })).document);
    expect(bare.slice(0, 3)).toEqual([SAMPLE.title, "", "各区人民政府，市有关单位："]);
  });
});

describe("chineseNumeral", () => {
  it("numbers level-2 headings beyond nine", () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual(["一", "九", "十", "十一", "二十", "二十一", "九十九"]);
  });
});

describe("unzip helper", () => {
  it("reads stored entries as well as deflated ones", () => {
    const zip = Buffer.from(
      buildStoredZip([
        { name: "a.txt", data: "甲" },
        { name: "b/c.xml", data: "<x/>" },
      ]),
    );
    expect(unzip(zip).map((entry) => entry.name)).toEqual(["a.txt", "b/c.xml"]);
    expect(readText(zip, "a.txt")).toBe("甲");
    expect(readEntry(zip, "missing")).toBeUndefined();
  });
});
