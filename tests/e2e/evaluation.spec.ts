import fs from "node:fs";
import ExcelJS from "exceljs";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";
import { readText } from "../support/unzip";

/**
 * 总结评估: CAST opens an evaluation of the 2022–2025 plan, edits a conclusion, finalises it and
 * downloads the Word report and the Excel annex; a leader reads it. The evaluation is this spec's
 * own (a unique title), and the figures checked are its stored ones (other specs' approvals later
 * change nothing in it), so nothing here depends on what other specs do to the shared database.
 */
test("CAST opens, edits, finalises and downloads the 2022–2025 evaluation; a leader reads it", async ({ page }) => {
  const title = `端到端总结评估${Date.now()}`;
  await signInAs(page, "kxadmin");
  await page.goto("/evaluations");
  await expect(page.getByRole("heading", { level: 1, name: "总结评估" })).toBeVisible();
  await expect(page.getByLabel("规划")).toContainText("2022");
  await page.getByLabel("评估标题（可不填）").fill(title);
  await page.getByRole("button", { name: "开始评估" }).click();
  await page.waitForURL(/\/evaluations\/\d+$/);
  const url = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.getByText("示例数据", { exact: true }).first()).toBeVisible();
  const approved = (await page.getByTestId("total-approvedReports").textContent())!.trim();
  const people = (await page.getByTestId("total-peopleReached").textContent())!.trim();
  expect(Number(approved)).toBeGreaterThan(0);
  // The portal's draft states the figures.
  await expect(page.getByLabel("总体结论")).toHaveValue(new RegExp(`已审定报告${approved}份`));

  const conclusion = "端到端测试修改的总体结论：各项举措总体按计划推进。";
  await page.getByLabel("总体结论").fill(conclusion);
  await page.getByRole("button", { name: "保存结论" }).click();
  await expect(page.getByText("结论已保存为第2版。")).toBeVisible();

  await page.getByRole("button", { name: "定稿" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "定稿" }).click();
  await expect(page.getByTestId("evaluation-final")).toContainText("已定稿");
  await expect(page.getByTestId("conclusion-overall")).toContainText(conclusion);
  await expect(page.getByRole("button", { name: "保存结论" })).toHaveCount(0);

  const wordDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载评估报告（Word）" }).click();
  const word = await wordDownload;
  expect(word.suggestedFilename()).toBe(`${title}.docx`);
  const xml = readText(fs.readFileSync((await word.path())!), "word/document.xml");
  expect(xml).toContain(title);
  expect(xml).toContain(conclusion);
  expect(xml).toContain(`<w:t xml:space="preserve">${people}</w:t>`);

  const excelDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载数据附件（Excel）" }).click();
  const excel = await excelDownload;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await excel.path())!);
  const overview = workbook.getWorksheet("总体情况")!;
  const cells = new Map<string, ExcelJS.CellValue>();
  overview.eachRow((row) => void cells.set(String(row.getCell(1).value), row.getCell(2).value));
  expect(cells.get("状态")).toBe("已定稿");
  expect(cells.get("已审定报告（份）")).toBe(Number(approved));
  expect(cells.get("覆盖（人次）")).toBe(Number(people));

  // A leader reads the finalised evaluation and can change nothing.
  await page.context().clearCookies();
  await signInAs(page, "leader");
  await page.goto("/evaluations");
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId("evaluation-final")).toContainText("已定稿");
  await expect(page.getByTestId("conclusion-overall")).toContainText(conclusion);
  await expect(page.getByTestId("total-approvedReports")).toHaveText(approved);
  await expect(page.getByRole("button", { name: "定稿" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "开始评估" })).toHaveCount(0);
});
