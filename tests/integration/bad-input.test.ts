/**
 * Issue 17 item 4: malformed ids, file names and the order of checks on evidence downloads.
 * Each case answered a 5xx, stored a control character or looked an object up before knowing
 * who asked; now each is a 4xx (or a form message in Chinese) and changes nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { addAttachment, downloadAttachment } from "@/lib/reporting/server/attachments";
import { previewPlanImport } from "@/lib/plans/server/plan-import";
import { actorFor, actorForRole, auditSince, lastAuditId } from "../support/actors";
import { openYouthRound, reportOf } from "../support/round-fixtures";
import { smallPlan, writeWorkbook } from "../support/plan-workbook";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

const attachmentRoute = await import("@/app/(portal)/attachments/[id]/route");
const previewRoute = await import("@/app/(portal)/attachments/[id]/preview/route");
const { previewPlanImportAction } = await import("@/lib/plans/actions/import");
const { uploadAttachmentAction } = await import("@/lib/reporting/actions/attachments");
const { saveReportAction } = await import("@/lib/reporting/actions/reports");

const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-bad-input-"));
let reportId = 0;
let attachmentId = 0;

beforeAll(async () => {
  process.env.UPLOAD_DIR = uploadDir;
  const { round } = await openYouthRound();
  reportId = (await reportOf(round.id, "市教育局")).id;
  attachmentId = (await addAttachment(await actorFor("jyj"), reportId, "签到表.pdf", PDF)).id;
});
afterAll(() => fs.rmSync(uploadDir, { recursive: true, force: true }));

describe("evidence downloads check who asks before looking anything up", () => {
  it("refuses nobody alike for an existing and a made-up attachment, recording the attachment id only", async () => {
    vi.mocked(getActor).mockResolvedValue(null);
    for (const id of [attachmentId, 2_000_000_000]) {
      for (const route of [attachmentRoute, previewRoute]) {
        const before = await lastAuditId();
        const response = await route.GET(new Request(`http://localhost/attachments/${id}`), {
          params: Promise.resolve({ id: String(id) }),
        });
        expect(response.status).toBe(401);
        const events = await auditSince(before);
        // Before the fix an existing attachment was looked up first and the refusal named its report (report.read).
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          action: "attachment.download",
          objectType: "Attachment",
          objectId: String(id),
          result: "DENIED",
        });
      }
    }
    await expect(downloadAttachment(null, attachmentId)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("answers 404 to an id beyond the database's range, signed in or not", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorForRole("ADMIN"));
    for (const id of ["99999999999999999999", "2147483648", "1e3"]) {
      const response = await attachmentRoute.GET(new Request(`http://localhost/attachments/${id}`), { params: Promise.resolve({ id }) });
      expect(response.status, id).toBe(404);
    }
  });
});

describe("ids in forms beyond the database's range are invalid input, not a lookup", () => {
  it("gives a field message for reportId 2147483648", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorFor("jyj"));
    const form = new FormData();
    form.set("reportId", "2147483648");
    form.set("version", "1");
    form.set("status", "ON_TRACK");
    form.set("workDone", "测试");
    const state = await saveReportAction(null, form);
    expect(state).toMatchObject({ ok: false, error: "VALIDATION", fieldErrors: { reportId: expect.stringMatching(/[\u4e00-\u9fff]/) } });
  });
});

describe("a control character in an upload's file name is refused in Chinese, and nothing is stored", () => {
  it("refuses a plan workbook named with a NUL", async () => {
    const admin = await actorForRole("ADMIN");
    const bytes = await writeWorkbook(smallPlan("bad-name-2026"));
    const imports = await db.planImport.count();
    for (const fileName of ["规划\u0000.xlsx", "\u0007规划.xlsx", "\u202eslx.exe", "../规划.xlsx"])
      await expect(previewPlanImport(admin, { fileName, bytes }), JSON.stringify(fileName)).rejects.toMatchObject({
        code: "VALIDATION",
        messageKey: "fileNameInvalid",
      });
    expect(await db.planImport.count()).toBe(imports);

    vi.mocked(getActor).mockResolvedValue(admin);
    const form = new FormData();
    form.set("file", new File([bytes], "规划\u0000.xlsx"));
    const state = await previewPlanImportAction(null, form);
    expect(state).toMatchObject({ ok: false, error: "VALIDATION", message: "文件名无效（不能含路径或特殊字符）。" });
    expect(await db.planImport.count()).toBe(imports);
    // The same workbook under a clean name is read as before.
    expect((await previewPlanImport(admin, { fileName: "规划.xlsx", bytes })).importId).toBeGreaterThan(0);
  });

  it("refuses evidence named with a NUL", async () => {
    vi.mocked(getActor).mockResolvedValue(await actorFor("jyj"));
    const count = await db.attachment.count();
    const form = new FormData();
    form.set("reportId", String(reportId));
    form.set("file", new File([PDF], "签到\u0000表.pdf"));
    const state = await uploadAttachmentAction(null, form);
    expect(state).toMatchObject({ ok: false, error: "VALIDATION", fieldErrors: { file: "文件名无效（不能含路径或特殊字符）。" } });
    expect(await db.attachment.count()).toBe(count);
  });
});
