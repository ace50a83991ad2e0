import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";

// The round workbook out (issue 12): CAST's links on the round page and the liaison's on 我的任务,
// real downloads with their Chinese file names, and no workbook once the round is closed.

/** A section 市教育局 leads (the seed's assignments). */
const SECTION = "(六)实施科学素质交流与合作工程";

test("CAST and a liaison download the round workbook while the round is open, and not after it closes", async ({ page, browser }) => {
  const roundName = `填报表下载-${Date.now().toString(36)}`;
  await signInAs(page, "kxadmin");
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2025年第四季度");
  await page.getByLabel("截止日期").fill(shenzhenDay(30));
  await page.getByLabel(SECTION, { exact: true }).check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
  const roundId = Number(/\/rounds\/(\d+)/.exec(page.url())![1]);

  // The round page: all units, each unit, and the on-behalf import.
  await expect(page.getByRole("link", { name: "代填导入" })).toHaveAttribute("href", `/reports/import?round=${roundId}`);
  await expect(page.getByRole("link", { name: "下载市教育局填报表", exact: true })).toHaveAttribute(
    "href",
    new RegExp(`^/rounds/${roundId}/workbook\\?unit=\\d+$`),
  );
  const allLink = page.getByRole("link", { name: "下载全部单位填报表" });
  await expect(allLink).toHaveAttribute("href", `/rounds/${roundId}/workbook?unit=all`);
  const downloadingAll = page.waitForEvent("download");
  await allLink.click();
  expect((await downloadingAll).suggestedFilename()).toBe(`${roundName}-全部单位-填报表.xlsx`);

  // The liaison of 市教育局 finds the round's workbook on 我的任务.
  const liaisonContext = await browser.newContext();
  const liaison = await liaisonContext.newPage();
  await signInAs(liaison, "jyj");
  await liaison.goto("/my-tasks");
  await expect(liaison.getByRole("heading", { name: "填报表", exact: true })).toBeVisible();
  const item = liaison.getByTestId("round-workbooks").getByRole("listitem").filter({ hasText: roundName });
  await expect(item.getByRole("link", { name: "上传填报表" })).toHaveAttribute("href", "/reports/import");
  const downloading = liaison.waitForEvent("download");
  await item.getByRole("link", { name: "下载填报表", exact: true }).click();
  expect((await downloading).suggestedFilename()).toBe(`${roundName}-市教育局-填报表.xlsx`);
  // Another unit's workbook is refused.
  const otherUnit = await page.getByRole("link", { name: "下载市委宣传部填报表", exact: true }).getAttribute("href");
  expect((await liaison.request.get(otherUnit!)).status()).toBe(403);

  // Closed: the links are gone and a download answers 409 with the reason in Chinese.
  await page.getByRole("button", { name: "结束本轮报送" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "结束本轮报送" }).click();
  await expect(page.getByTestId("round-status")).toContainText("状态：已结束");
  await expect(page.getByRole("link", { name: "下载全部单位填报表" })).toHaveCount(0);
  const closed = await liaison.request.get(`/rounds/${roundId}/workbook`);
  expect(closed.status()).toBe(409);
  expect(await closed.text()).toContain("本轮报送已结束，不能再下载填报表。");
  await liaison.goto("/my-tasks");
  await expect(liaison.getByTestId("round-workbooks").getByRole("listitem").filter({ hasText: roundName })).toHaveCount(0);
  await liaisonContext.close();
});
