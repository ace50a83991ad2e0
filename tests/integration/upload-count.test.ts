/**
 * A form that takes one workbook refuses a post carrying several, in Chinese, and stores nothing:
 * it never keeps the first file and drops the others unseen. Both workbook uploads (the round
 * workbook and the plan workbook) and the no-file case.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { actorFor, actorForRole } from "../support/actors";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

const { previewReportImportAction } = await import("@/lib/reporting/actions/ledger");
const { previewPlanImportAction } = await import("@/lib/plans/actions/import");

let liaison: Actor;
let admin: Actor;
let workbook: File;

beforeAll(async () => {
  liaison = await actorFor("jyj");
  admin = await actorForRole("ADMIN");
  const book = new ExcelJS.Workbook();
  book.addWorksheet("填报表").addRow(["序号"]);
  workbook = new File([new Uint8Array(await book.xlsx.writeBuffer())], "填报表.xlsx");
});

function post(files: File[]) {
  const form = new FormData();
  for (const file of files) form.append("file", file);
  return form;
}

describe("one workbook per upload", () => {
  it("the round workbook upload refuses two files and stores nothing", async () => {
    vi.mocked(getActor).mockResolvedValue(liaison);
    const before = await db.reportImport.count();
    const state = await previewReportImportAction(null, post([workbook, workbook]));
    expect(state).toMatchObject({ ok: false, error: "VALIDATION", fieldErrors: { file: "一次只能上传一个文件，请只选择一个。" } });
    expect(await db.reportImport.count()).toBe(before);
  });

  it("the plan workbook upload refuses two files and stores nothing", async () => {
    vi.mocked(getActor).mockResolvedValue(admin);
    const before = await db.planImport.count();
    const state = await previewPlanImportAction(null, post([workbook, workbook]));
    expect(state).toMatchObject({ ok: false, error: "VALIDATION", fieldErrors: { file: "一次只能上传一个文件，请只选择一个。" } });
    expect(await db.planImport.count()).toBe(before);
  });

  it("no file at all is asked for as before", async () => {
    vi.mocked(getActor).mockResolvedValue(liaison);
    const state = await previewReportImportAction(null, post([]));
    expect(state).toMatchObject({ ok: false, error: "VALIDATION", fieldErrors: { file: "请选择一个 .xlsx 填报表文件。" } });
  });
});
