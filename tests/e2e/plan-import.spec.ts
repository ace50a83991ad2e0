import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

/** Fills the downloaded template as an office would: particulars, a phase and a small tree of items. */
async function fillTemplate(template: Buffer, code: string, leadOfFestival: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const info = workbook.getWorksheet("规划信息")!;
  const particulars: Record<string, string | number> = {
    规划代码: code,
    规划类型: "总体方案",
    标题: `示例：端到端导入测试方案（${code}）`,
    简称: "示例导入方案",
    发文单位: "深圳市人民政府",
    起始年度: 2026,
    截止年度: 2030,
  };
  info.eachRow((row, number) => {
    const label = String(row.getCell(1).value ?? "");
    if (number > 1 && label in particulars) row.getCell(2).value = particulars[label]!;
  });
  workbook.getWorksheet("阶段")!.addRow([1, "全面实施", 2026, 2030, "全面推进"]);
  const items = workbook.getWorksheet("条目")!;
  items.addRow([
    "t1",
    "",
    "任务",
    "（一）",
    "示例青少年科学素质提升行动",
    "激发青少年好奇心。",
    "",
    "市教育局",
    "市科协",
    "",
    null,
    null,
    "",
    "",
  ]);
  items.addRow(["t1.m1", "t1", "措施", "", "示例科学教育体系建设", "", "推进科学教育。", "", "", "全面实施", null, null, "", ""]);
  items.addRow([
    "t1.m1.w1",
    "t1.m1",
    "工作事项",
    "1.",
    "示例举办青少年科技节",
    "",
    "",
    leadOfFestival,
    "团市委",
    "全面实施",
    null,
    new Date(Date.UTC(2027, 11, 31)),
    "季度",
    "",
  ]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-import-")), `${code}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

test("CAST downloads the template, uploads a filled plan, fixes the one error the preview shows and imports it", async ({ page }) => {
  const code = `e2e-import-${Date.now().toString(36)}`;
  await signInAs(page, "kxadmin");
  await page.goto("/plans");
  await page.getByRole("link", { name: "从工作簿导入规划" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "从工作簿导入规划" })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载导入模板（.xlsx）" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("规划导入模板.xlsx");
  const template = fs.readFileSync((await download.path())!);

  // First upload: the work item's lead unit is misspelt.
  await page.getByLabel("规划工作簿").setInputFiles(await fillTemplate(template, code, "市教育"));
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "规划导入预览" })).toBeVisible();
  await expect(page.getByText("发现 1 个问题")).toBeVisible();
  const problems = page.getByTestId("import-problems");
  await expect(problems.getByRole("row")).toHaveCount(2);
  await expect(problems.getByRole("row").nth(1)).toContainText("条目");
  await expect(problems.getByRole("row").nth(1)).toContainText("H");
  await expect(problems.getByRole("row").nth(1)).toContainText("平台中没有单位「市教育」。您是否要填：「市教育局」");
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);
  await expect(page.getByTestId("import-preview-tree")).toContainText("示例举办青少年科技节");

  // Fixed and uploaded again: no problems, the tree as it will appear, then confirmed.
  await page.getByRole("link", { name: "重新上传工作簿" }).click();
  await page.getByLabel("规划工作簿").setInputFiles(await fillTemplate(template, code, "市教育局"));
  await page.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByText("未发现问题，可以确认导入。")).toBeVisible();
  const tree = page.getByTestId("import-preview-tree");
  await expect(tree).toContainText("（一）");
  await expect(tree).toContainText("示例青少年科学素质提升行动");
  await expect(tree).toContainText("牵头：市教育局");
  await page.getByRole("button", { name: "确认导入" }).click();

  await expect(page).toHaveURL(new RegExp(`/plans/${code}`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`示例：端到端导入测试方案（${code}）`);
  const planTree = page.getByTestId("plan-tree");
  await expect(planTree).toContainText("示例青少年科学素质提升行动");
  await expect(planTree).toContainText("示例科学教育体系建设");
  await expect(planTree).toContainText("示例举办青少年科技节");
});
