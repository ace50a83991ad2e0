import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import { constants, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { REFUSAL_MESSAGES } from "@/lib/core/files/workbook";
import { LEDGER_HEADER, type LedgerMeta, type LedgerSourceRow, type LedgerValues } from "@/lib/reporting/ledger/format";
import { FORMULA_PROBLEM, IDENTITY_PROBLEM, parseLedgerWorkbook } from "@/lib/reporting/ledger/parse";
import { buildLedgerWorkbook } from "@/lib/reporting/ledger/workbook";
import { unzip } from "../support/unzip";
import { buildStoredZip } from "../support/zip";

// The round workbook read back (lib/reporting/ledger/parse.ts): what the writer makes round-trips,
// every cell the units can get wrong is a problem at its row and column, and every file the
// portal must not open (not a workbook, macros, too large, too many rows, a zip bomb) is refused.

const meta: LedgerMeta = {
  round: { id: 7, name: "2025年第三季度进展报送", period: "2025年第三季度", deadline: new Date("2025-09-30T04:00:00Z") },
  unit: { id: 3, name: "市教育局" },
  generatedAt: new Date("2025-09-01T02:00:00Z"),
};

const blankValues: LedgerValues = {
  status: null,
  completion: null,
  workDone: "",
  problems: "",
  nextSteps: "",
  eventsHeld: null,
  peopleReached: null,
  outputs: [],
};

function source(reportId: number, values: Partial<LedgerValues> = {}, extra: Partial<LedgerSourceRow> = {}): LedgerSourceRow {
  return {
    reportId,
    version: reportId + 1,
    unitName: "市教育局",
    itemNumber: `${reportId}.`,
    itemTitle: `开展青少年科学素质提升行动 ${reportId}`,
    role: "LEAD",
    state: "DRAFT",
    returnComment: null,
    values: { ...blankValues, ...values },
    ...extra,
  };
}

const SOURCES: LedgerSourceRow[] = [
  source(101, {
    status: "ON_TRACK",
    completion: 60,
    workDone: "=SUM(A1:A3) 不是公式\n第二行：完成科学家精神进校园活动 12 场。",
    problems: "+86 热线\r\n不会被当作公式".replace("\r\n", "\n"),
    nextSteps: "-第四季度推进馆校合作",
    eventsHeld: 12,
    peopleReached: 3400,
    outputs: [
      { name: "@科普讲座", value: 12, unit: "场" },
      { name: "科普读物", value: 1200.5, unit: "册" },
      { name: "=线上观看", value: 0, unit: "人次" },
    ],
  }),
  source(102, { status: "COMPLETED", completion: 100, workDone: "已完成。", eventsHeld: 0, peopleReached: 0 }),
  source(103, {}, { role: "SUPPORT", state: "OWED", itemNumber: null, itemTitle: '=HYPERLINK("x") 标题' }),
  source(
    104,
    { status: "BLOCKED", completion: 0, workDone: "'引号开头的文字", problems: "中文、English 与 emoji 😀" },
    { state: "RETURNED", returnComment: "请补充数据" },
  ),
];

async function writer(rows: readonly LedgerSourceRow[] = SOURCES, m: LedgerMeta = meta): Promise<Uint8Array> {
  return new Uint8Array(await buildLedgerWorkbook(m, rows));
}

/** The writer's workbook with cells changed through exceljs, as a user's spreadsheet program would. */
async function edited(change: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void, rows = SOURCES): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await writer(rows)) as unknown as ArrayBuffer);
  change(workbook.getWorksheet("填报表")!, workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Column letters of the contract (format.ts), spelled out so a moved column fails here. */
const COL = {
  title: "D",
  status: "H",
  completion: "I",
  workDone: "J",
  problems: "K",
  nextSteps: "L",
  eventsHeld: "M",
  peopleReached: "N",
  output1Name: "O",
  output1Value: "P",
  output1Unit: "Q",
  output2Name: "R",
  output2Value: "S",
  output2Unit: "T",
  output3Name: "U",
  output3Value: "V",
  output3Unit: "W",
  identity: "X",
} as const;

/** A zip of deflated entries whose central directory may lie about an entry's unpacked size. */
function deflatedZip(entries: Array<{ name: string; packed: Buffer; size: number }>): Uint8Array {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.packed.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.packed.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.packed);
    centrals.push(central, name);
    offset += 30 + name.length + entry.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

/** 1 GiB of zeros as raw deflate, about 1 MB: one flushed block of 1 MiB of zeros repeated, then an empty final block. */
function gigabyteOfZeros(): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  return Buffer.concat([...Array<Buffer>(1024).fill(block), Buffer.from([0x03, 0x00])]);
}

