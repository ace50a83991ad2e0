import fs from "node:fs";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";
import { readText } from "../support/unzip";

test("a CAST officer cannot open a round whose deadline has passed, and is told why on the field", async ({ page }) => {
  const roundName = `过期截止测试-${Date.now().toString(36)}`;
  await signInAs(page, "kxadmin");
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2019年度");
  await page.getByLabel("截止日期").fill("2020-01-01");
  await page.getByLabel("(五)实施科普人才队伍建设工程").check();
  await page.getByRole("button", { name: "发起报送" }).click();
  const deadline = page.getByLabel("截止日期");
  await expect(deadline).toHaveAccessibleDescription("截止日期不能早于今天，请选择今天或以后的日期。");
  await expect(deadline).toHaveAttribute("aria-invalid", "true");
  // What was typed is still there, and no round was opened.
  await expect(page.getByLabel("轮次名称")).toHaveValue(roundName);
  await expect(deadline).toHaveValue("2020-01-01");
  await page.goto("/rounds");
  await expect(page.getByText(roundName)).toHaveCount(0);
});

test("a CAST officer sees every overdue and returned report by unit, and picks the bulletin's highlights", async ({ page }) => {
  await signInAs(page, "kxadmin");
  await page.goto("/dashboard");
  await page.getByLabel("报送轮次").selectOption({ label: "2025年第二季度进展报送（示例数据）" });
  await page.getByRole("button", { name: "查看", exact: true }).click();
  await expect(page).toHaveURL(/round=\d+/);

  // The heading counts every row, and the summary splits it into overdue and returned.
  const attention = page.getByTestId("attention");
  const heading = await page.getByRole("heading", { name: /^逾期与退回（\d+）$/ }).textContent();
  const total = Number(/（(\d+)）/.exec(heading ?? "")?.[1]);
  const summary = (await page.getByTestId("attention-summary").textContent()) ?? "";
  const [, overdue, returned, units] = /逾期未报送(\d+)份，退回修改(\d+)份，涉及(\d+)个单位/.exec(summary)!.map(Number);
  expect(overdue! + returned!).toBe(total);
  expect(returned).toBeGreaterThan(0);
  const unitRows = attention.getByTestId("attention-unit");
  await expect(unitRows).toHaveCount(units!);
  for (const row of await unitRows.all()) await row.locator("summary").click();
  await expect(attention.getByRole("link")).toHaveCount(total);
  await expect(unitRows.getByRole("listitem").filter({ hasText: "退回修改" })).toHaveCount(returned!);

  // Highlights: untick the suggestions, tick one approved report, make the bulletin.
  const picker = page.getByTestId("highlight-picker");
  const boxes = picker.getByRole("checkbox");
  for (const box of await boxes.all()) await box.uncheck();
  const choice = picker.getByRole("listitem").last();
  const [, unit, item] = /^(.+?) · (.+?)覆盖\d+人次/.exec((await choice.textContent()) ?? "")!;
  await choice.getByRole("checkbox").check();
  const downloadPromise = page.waitForEvent("download");
  await picker.getByRole("button", { name: "生成含所选亮点的进展通报（Word）" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^进展通报-2025年第二季度进展报送\.docx$/);
  const xml = readText(fs.readFileSync((await download.path())!), "word/document.xml");
  expect(xml).toContain(">第6期<");
  expect(xml).toContain("三、工作亮点");
  expect(xml).toContain(`（一）${unit}：${item}`);
  expect(xml).not.toContain("（二）" + unit);
});
