import ExcelJS from "exceljs";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

test("a leader reads the overview, finds a measure by a phrase of its text and sees its lead units", async ({ page }) => {
  await signInAs(page, "leader");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "实施方案概览" })).toBeVisible();
  await expect(page.getByTestId("target")).toHaveText("2025年目标：超过25%");
  await expect(page.getByTestId("baseline")).toHaveText("基线：2020年 21.1%");
  await expect(page.getByText(/今天是 \d{4}-\d{2}-\d{2}/)).toBeVisible();
  const populations = page.getByRole("region", { name: "四大重点人群科学素质提升行动" }).getByRole("article");
  await expect(populations).toHaveCount(4);
  await expect(populations.first()).toContainText("青少年");
  await expect(populations.first()).toContainText("牵头单位：市教育局、团市委、市科协");
  await expect(page.getByRole("region", { name: "六大重点工程" }).getByRole("article")).toHaveCount(6);

  await page.getByRole("link", { name: "深圳市全民科学素质行动规划纲要实施方案(2022-2025年)" }).click();
  await page.getByRole("searchbox", { name: "在标题和全文中检索" }).fill("以学分制管理激励研究生开展科普活动");
  await page.getByRole("button", { name: "检索", exact: true }).click();
  await expect(page.getByText("共 1 项包含“以学分制管理激励研究生开展科普活动”")).toBeVisible();
  await page
    .getByTestId("plan-tree")
    .getByRole("link", { name: /大力发展科普场馆/ })
    .click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText("大力发展科普场馆、科普基地、科技出版");
  await expect(page.getByTestId("full-text")).toContainText("以学分制管理激励研究生开展科普活动");
  await expect(page.getByText("沿用上级条目的分工：(五)实施科普人才队伍建设工程")).toBeVisible();
  await expect(page.getByTestId("lead-units").getByRole("link")).toHaveText(["市人力资源和社会保障局", "市科协", "团市委"]);
});

test("a 2023 work point shows the plan measure it serves, with the reason", async ({ page }) => {
  await signInAs(page, "jyj");
  await page.goto("/plans/cast-2023");
  await page.getByTestId("plan-tree").getByRole("link", { name: "建立《科普资源名录》" }).click();
  const serves = page.getByRole("region", { name: "服务于《实施方案》" });
  await expect(serves.getByRole("link")).toHaveText("实施方案(2022-2025年) · 定期开展科普资源普查");
  await expect(serves).toContainText("建立科普资源名录");
});

test("a liaison exports their unit's division of labour and the workbook holds exactly its rows", async ({ page }) => {
  await signInAs(page, "jyj");
  await page.goto("/");
  await page.getByRole("link", { name: "查看市教育局承担的全部任务" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "市教育局" })).toBeVisible();
  await page.getByRole("link", { name: "导出本单位分工表" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "工作分工表：市教育局" })).toBeVisible();
  await expect(page.getByText("共 11 条，第 1 / 1 页")).toBeVisible();

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^工作分工表-市教育局-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const sheet = workbook.getWorksheet("工作分工表")!;
  const rows = sheet.getRows(3, sheet.rowCount - 2)!.map((row) => row.values as unknown[]);
  expect(rows).toHaveLength(11);
  expect(rows.map((row) => row[9])).toEqual(["牵头", "配合", "配合", "配合", "配合", "配合", "配合", "配合", "牵头", "配合", "配合"]);
  expect(rows.every((row) => String(row[6]).includes("市教育局") || String(row[7]).includes("市教育局"))).toBe(true);
});

test("CAST staff break a measure into a work item, edit it, and the history shows both versions", async ({ page }) => {
  // The specs share one database and run in parallel: this item leaves 市教育局 out, so the
  // liaison export above counts the same 11 rows whichever test runs first.
  const title = `青少年科技创新后备人才培育评估${Date.now().toString(36)}`;
  await signInAs(page, "kxadmin");
  await page.goto("/plans/sz-2022-2025?q=科普教育学分制");
  await page.getByTestId("plan-tree").getByRole("link", { name: "建立科学、多元的创新后备人才发现和培育机制" }).click();
  await page.getByRole("link", { name: "新增工作任务" }).click();
  await page.getByLabel("任务名称").fill(title);
  await page.getByLabel("任务内容").fill("在福田、南山两区选取试点学校，评估后备人才培育机制的实施效果。");
  await page.getByLabel("完成时限").fill("2025-06-30");
  await page.getByLabel("报送周期").selectOption({ label: "每季度" });
  await page.getByLabel("市教育局的职责").selectOption({ label: "不参与" });
  await page.getByLabel("团市委的职责").selectOption({ label: "不参与" });
  await page.getByLabel("福田区的职责").selectOption({ label: "配合" });
  await page.getByRole("button", { name: "创建工作任务" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("lead-units").getByRole("link")).toHaveText(["市科协"]);
  await expect(page.getByTestId("support-units")).toContainText("福田区");

  await page.getByRole("link", { name: "编辑" }).click();
  await page.getByLabel("完成时限").fill("2025-09-30");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page).toHaveURL(/tab=history$/);
  const history = page.getByTestId("revision-history").getByRole("listitem");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText("第 2 版 · 修改 · 张科普（示例·市科协科普部）");
  await expect(history.first().getByRole("row", { name: /完成时限/ })).toContainText("2025-06-30");
  await expect(history.first().getByRole("row", { name: /完成时限/ })).toContainText("2025-09-30");
  await expect(history.nth(1)).toContainText("第 1 版 · 创建");
  // Recorded codes and booleans in words: 每季度, not QUARTERLY; 否, not false.
  await expect(history.nth(1).getByRole("row", { name: /报送周期/ })).toContainText("每季度");
  await expect(history.nth(1).getByRole("row", { name: /已归档/ })).toContainText("否");
  await expect(history.nth(1)).not.toContainText("QUARTERLY");
});

test("a liaison sees no way to change the plan, and the edit page answers 403", async ({ page }) => {
  await signInAs(page, "jyj");
  await page.goto("/plans/sz-2022-2025");
  await page.getByTestId("plan-tree").getByRole("link", { name: "实施教师科学素质提升工程" }).click();
  // The link navigates client-side: wait for the item's own address before reading it.
  await page.waitForURL(/\/items\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "实施教师科学素质提升工程" })).toBeVisible();
  await expect(page.getByRole("link", { name: "新增工作任务" })).toHaveCount(0);
  const measureId = new URL(page.url()).pathname.split("/").pop();
  const response = await page.goto(`/items/new?parent=${measureId}`);
  expect(response?.status()).toBe(403);
});
