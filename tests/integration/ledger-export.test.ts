/**
 * The round workbook out (issue 12, item 1): what a liaison or CAST downloads for an open round,
 * read back with exceljs and checked for what a user opening it would notice — sheets, header,
 * frozen first row, widths, wrapped text, protection, drop-down and 0–100 checks, the hidden
 * identity and meta sheet — and who may download which unit's.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { createWorkItem } from "@/lib/plans/server/work-items";
import { LEDGER_COLUMNS, LEDGER_HEADER, LEDGER_SHEETS, META_LABELS, STATUS_WORDS, ledgerColumnNumber } from "@/lib/reporting/ledger/format";
import { roundWorkbook } from "@/lib/reporting/server/ledger-export";
import { openRound } from "@/lib/reporting/server/rounds";
import { actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { itemByKey, unitId, workItemInput } from "../support/plan-fixtures";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());

const { GET: workbookRoute } = await import("@/app/(portal)/rounds/[id]/workbook/route");

const ROUND_NAME = "2025年第四季度进展报送";
let roundId = 0;
let closedRoundId = 0;
let jyjUnit = 0;
let wjwUnit = 0;
/** 市教育局's reports in the round: the youth action, a work item under it, the exchange project. */
const jyjReports = { youth: 0, workItem: 0, exchange: 0 };
let wjwYouthReport = 0;

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The data rows of the 填报表 sheet as text by column key. */
function dataRows(workbook: ExcelJS.Workbook) {
  const sheet = workbook.getWorksheet(LEDGER_SHEETS.reports)!;
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(LEDGER_COLUMNS.map((column, index) => [column.key, row.getCell(index + 1).value])));
  });
  return rows;
}

beforeAll(async () => {
  const admin = await actorForRole("ADMIN");
  jyjUnit = await unitId("市教育局");
  wjwUnit = await unitId("市卫生健康委");
  // A work item under the youth action's third measure (市教育局 leads it): created after both
  // sections, so its id is the largest, but the plan prints it between them.
  const workItem = await createWorkItem(admin, await workItemInput("youth.m3", { title: "举办青少年科技创新大赛（填报表）" }));
  const [youth, exchange] = [await itemByKey("youth"), await itemByKey("exchange")];
  const opened = await openRound(
    admin,
    // Listed out of print order on purpose.
    { name: ROUND_NAME, period: "2025年第四季度", deadline: "2099-12-31", itemIds: [exchange.id, workItem.id, youth.id] },
    new Date("2025-10-01T10:00:00+08:00"),
  );
  roundId = opened.round.id;
  const mine = (itemId: number) =>
    db.progressReport.findFirstOrThrow({ where: { roundId, itemId, unitId: jyjUnit } }).then((report) => report.id);
  jyjReports.youth = await mine(youth.id);
  jyjReports.workItem = await mine(workItem.id);
  jyjReports.exchange = await mine(exchange.id);
  wjwYouthReport = (await db.progressReport.findFirstOrThrow({ where: { roundId, itemId: youth.id, unitId: wjwUnit } })).id;

  // Written directly: fixtures never depend on the functions under test.
  // The youth report: a draft at version 3 with Chinese text and four other outputs.
  await db.progressReport.update({
    where: { id: jyjReports.youth },
    data: {
      state: "DRAFT",
      version: 3,
      status: "BEHIND",
      completion: 45,
      workDone: "完成科学家精神进校园活动 12 场，覆盖福田、罗湖两区。\n第二段：馆校合作。",
      problems: "部分学校场地紧张。",
      nextSteps: "第四季度推进馆校合作。",
      eventsHeld: 12,
      peopleReached: 3400,
      outputs: {
        create: [
          { name: "科普讲座", value: 12, unit: "场", position: 1 },
          { name: "科普视频", value: 30, unit: "条", position: 2 },
          { name: "科普图书", value: 2.5, unit: "万册", position: 3 },
          { name: "第四项成果", value: 1, unit: "项", position: 4 },
        ],
      },
    },
  });
  // The work item's report: returned twice; the second comment is the one to show.
  await db.progressReport.update({ where: { id: jyjReports.workItem }, data: { state: "RETURNED", version: 5, workDone: "初稿" } });
  for (const [comment, at] of [
    ["第一次退回：请补充数据。", "2025-10-05T09:00:00+08:00"],
    ["第二次退回：请写明覆盖人数的口径。", "2025-10-08T09:00:00+08:00"],
  ] as const)
    await db.reportEvent.create({
      data: {
        reportId: jyjReports.workItem,
        roundId,
        itemId: workItem.id,
        unitId: jyjUnit,
        type: "RETURNED",
        comment,
        createdAt: new Date(at),
      },
    });
  // The exchange report is submitted: no longer owed, so not in the workbook.
  await db.progressReport.update({ where: { id: jyjReports.exchange }, data: { state: "SUBMITTED", submittedAt: new Date() } });

  closedRoundId = (
    await openRound(
      admin,
      { name: "已结束的轮次", period: "2025年第三季度", deadline: "2099-12-31", itemIds: [youth.id] },
      new Date("2025-09-01T10:00:00+08:00"),
    )
  ).round.id;
  await db.reportingRound.update({ where: { id: closedRoundId }, data: { status: "CLOSED", closedAt: new Date() } });
});

