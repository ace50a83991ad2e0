import fs from "node:fs";
import ExcelJS from "exceljs";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

/**
 * 年度考核: CAST opens the 2024 assessment (computed from the demo history's rounds due in 2024),
 * sees the ranked units with each calculation, finalises it and exports the table; a liaison sees
 * only their own unit's score. No other spec touches assessments; a retry finds the year already
 * open (or final) and goes on from there.
 */
test("CAST opens 2024, sees ranked units with the calculation, finalises and exports; a liaison sees only their unit", async ({ page }) => {
  await signInAs(page, "kxadmin");
  await page.goto("/assessments");
  await expect(page.getByRole("heading", { level: 1, name: "年度考核" })).toBeVisible();
  const existing = page.getByRole("link", { name: "2024年度考核" });
  if ((await existing.count()) === 0) {
    await page.getByLabel("考核年度").fill("2024");
    await page.getByRole("button", { name: "新建并计算" }).click();
    await page.waitForURL(/\/assessments\/2024$/);
  } else {
    await existing.click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2024年度考核");
  await expect(page.getByTestId("assessment-rules")).toContainText("按时报送 40");

  const rows = page.getByTestId("assessment-row");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThan(10);
  // Ranked: the first row is rank 1, scores never rise down the table.
  await expect(rows.first().getByRole("cell").first()).toHaveText("1");
  const scores = await rows.evaluateAll((elements) => elements.map((row) => Number(row.querySelectorAll("td")[2]!.textContent)));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  // The calculation line by line, with the raw figures.
  await rows.first().getByText("展开计算过程").click();
  await expect(rows.first().getByText(/^按时报送 \d+\/\d+ = [\d.]+% × 权重 40 = [\d.]+$/)).toBeVisible();
  await expect(rows.first().getByText(/^被催办扣分 权重 10 − 被催办 \d+ 次 × 2 = [\d.]+$/)).toBeVisible();

  const finalise = page.getByRole("button", { name: "定稿", exact: true });
  if (await finalise.isVisible()) {
    await finalise.click();
    await page.getByRole("alertdialog").getByRole("button", { name: "确认定稿" }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toContainText("已定稿");
  await expect(page.getByRole("button", { name: "保存权重并重新计算" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "按最新数据重新计算" })).toHaveCount(0);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出考核表（Excel）" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("2024年度考核.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet("2024年度考核")!;
  expect(sheet.rowCount - 1).toBe(await rows.count());
  expect(sheet.getRow(2).getCell(1).value).toBe(1);
  expect(String(sheet.getRow(2).getCell(8).value)).toMatch(/^按时报送 \d+\/\d+/);

  // A liaison of 市教育局: their own unit's score and calculation, nothing of other units, no export.
  await page.context().clearCookies();
  await signInAs(page, "jyj");
  await page.goto("/assessments");
  await page.getByRole("link", { name: "2024年度考核" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2024年度考核");
  await expect(page.getByTestId("assessment-row")).toHaveCount(1);
  await expect(page.getByTestId("assessment-row").getByRole("cell").nth(1)).toHaveText("市教育局");
  await page.getByText("展开计算过程").click();
  await expect(page.getByTestId("assessment-row").getByText(/^按时报送 \d+\/\d+/)).toBeVisible();
  await expect(page.getByRole("link", { name: "导出考核表（Excel）" })).toHaveCount(0);
  expect((await page.request.get("/assessments/2024/export")).status()).toBe(403);
});