/** The writer's workbook with its report sheet's XML replaced by `packed`, declaring `size`. */
async function withBombSheet(packed: Buffer, size: number): Promise<Uint8Array> {
  const entries = unzip(Buffer.from(await writer()));
  // The largest sheet is 填报表's.
  const sheet = entries
    .filter((entry) => /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name))
    .sort((a, b) => b.data.length - a.data.length)[0]!;
  return deflatedZip(
    entries.map((entry) =>
      entry === sheet
        ? { name: entry.name, packed, size }
        : { name: entry.name, packed: deflateRawSync(entry.data), size: entry.data.length },
    ),
  );
}

const refusedWith = (message: string) => ({ meta: null, rows: [], problems: [{ sheet: "文件", message }] });

describe("a zip bomb never reaches the spreadsheet library", () => {
  it("refuses a sheet of 1 GB of zeros packed into 1 MB whose declared size is faked small, quickly and without the memory jumping", async () => {
    const bomb = await withBombSheet(gigabyteOfZeros(), 40_000);
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const started = performance.now();
    expect(await parseLedgerWorkbook(bomb)).toEqual(refusedWith("文件解压后过大，疑似压缩炸弹，不予接收。"));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);
    expect(process.resourceUsage().maxRSS * 1024 - peakBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it("refuses the same bomb declaring its true size before inflating anything", async () => {
    const bomb = await withBombSheet(gigabyteOfZeros(), 1024 * 1024 * 1024);
    const started = performance.now();
    expect(await parseLedgerWorkbook(bomb)).toEqual(refusedWith(REFUSAL_MESSAGES.workbookTooDeep));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses entries that together unpack past 100 MB, each with an ordinary ratio", async () => {
    // 12 entries of 9 MB (two pseudo-random bytes in every 64: a ratio of about 1:30), honestly declared: 108 MB in all.
    const data = Buffer.alloc(9 * 1024 * 1024);
    let seed = 12345;
    for (let at = 0; at < data.length; at += 64) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      data.writeUInt16LE(seed & 0xffff, at);
    }
    const packed = deflateRawSync(data, { level: 1 });
    expect(data.length / packed.length).toBeLessThan(200);
    const entries = unzip(Buffer.from(await writer())).map((entry) => ({
      name: entry.name,
      packed: deflateRawSync(entry.data),
      size: entry.data.length,
    }));
    for (let index = 0; index < 12; index++) entries.push({ name: `xl/media/filler${index}.bin`, packed, size: data.length });
    const bytes = deflatedZip(entries);
    expect(bytes.byteLength).toBeLessThan(10 * 1024 * 1024);
    expect(await parseLedgerWorkbook(bytes)).toEqual(refusedWith(REFUSAL_MESSAGES.workbookTooDeep));
  });
});

describe("the round workbook read back", () => {
  it("gives exactly the values the writer wrote: formula-like text, Chinese, line breaks, 0 and blank, three outputs", async () => {
    const parsed = await parseLedgerWorkbook(await writer());
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta).toEqual({ format: 1, roundId: 7, unitId: 3 });
    expect(parsed.rows.map((row) => row.row)).toEqual([2, 3, 4, 5]);
    expect(parsed.rows.map((row) => row.problems)).toEqual([[], [], [], []]);
    expect(parsed.rows.map((row) => row.identity)).toEqual(SOURCES.map((row) => ({ reportId: row.reportId, version: row.version })));
    expect(parsed.rows.map((row) => row.values)).toEqual(SOURCES.map((row) => row.values));
    expect(parsed.rows[2]!.shown).toEqual({ unit: "市教育局", number: "", title: '=HYPERLINK("x") 标题' });
    expect(parsed.rows[0]!.values.completion).toBe(60);
    expect(parsed.rows[1]!.values.eventsHeld).toBe(0);
    expect(parsed.rows[2]!.values.eventsHeld).toBeNull();
  });

  it("reads CAST's every-unit workbook as ALL", async () => {
    const parsed = await parseLedgerWorkbook(await writer(SOURCES, { ...meta, unit: null }));
    expect(parsed.meta).toEqual({ format: 1, roundId: 7, unitId: "ALL" });
  });

  it("names each wrong cell with its row, column and a Chinese message", async () => {
    const bytes = await edited((sheet) => {
      sheet.getCell(`${COL.completion}2`).value = 120;
      sheet.getCell(`${COL.status}2`).value = "进行中";
      sheet.getCell(`${COL.workDone}2`).value = "做".repeat(5001);
      sheet.getCell(`${COL.problems}2`).value = "问".repeat(3000);
      sheet.getCell(`${COL.eventsHeld}2`).value = -1;
      sheet.getCell(`${COL.peopleReached}2`).value = "很多";
      sheet.getCell(`${COL.output1Name}2`).value = "名".repeat(51);
      sheet.getCell(`${COL.output2Value}2`).value = "abc";
      sheet.getCell(`${COL.output3Name}2`).value = "科普展览";
      sheet.getCell(`${COL.output3Value}2`).value = null;
      sheet.getCell(`${COL.output3Unit}2`).value = null;
      sheet.getCell(`${COL.completion}3`).value = 12.5;
      sheet.getCell(`${COL.eventsHeld}3`).value = 100_000_001;
      sheet.getCell(`${COL.peopleReached}3`).value = new Date(Date.UTC(2025, 2, 1));
      // exceljs shares a loaded style between cells: give the cell its own.
      sheet.getCell(`${COL.peopleReached}3`).style = { ...sheet.getCell(`${COL.peopleReached}3`).style, numFmt: "yyyy-mm-dd" };
      sheet.getCell(`${COL.output1Unit}3`).value = "单位名称过长超过十个字啊";
      sheet.getCell(`${COL.output1Value}3`).value = 1e13;
      sheet.getCell(`${COL.output1Name}3`).value = "活动";
      sheet.getCell(`${COL.identity}4`).value = null;
      sheet.getCell(`${COL.identity}5`).value = "R104-V";
    });
    const parsed = await parseLedgerWorkbook(bytes);
    expect(parsed.problems).toEqual([]);
    const at = (row: number) => parsed.rows.find((parsedRow) => parsedRow.row === row)!.problems;
    const problem = (row: number, column: string, message: string) => ({ sheet: "填报表", row, column, message });
    expect(at(2)).toEqual([
      problem(2, COL.status, "推进状态须为以下之一：未启动、按计划推进、滞后、已完成、受阻，实为「进行中」"),
      problem(2, COL.completion, "完成度须为 0 到 100 的整数，实为 120"),
      problem(2, COL.workDone, "工作进展最多 5000 字，实为 5001 字"),
      problem(2, COL.eventsHeld, "举办活动须为 0 到 100,000,000 的整数，实为 -1"),
      problem(2, COL.peopleReached, "覆盖人数须为 0 到 100,000,000 的整数，实为「很多」"),
      problem(2, COL.output1Name, "其他成果1名称最多 50 字，实为 51 字"),
      problem(2, COL.output2Value, "其他成果2数值须为 0 到 1,000,000,000,000 的数值，实为「abc」"),
      problem(2, COL.output3Value, "其他成果3缺少数值：名称、数值、单位须同时填写"),
      problem(2, COL.output3Unit, "其他成果3缺少单位：名称、数值、单位须同时填写"),
    ]);
    expect(at(3)).toEqual([
      problem(3, COL.completion, "完成度须为 0 到 100 的整数，实为 12.5"),
      problem(3, COL.eventsHeld, "举办活动须为 0 到 100,000,000 的整数，实为 100000001"),
      problem(3, COL.peopleReached, "覆盖人数须为 0 到 100,000,000 的整数，实为日期 2025-03-01"),
      problem(3, COL.output1Value, "其他成果1数值须为 0 到 1,000,000,000,000 的数值，实为 10000000000000"),
      problem(3, COL.output1Unit, "其他成果1单位最多 10 字，实为 12 字"),
    ]);
    expect(at(4)).toEqual([problem(4, COL.identity, IDENTITY_PROBLEM)]);
    expect(at(5)).toEqual([problem(5, COL.identity, IDENTITY_PROBLEM)]);
    expect(parsed.rows.find((row) => row.row === 4)!.identity).toBeNull();
  });

  it("measures text as the report form does: CR LF is one character, surrounding blanks trimmed", async () => {
    const bytes = await edited((sheet) => {
      sheet.getCell(`${COL.workDone}2`).value = `  ${"做".repeat(2499)}\r\n${"成".repeat(2500)}  `;
      sheet.getCell(`${COL.problems}2`).value = `第一行\r\n第二行\r第三行`;
    });
    const row = (await parseLedgerWorkbook(bytes)).rows[0]!;
    expect(row.problems).toEqual([]);
    expect(row.values.workDone).toHaveLength(5000);
    expect(row.values.problems).toBe("第一行\n第二行\n第三行");
  });

  it("reads numbers typed as text, with separators, full-width or as percentages, and text typed as numbers", async () => {
    const bytes = await edited((sheet) => {
      sheet.getCell(`${COL.completion}2`).value = "80";
      sheet.getCell(`${COL.eventsHeld}2`).value = "12.0";
      sheet.getCell(`${COL.peopleReached}2`).value = "1,200";
      sheet.getCell(`${COL.output1Value}2`).value = " 3,400.25 ";
      sheet.getCell(`${COL.completion}3`).value = 0.5;
      sheet.getCell(`${COL.completion}3`).style = { ...sheet.getCell(`${COL.completion}3`).style, numFmt: "0%" };
      sheet.getCell(`${COL.eventsHeld}3`).value = "１２";
      sheet.getCell(`${COL.workDone}3`).value = 2025;
      sheet.getCell(`${COL.status}3`).value = { richText: [{ text: "已" }, { text: "完成", font: { bold: true } }] };
      sheet.getCell(`${COL.problems}3`).value = { richText: [{ text: "富文本" }, { text: "问题", font: { italic: true } }] };
    });
    const [first, second] = (await parseLedgerWorkbook(bytes)).rows;
    expect(first!.problems).toEqual([]);
    expect(first!.values).toMatchObject({ completion: 80, eventsHeld: 12, peopleReached: 1200 });
    expect(first!.values.outputs[0]).toEqual({ name: "@科普讲座", value: 3400.25, unit: "场" });
    expect(second!.problems).toEqual([]);
    expect(second!.values).toMatchObject({ status: "COMPLETED", completion: 50, eventsHeld: 12, workDone: "2025", problems: "富文本问题" });
  });

  it("never evaluates a formula nor uses its cached result: text columns keep it as text, number and status columns refuse it", async () => {
    const bytes = await edited((sheet) => {
      sheet.getCell(`${COL.workDone}2`).value = { formula: "SUM(A1:A3)", result: 6 };
      sheet.getCell(`${COL.completion}2`).value = { formula: "1+1", result: 2 };
      sheet.getCell(`${COL.status}2`).value = { formula: '"已完成"', result: "已完成" };
      sheet.getCell(`${COL.output1Value}2`).value = { formula: "P3*2", result: 24 };
      sheet.getCell(`${COL.nextSteps}3`).value = {
        formula: "A3&B3",
        result: "2市教育局",
        shareType: "shared",
        ref: `${COL.nextSteps}3:${COL.nextSteps}4`,
        // A shared formula's master (exceljs writes it so; its type declarations omit the two fields).
      } as ExcelJS.CellFormulaValue;
      sheet.getCell(`${COL.nextSteps}4`).value = { sharedFormula: `${COL.nextSteps}3`, result: "3市教育局" };
    });
    const rows = (await parseLedgerWorkbook(bytes)).rows;
    expect(rows[0]!.values.workDone).toBe("=SUM(A1:A3)");
    expect(rows[0]!.problems).toEqual([
      { sheet: "填报表", row: 2, column: COL.status, message: FORMULA_PROBLEM },
      { sheet: "填报表", row: 2, column: COL.completion, message: FORMULA_PROBLEM },
      { sheet: "填报表", row: 2, column: COL.output1Value, message: FORMULA_PROBLEM },
    ]);
    expect(FORMULA_PROBLEM).toBe("请直接填写数值，不要使用公式");
    expect(rows[1]!.values.nextSteps).toBe("=A3&B3");
    expect(rows[2]!.values.nextSteps).toBe("=A4&B4");
    expect(rows[1]!.problems).toEqual([]);
  });

  it("skips fully blank rows, keeps rows with only read-only cells, and flags a row added without an identity", async () => {
    const bytes = await edited((sheet) => {
      sheet.getRow(10).getCell(2).value = "某单位";
      sheet.getRow(10).getCell(8).value = "滞后";
      sheet.getRow(8).getCell(3).value = "   ";
    });
    const parsed = await parseLedgerWorkbook(bytes);
    expect(parsed.rows.map((row) => row.row)).toEqual([2, 3, 4, 5, 10]);
    expect(parsed.rows[2]!.problems).toEqual([]);
    expect(parsed.rows[4]!).toMatchObject({ identity: null, problems: [{ row: 10, column: COL.identity, message: IDENTITY_PROBLEM }] });
  });

  it("stops at a changed header, naming each changed cell", async () => {
    const bytes = await edited((sheet) => {
      sheet.getCell("I1").value = "完成度";
      sheet.getCell("M1").value = null;
    });
    expect(await parseLedgerWorkbook(bytes)).toEqual({
      meta: { format: 1, roundId: 7, unitId: 3 },
      rows: [],
      problems: [
        { sheet: "填报表", row: 1, column: "I", message: "表头应为「完成度（%）」，实为「完成度」。请勿增删列或修改表头。" },
        { sheet: "填报表", row: 1, column: "M", message: "表头应为「举办活动（场）」，实为空白。请勿增删列或修改表头。" },
      ],
    });
    expect(LEDGER_HEADER[8]).toBe("完成度（%）");
  });

  it("refuses a workbook without its 填报表 sheet, without the hidden meta sheet, or of another format version", async () => {
    const noSheet = await edited((_, workbook) => workbook.removeWorksheet(workbook.getWorksheet("填报表")!.id));
    expect((await parseLedgerWorkbook(noSheet)).problems).toEqual([
      { sheet: "文件", message: "工作簿中没有「填报表」工作表，请使用平台下载的填报表。" },
    ]);
    const noMeta = await edited((_, workbook) => workbook.removeWorksheet(workbook.getWorksheet("平台信息")!.id));
    expect(await parseLedgerWorkbook(noMeta)).toEqual(
      refusedWith("无法识别这份填报表的轮次和单位（平台信息缺失或被修改），请从平台重新下载填报表，填写后上传。"),
    );
    const badRound = await edited((_, workbook) => (workbook.getWorksheet("平台信息")!.getCell("B2").value = "七"));
    expect((await parseLedgerWorkbook(badRound)).meta).toBeNull();
    const otherFormat = await edited((_, workbook) => (workbook.getWorksheet("平台信息")!.getCell("B1").value = 2));
    expect(await parseLedgerWorkbook(otherFormat)).toEqual(
      refusedWith("这份填报表的格式版本（2）与平台现用版本（1）不同，请从平台重新下载填报表，填写后上传。"),
    );
  });
});

