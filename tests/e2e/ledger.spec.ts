import fs from "node:fs";
import path from "node:path";
import type { Download, Page } from "@playwright/test";
import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";
import { fillLedger, readLedgerRows, type LedgerSheetRow } from "./support/ledger";

// The ledger round-trip as a liaison (issue 12): download the unit's round workbook, fill it in
// LibreOffice Calc (a real office suite writes every byte of the upload), upload it, see the
// preview with one conflict and one invalid row, save the rest as drafts, and upload it again.

/** Sections 市教育局 supports (the seed's assignments): the round owes 市教育局 exactly three reports. */
const SECTIONS = ["(二)实施城市劳动者科学素质提升行动", "(三)实施老年人科学素质提升行动", "(二)实施科普信息化提升工程"];

/** Opens a round on SECTIONS as kxadmin and returns its id. */
async function openRound(page: Page, roundName: string, sections: string[]): Promise<number> {
  await signInAs(page, "kxadmin");
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2025年第四季度");
  await page.getByLabel("截止日期").fill(shenzhenDay(30));
  for (const section of sections) await page.getByLabel(section, { exact: true }).check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
  return Number(/\/rounds\/(\d+)/.exec(page.url())![1]);
}

const reportIdOf = (row: LedgerSheetRow) => Number(/^R(\d+)-V\d+$/.exec(row.identity)![1]);

/** The preview table's row of a report (by its 任务 text). */
const previewRow = (page: Page, title: string) => page.getByRole("table").getByRole("row").filter({ hasText: title });

