import fs from "node:fs";
import path from "node:path";
import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";
import { fillLedger, readLedgerRows, type LedgerSheetRow } from "./support/ledger";

// 代填 (issue 12): CAST receives 市卫生健康委's workbook by e-mail, fills it (here: LibreOffice Calc
// saves it), imports it on the unit's behalf and submits the complete rows; the report says who
// entered it from which file, the one who entered it cannot approve it, and the unit's liaison sees it.

/** Sections 市卫生健康委 supports (the seed's assignments); no other spec opens a round on both. */
const SECTIONS = ["(五)实施科普人才队伍建设工程", "(二)实施城市劳动者科学素质提升行动"];
const UNIT = "市卫生健康委";
const KXADMIN_NAME = "张科普（示例·市科协科普部）";

test("CAST imports a unit's workbook on its behalf and submits it; the report shows 代填, its entrant cannot approve it, the liaison sees it", async ({
  page,
  browser,
}, testInfo) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const roundName = `代填导入-${stamp}`;

  await signInAs(page, "kxadmin");
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2025年第四季度");
  await page.getByLabel("截止日期").fill(shenzhenDay(30));
  for (const section of SECTIONS) await page.getByLabel(section, { exact: true }).check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
  const roundId = Number(/\/rounds\/(\d+)/.exec(page.url())![1]);

  // The round page offers every unit's workbook, each unit's own, and the on-behalf import.
  await expect(page.getByRole("link", { name: "下载全部单位填报表" })).toHaveAttribute("href", `/rounds/${roundId}/workbook?unit=all`);
  await expect(page.getByRole("link", { name: "代填导入" })).toHaveAttribute("href", `/reports/import?round=${roundId}`);
  const unitLink = page.getByRole("link", { name: `下载${UNIT}填报表`, exact: true });
  await expect(unitLink).toHaveAttribute("href", new RegExp(`^/rounds/${roundId}/workbook\\?unit=\\d+$`));
  const downloading = page.waitForEvent("download");
  await unitLink.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${roundName}-${UNIT}-填报表.xlsx`);
  const dir = testInfo.outputPath("on-behalf");
  fs.mkdirSync(dir, { recursive: true });
  const downloaded = path.join(dir, `downloaded-${download.suggestedFilename()}`);
  await download.saveAs(downloaded);
  const rows = await readLedgerRows(downloaded);
  expect(rows).toHaveLength(2);
  const [complete, untouched] = rows as [LedgerSheetRow, LedgerSheetRow];
  const reportId = Number(/^R(\d+)-V\d+$/.exec(complete.identity)![1]);

  // The unit's reply, as received by e-mail: one row complete, saved by LibreOffice Calc.
  const fileName = `${UNIT}-回传填报表-${stamp}.xlsx`;
  const filled = path.join(dir, fileName);
  const workDone = `开展医务人员科普能力培训 3 期\n培训 420 人次（${stamp}）`;
  const fill = await fillLedger(
    downloaded,
    [
      {
        report: reportId,
        cells: { 推进状态: "按计划推进", "完成度（%）": 75, 工作进展: workDone, "举办活动（场）": 3, "覆盖人数（人次）": 420 },
      },
    ],
    filled,
  );
  testInfo.annotations.push({ type: "LibreOffice fill", description: `${fill.seconds.toFixed(1)} s` });

  // Import it on the unit's behalf and submit the complete row.
  await page.getByRole("link", { name: "代填导入" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "上传填报表" })).toBeVisible();
  await page.getByLabel("代填单位").selectOption({ label: UNIT });
  await page.getByLabel("填报表文件").setInputFiles(filled);
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "填报表导入预览" })).toBeVisible();
  const previewRow = (title: string) => page.getByRole("table").getByRole("row").filter({ hasText: title });
  await expect(previewRow(complete.title)).toContainText("将保存");
  await expect(previewRow(untouched.title)).toContainText("无变化");
  await page.getByRole("radio", { name: "提交填写完整的报告" }).check();
  await page.getByRole("button", { name: "确认导入" }).click();
  const done = page.getByRole("alert").filter({ hasText: /^\s*导入完成/ });
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText(/提交\s*1\s*份/);
  await expect(done).toContainText(/未变化\s*1\s*行/);

  // The report says who entered it, when and from which file; its timeline shows 市科协代填.
  await page.goto(`/reports/${reportId}`);
  await expect(page.getByText("已报送待审核", { exact: true })).toBeVisible();
  await expect(page.getByText(`由${KXADMIN_NAME}代填`)).toBeVisible();
  await expect(page.getByText(`文件：${fileName}`)).toBeVisible();
  await expect(page.getByText(/代填时间：\d{4}-\d{2}-\d{2}/)).toBeVisible();
  const timeline = page.getByRole("list", { name: "报告时间线" });
  await expect(timeline.getByRole("listitem").filter({ hasText: "市科协代填" })).toHaveCount(1);
  await expect(timeline.getByRole("listitem").filter({ hasText: "市科协代填" })).toContainText(KXADMIN_NAME);

  // The one who entered it cannot approve it: refused in Chinese, and it stays awaiting review.
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByText(/这份报告是您代填的，不能由您本人审核通过/)).toBeVisible();
  await page.reload();
  await expect(page.getByText("已报送待审核", { exact: true })).toBeVisible();

  // The unit's liaison sees the report CAST entered for them, and who entered it.
  const liaisonContext = await browser.newContext();
  const liaison = await liaisonContext.newPage();
  await signInAs(liaison, "wjw");
  await liaison.goto("/my-tasks");
  await liaison.getByRole("listitem").filter({ hasText: roundName }).getByRole("link", { name: complete.title }).click();
  await expect(liaison).toHaveURL(new RegExp(`/reports/${reportId}$`));
  await expect(liaison.getByText(`由${KXADMIN_NAME}代填`)).toBeVisible();
  await expect(liaison.getByText(`文件：${fileName}`)).toBeVisible();
  await expect(liaison.getByText("培训 420 人次", { exact: false }).first()).toBeVisible();
  await liaisonContext.close();
});