describe("files the portal does not open", () => {
  it("refuses an empty file, a file that is not a workbook and a zip that holds no workbook", async () => {
    expect(await parseLedgerWorkbook(new Uint8Array())).toEqual(refusedWith(REFUSAL_MESSAGES.fileEmpty));
    expect(await parseLedgerWorkbook(new TextEncoder().encode("%PDF-1.7 填报表"))).toEqual(refusedWith(REFUSAL_MESSAGES.notWorkbook));
    expect(await parseLedgerWorkbook(buildStoredZip([{ name: "readme.txt", data: "hello" }]))).toEqual(
      refusedWith(REFUSAL_MESSAGES.notWorkbook),
    );
    expect(REFUSAL_MESSAGES.notWorkbook).toMatch(/^这不是 Excel 工作簿/);
  });

  it("refuses a workbook with macros: a vbaProject.bin part, or a macro-enabled content type", async () => {
    const entries = unzip(Buffer.from(await writer()));
    const xlsm = buildStoredZip([...entries, { name: "xl/vbaProject.bin", data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) }]);
    expect(await parseLedgerWorkbook(xlsm)).toEqual(refusedWith(REFUSAL_MESSAGES.macroWorkbook));
    const macroType = buildStoredZip(
      entries.map((entry) =>
        entry.name === "[Content_Types].xml"
          ? {
              name: entry.name,
              data: entry.data
                .toString("utf8")
                .replace(
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                  "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ),
            }
          : entry,
      ),
    );
    expect(await parseLedgerWorkbook(macroType)).toEqual(refusedWith(REFUSAL_MESSAGES.macroWorkbook));
    expect(REFUSAL_MESSAGES.macroWorkbook).toContain("含宏");
  });

  it("refuses a file over 10 MB", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(await writer());
    expect(await parseLedgerWorkbook(big)).toEqual(refusedWith("文件超过 10 MB，请删去无关内容后重新上传。"));
  });

  it("refuses a workbook of more than 5,000 rows and reads one of exactly 5,000", async () => {
    const many = (count: number) => Array.from({ length: count }, (_, index) => source(index + 1));
    const over = await parseLedgerWorkbook(await writer(many(5001)));
    expect(over).toEqual(refusedWith("有工作表超过 5,000 行，请拆分后分批导入。"));
    const full = await parseLedgerWorkbook(await writer(many(5000)));
    expect(full.problems).toEqual([]);
    expect(full.rows).toHaveLength(5000);
  }, 90_000);
});