describe("a liaison's own unit's workbook", () => {
  it("opens as the contract's three sheets with the header, frozen first row, widths and wrapped text", async () => {
    const jyj = await actorFor("jyj");
    const { fileName, bytes, rows } = await roundWorkbook(jyj, roundId, undefined);
    expect(fileName).toBe(`${ROUND_NAME}-市教育局-填报表.xlsx`);
    expect(rows).toBe(2);
    const workbook = await load(bytes);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([LEDGER_SHEETS.guide, LEDGER_SHEETS.reports, LEDGER_SHEETS.meta]);
    const sheet = workbook.getWorksheet(LEDGER_SHEETS.reports)!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER_HEADER);
    expect(sheet.getRow(1).font).toMatchObject({ bold: true });
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    LEDGER_COLUMNS.forEach((column, index) => expect(sheet.getColumn(index + 1).width, column.header).toBe(column.width));
    expect(sheet.getCell(2, ledgerColumnNumber("workDone")).alignment).toMatchObject({ wrapText: true, vertical: "top" });
    // The guide names the round and the unit.
    const guide = workbook.getWorksheet(LEDGER_SHEETS.guide)!;
    expect(String(guide.getCell("B1").value)).toContain(ROUND_NAME);
    expect(guide.getCell("B2").value).toBe("市教育局");
  });

  it("is protected: read-only columns locked, editable ones open, with the status list and a whole 0–100 completion", async () => {
    const { bytes } = await roundWorkbook(await actorFor("jyj"), roundId, jyjUnit);
    const sheet = (await load(bytes)).getWorksheet(LEDGER_SHEETS.reports)!;
    expect((sheet as unknown as { sheetProtection: { sheet?: boolean } | null }).sheetProtection).toMatchObject({ sheet: true });
    for (const [index, column] of LEDGER_COLUMNS.entries()) {
      const locked = sheet.getCell(2, index + 1).protection?.locked !== false;
      expect(locked, column.header).toBe(column.kind === "readonly");
    }
    const status = sheet.getCell(2, ledgerColumnNumber("status")).dataValidation;
    expect(status).toMatchObject({ type: "list", allowBlank: true, showErrorMessage: true });
    expect(status.formulae).toEqual([`"${Object.keys(STATUS_WORDS).join(",")}"`]);
    expect(Object.keys(STATUS_WORDS)).toEqual(["未启动", "按计划推进", "滞后", "已完成", "受阻"]);
    expect(sheet.getCell(3, ledgerColumnNumber("completion")).dataValidation).toMatchObject({
      type: "whole",
      operator: "between",
      formulae: [0, 100],
      showErrorMessage: true,
    });
    expect(sheet.getCell(2, ledgerColumnNumber("workDone")).dataValidation).toMatchObject({
      type: "textLength",
      operator: "lessThanOrEqual",
      formulae: [5000],
    });
  });

  it("lists only the reports still owed, in the plan's printed order, with the values, identity and last return comment", async () => {
    const { bytes } = await roundWorkbook(await actorFor("jyj"), roundId, undefined);
    const workbook = await load(bytes);
    const rows = dataRows(workbook);
    const [youth, workItem] = await Promise.all(
      [jyjReports.youth, jyjReports.workItem].map((id) => db.progressReport.findUniqueOrThrow({ where: { id } })),
    );
    // youth (一) comes before the work item under its measure; the submitted exchange report is left out.
    expect(rows.map((row) => row.identity)).toEqual([`R${youth!.id}-V${youth!.version}`, `R${workItem!.id}-V${workItem!.version}`]);
    expect(rows[0]!.identity).toBe(`R${jyjReports.youth}-V3`);
    expect(rows[0]).toMatchObject({
      index: 1,
      unit: "市教育局",
      number: "(一)",
      title: "实施青少年科学素质提升行动",
      role: "牵头",
      state: "草稿",
      returnComment: "",
      status: "滞后",
      completion: 45,
      workDone: "完成科学家精神进校园活动 12 场，覆盖福田、罗湖两区。\n第二段：馆校合作。",
      problems: "部分学校场地紧张。",
      nextSteps: "第四季度推进馆校合作。",
      eventsHeld: 12,
      peopleReached: 3400,
      output1Name: "科普讲座",
      output1Value: 12,
      output1Unit: "场",
      output2Name: "科普视频",
      output3Name: "科普图书",
      output3Value: 2.5,
      output3Unit: "万册",
    });
    expect(JSON.stringify(rows)).not.toContain("第四项成果");
    expect(rows[1]).toMatchObject({
      index: 2,
      title: "举办青少年科技创新大赛（填报表）",
      state: "退回修改",
      returnComment: "第二次退回：请写明覆盖人数的口径。",
      workDone: "初稿",
    });
    expect(rows[1]!.identity).toBe(`R${jyjReports.workItem}-V5`);
    // The identity column is hidden, and so is the meta sheet naming the round and the unit.
    const sheet = workbook.getWorksheet(LEDGER_SHEETS.reports)!;
    expect(sheet.getColumn(ledgerColumnNumber("identity")).hidden).toBe(true);
    const meta = workbook.getWorksheet(LEDGER_SHEETS.meta)!;
    expect(meta.state).toBe("hidden");
    const metaValues = Object.fromEntries(
      meta.getSheetValues().flatMap((row) => (Array.isArray(row) ? [[row[1] as string, row[2] as unknown]] : [])),
    );
    expect(metaValues).toMatchObject({
      [META_LABELS.format]: 1,
      [META_LABELS.roundId]: roundId,
      [META_LABELS.roundName]: ROUND_NAME,
      [META_LABELS.unitId]: jyjUnit,
      [META_LABELS.unitName]: "市教育局",
    });
  });

  it("records the download in the audit trail", async () => {
    const jyj = await actorFor("jyj");
    const before = await lastAuditId();
    await roundWorkbook(jyj, roundId, undefined);
    const events = await auditSince(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "report.workbook",
      objectType: "ReportingRound",
      objectId: String(roundId),
      result: "SUCCESS",
      actorUsername: "jyj",
    });
    expect(JSON.parse(events[0]!.details!)).toMatchObject({ unit: "市教育局", rows: 2 });
  });
});