async function saveDownload(download: Download, dir: string): Promise<string> {
  const file = path.join(dir, `downloaded-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return file;
}

test("a liaison fills the round workbook in LibreOffice, uploads it, resolves nothing silently and saves drafts; the same file again changes nothing", async ({
  page,
  browser,
}, testInfo) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const roundName = `填报表往返-${stamp}`;
  const roundId = await openRound(page, roundName, SECTIONS);

  // The liaison of 市教育局 downloads the unit's workbook from 我的任务.
  const liaisonContext = await browser.newContext();
  const liaison = await liaisonContext.newPage();
  await signInAs(liaison, "jyj");
  await liaison.goto("/my-tasks");
  const downloadLink = liaison
    .getByRole("link", { name: "下载填报表", exact: true })
    .and(liaison.locator(`[href="/rounds/${roundId}/workbook"]`));
  await expect(downloadLink).toHaveCount(1);
  const downloading = liaison.waitForEvent("download");
  await downloadLink.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${roundName}-市教育局-填报表.xlsx`);
  const dir = testInfo.outputPath("ledger");
  fs.mkdirSync(dir, { recursive: true });
  const downloaded = await saveDownload(download, dir);

  // Which report is on which row: the hidden 系统识别码 cell names it.
  const filled = path.join(dir, download.suggestedFilename());
  const conflictText = `门户中先改好的进展-${stamp}`;
  const workbookText = `开展老年人智能手机科普课堂 8 场\n覆盖 12 个社区、1500 人次（${stamp}）`;
  const rows = await readLedgerRows(downloaded);
  expect(rows).toHaveLength(3);
  const [rowA, rowB, rowC] = rows as [LedgerSheetRow, LedgerSheetRow, LedgerSheetRow];

  // Row C's report is changed in the portal after the download: the workbook's row for it is now stale.
  await liaison.goto(`/reports/${reportIdOf(rowC)}`);
  await liaison.getByLabel("工作进展").fill(conflictText);
  await liaison.getByRole("button", { name: "保存草稿" }).click();
  await expect(liaison.getByText("草稿已保存。")).toBeVisible();

  // Three rows typed in LibreOffice Calc: A valid, B with completion 120, C valid but stale.
  const fill = await fillLedger(
    downloaded,
    [
      { report: reportIdOf(rowA), cells: { 推进状态: "按计划推进", "完成度（%）": 60, 工作进展: workbookText } },
      { report: reportIdOf(rowB), cells: { 推进状态: "滞后", "完成度（%）": 120, 工作进展: `完成度填错的一行（${stamp}）` } },
      // Only 工作进展 differs from what the portal now holds: one field in conflict, both texts shown.
      { report: reportIdOf(rowC), cells: { 工作进展: `工作簿里的另一种说法（${stamp}）` } },
    ],
    filled,
  );
  expect(fill.rows.map((row) => row.identity)).toEqual(rows.map((row) => row.identity));
  testInfo.annotations.push({ type: "LibreOffice fill", description: `${fill.seconds.toFixed(1)} s` });

  // Upload from 我的任务's link.
  await liaison.goto("/my-tasks");
  await liaison.getByRole("link", { name: "上传填报表" }).and(liaison.locator('[href="/reports/import"]')).first().click();
  await expect(liaison.getByRole("heading", { level: 1, name: "上传填报表" })).toBeVisible();
  await expect(liaison.getByLabel("代填单位")).toHaveCount(0);
  await liaison.getByLabel("填报表文件").setInputFiles(filled);
  await liaison.getByRole("button", { name: "上传并预览" }).click();
  await expect(liaison.getByRole("heading", { level: 1, name: "填报表导入预览" })).toBeVisible();
  await expect(liaison).toHaveURL(/\/reports\/import\/\d+$/);

  // The preview: A will be saved, B has a problem, C is a conflict with both texts side by side.
  await expect(previewRow(liaison, rowA.title)).toContainText("将保存");
  await expect(previewRow(liaison, rowA.title)).toContainText("工作进展");
  await expect(previewRow(liaison, rowB.title)).toContainText("有问题");
  await expect(previewRow(liaison, rowC.title)).toContainText("冲突");
  await expect(liaison.getByRole("table").getByText("冲突", { exact: true })).toHaveCount(1);
  await expect(liaison.getByRole("table").getByText("有问题", { exact: true })).toHaveCount(1);
  const conflicts = liaison.getByRole("region", { name: "冲突", exact: true });
  await expect(conflicts.getByText("平台现有内容", { exact: true })).toHaveCount(1);
  await expect(conflicts.getByText("工作簿内容", { exact: true })).toHaveCount(1);
  await expect(conflicts).toContainText(conflictText);
  await expect(conflicts).toContainText(`工作簿里的另一种说法（${stamp}）`);
  const problems = liaison.getByRole("region", { name: "问题", exact: true });
  await expect(problems).toContainText(new RegExp(`第 ?${rowB.row} ?行 ?I ?列[：:].*完成度|第 ?${rowB.row} ?行.*完成度`));
  await expect(problems).not.toContainText(`第 ${rowA.row} 行`);

  // Save as drafts and confirm. The batch calls are held back a moment, so the progress the page
  // shows while they run can be seen: a progress bar and 已处理 X / Y 行.
  const previewUrl = liaison.url();
  await liaison.route(previewUrl, async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.fallback();
  });
  await liaison.getByRole("radio", { name: "保存为草稿" }).check();
  await liaison.getByRole("button", { name: "确认导入" }).click();
  const progress = liaison.getByRole("progressbar", { name: /导入进度|进度/ });
  await expect(progress).toBeVisible();
  await expect(liaison.getByText(/已处理 0 \/ 1 行/)).toBeVisible();
  const done = liaison.getByRole("alert").filter({ hasText: /^\s*导入完成/ });
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText(/保存草稿\s*1\s*份/);
  await expect(done).toContainText(/提交\s*0\s*份/);
  await expect(done).toContainText(/跳过\s*2\s*行/);
  await expect(done).toContainText(rowB.title);
  await expect(done).toContainText(rowC.title);
  await liaison.unroute(previewUrl);

  // Row A's report is a draft holding the workbook's text (line break and all); row C's kept the portal's.
  await liaison.goto(`/reports/${reportIdOf(rowA)}`);
  await expect(liaison.getByText("草稿", { exact: true })).toBeVisible();
  await expect(liaison.getByLabel("工作进展")).toHaveValue(workbookText);
  await expect(liaison.getByLabel("完成度（%）")).toHaveValue("60");
  await expect(liaison.getByLabel("推进状态").locator("option:checked")).toHaveText("按计划推进");
  await liaison.goto(`/reports/${reportIdOf(rowC)}`);
  await expect(liaison.getByLabel("工作进展")).toHaveValue(conflictText);
  await liaison.goto(`/reports/${reportIdOf(rowB)}`);
  await expect(liaison.getByLabel("完成度（%）")).toHaveValue("");

  // The same saved file again: nothing left to save, and confirming changes nothing.
  await liaison.goto("/reports/import");
  await liaison.getByLabel("填报表文件").setInputFiles(filled);
  await liaison.getByRole("button", { name: "上传并预览" }).click();
  await expect(liaison.getByRole("heading", { level: 1, name: "填报表导入预览" })).toBeVisible();
  await expect(previewRow(liaison, rowA.title)).toContainText("无变化");
  await expect(previewRow(liaison, rowB.title)).toContainText("有问题");
  await expect(previewRow(liaison, rowC.title)).toContainText("冲突");
  await expect(liaison.getByRole("table").getByText("将保存", { exact: true })).toHaveCount(0);
  await liaison.getByRole("radio", { name: "保存为草稿" }).check();
  await liaison.getByRole("button", { name: "确认导入" }).click();
  const again = liaison.getByRole("alert").filter({ hasText: /^\s*导入完成/ });
  await expect(again).toBeVisible({ timeout: 30_000 });
  await expect(again).toContainText(/保存草稿\s*0\s*份/);
  await expect(again).toContainText(/提交\s*0\s*份/);
  await liaison.goto(`/reports/${reportIdOf(rowA)}`);
  await expect(liaison.getByLabel("工作进展")).toHaveValue(workbookText);
  await liaison.goto(`/reports/${reportIdOf(rowC)}`);
  await expect(liaison.getByLabel("工作进展")).toHaveValue(conflictText);
  await liaisonContext.close();
});