describe("a workbook LibreOffice Calc filled and saved (tests/fixtures/ledger/office-saved-ledger.xlsx)", () => {
  const fixture = path.resolve(import.meta.dirname, "../fixtures/ledger/office-saved-ledger.xlsx");
  it("reads exactly what was typed in Calc, through its shared strings, styles and validations", async () => {
    const cells = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/ledger/office-fill.json"), "utf8")) as {
      expected: { row: number; values: LedgerValues; problems: { column: string; message: string }[] }[];
    };
    const parsed = await parseLedgerWorkbook(new Uint8Array(fs.readFileSync(fixture)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.meta).toEqual({ format: 1, roundId: 7, unitId: 3 });
    expect(parsed.rows.map((row) => row.row)).toEqual(cells.expected.map((expected) => expected.row));
    expect(parsed.rows.map((row) => row.identity)).toEqual([
      { reportId: 201, version: 1 },
      { reportId: 202, version: 3 },
      { reportId: 203, version: 2 },
    ]);
    for (const expected of cells.expected) {
      const row = parsed.rows.find((candidate) => candidate.row === expected.row)!;
      expect(row, `row ${expected.row}`).toBeDefined();
      expect(row.values).toEqual(expected.values);
      expect(row.problems.map(({ column, message }) => ({ column, message }))).toEqual(expected.problems);
    }
  });
});