describe("refusals", () => {
  /** The call must be refused with `code`, write nothing but one DENIED audit record (when audited). */
  async function expectRefused(actor: Actor, call: () => Promise<unknown>, code: string, audited: boolean) {
    const before = await lastAuditId();
    const reports = JSON.stringify(await db.progressReport.findMany({ orderBy: { id: "asc" } }));
    await expect(call()).rejects.toMatchObject({ code });
    expect(JSON.stringify(await db.progressReport.findMany({ orderBy: { id: "asc" } }))).toBe(reports);
    expect(await db.reportImport.count()).toBe(0);
    const events = await auditSince(before);
    if (audited) {
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: "report.workbook", result: "DENIED", actorUsername: actor.username });
    } else {
      expect(events.filter((event) => event.result === "SUCCESS")).toEqual([]);
    }
    return events[0];
  }

  it("refuses a liaison another unit's workbook, and all units', audited", async () => {
    const jyj = await actorFor("jyj");
    const other = await expectRefused(jyj, () => roundWorkbook(jyj, roundId, wjwUnit), "FORBIDDEN", true);
    expect(other!.reason).toContain("not_own_unit");
    const all = await expectRefused(jyj, () => roundWorkbook(jyj, roundId, "all"), "FORBIDDEN", true);
    expect(all!.reason).toBe("all_units_not_own");
  });

  it("refuses leaders, auditors and account administrators, audited", async () => {
    for (const role of ["LEADER", "AUDITOR", "USER_ADMIN"] as const) {
      const actor = await actorForRole(role);
      await expectRefused(actor, () => roundWorkbook(actor, roundId, "all"), "FORBIDDEN", true);
    }
  });

  it("refuses a closed round with a clear conflict, and an unknown round or unit as not found", async () => {
    const admin = await actorForRole("ADMIN");
    const jyj = await actorFor("jyj");
    await expectRefused(admin, () => roundWorkbook(admin, closedRoundId, "all"), "CONFLICT", false);
    await expect(roundWorkbook(jyj, closedRoundId, undefined)).rejects.toMatchObject({
      code: "CONFLICT",
      messageKey: "workbookRoundClosed",
    });
    await expectRefused(admin, () => roundWorkbook(admin, 2_000_000_000, "all"), "NOT_FOUND", false);
    await expectRefused(admin, () => roundWorkbook(admin, roundId, 2_000_000_000), "NOT_FOUND", false);
  });
});

describe("CAST's downloads", () => {
  it("one unit's workbook holds that unit's owed reports only", async () => {
    const { fileName, bytes } = await roundWorkbook(await actorForRole("ADMIN"), roundId, wjwUnit);
    expect(fileName).toBe(`${ROUND_NAME}-市卫生健康委-填报表.xlsx`);
    const rows = dataRows(await load(bytes));
    expect(rows.map((row) => row.unit)).toEqual(["市卫生健康委"]);
    expect(rows[0]).toMatchObject({ identity: `R${wjwYouthReport}-V1`, role: "配合", state: "待报送", status: "", workDone: "" });
  });

  it("all units' workbook has every unit's owed reports with the unit column, by unit order then the plan's order", async () => {
    const { fileName, bytes, rows: count } = await roundWorkbook(await actorForRole("ADMIN"), roundId, "all");
    expect(fileName).toBe(`${ROUND_NAME}-全部单位-填报表.xlsx`);
    const workbook = await load(bytes);
    const rows = dataRows(workbook);
    const owed = await db.progressReport.findMany({
      where: { roundId, state: { in: ["OWED", "DRAFT", "RETURNED"] } },
      include: { unit: true },
    });
    expect(count).toBe(owed.length);
    expect(rows.map((row) => row.identity).sort()).toEqual(owed.map((report) => `R${report.id}-V${report.version}`).sort());
    expect(rows.map((row) => row.index)).toEqual(rows.map((_, index) => index + 1));
    const unitOrder = new Map(owed.map((report) => [report.unit.name, [report.unit.sortOrder, report.unit.id] as const]));
    const positions = rows.map((row) => unitOrder.get(row.unit as string)!);
    expect(positions).toEqual([...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(new Set(rows.map((row) => row.unit)).size).toBeGreaterThan(5);
    // Within 市教育局: the plan's order, not the ids'.
    expect(rows.filter((row) => row.unit === "市教育局").map((row) => row.identity)).toEqual([
      `R${jyjReports.youth}-V3`,
      `R${jyjReports.workItem}-V5`,
    ]);
    const meta = workbook.getWorksheet(LEDGER_SHEETS.meta)!;
    expect(meta.getCell("B4").value).toBe("ALL");
    expect(meta.getCell("B5").value).toBe("全部单位");
  });
});

describe("GET /rounds/[id]/workbook", () => {
  const get = async (actor: Actor | null, path: string) => {
    vi.mocked(getActor).mockResolvedValue(actor);
    const id = path.split("?")[0]!;
    return workbookRoute(new Request(`http://localhost/rounds/${path}`), { params: Promise.resolve({ id }) });
  };

  it("answers the liaison's workbook as an .xlsx attachment with the Chinese file name", async () => {
    const response = await get(await actorFor("jyj"), `${roundId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${ROUND_NAME}-市教育局-填报表.xlsx`)}`,
    );
    expect(dataRows(await load(new Uint8Array(await response.arrayBuffer())))).toHaveLength(2);
  });

  it("gives CAST all units' with ?unit=all and one unit's with ?unit=ID", async () => {
    const admin = await actorForRole("ADMIN");
    const all = await get(admin, `${roundId}?unit=all`);
    expect(all.status).toBe(200);
    expect(all.headers.get("Content-Disposition")).toContain(encodeURIComponent("全部单位"));
    const one = await get(admin, `${roundId}?unit=${wjwUnit}`);
    expect(one.headers.get("Content-Disposition")).toContain(encodeURIComponent("市卫生健康委"));
  });

  it("maps refusals to statuses: 403 another unit, 401 nobody, 409 closed (in Chinese), 404 unknown, 400 a bad query", async () => {
    expect((await get(await actorFor("jyj"), `${roundId}?unit=${wjwUnit}`)).status).toBe(403);
    expect((await get(await actorForRole("LEADER"), `${roundId}`)).status).toBe(403);
    expect((await get(null, `${roundId}`)).status).toBe(401);
    const closed = await get(await actorFor("jyj"), `${closedRoundId}`);
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain("本轮报送已结束，不能再下载填报表。");
    expect((await get(await actorForRole("ADMIN"), "2000000000")).status).toBe(404);
    expect((await get(await actorForRole("ADMIN"), "99999999999999999999")).status).toBe(404);
    expect((await get(await actorForRole("ADMIN"), `${roundId}?unit=abc`)).status).toBe(400);
    expect((await get(await actorForRole("ADMIN"), `${roundId}?unit=-1`)).status).toBe(400);
  });
});
