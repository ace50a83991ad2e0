import { signInAs } from "./auth";
import { expect, test } from "./fixtures";
import { readText } from "../support/unzip";
import fs from "node:fs";

test("a leader sees the headline and the gap, views a chart as a table and downloads the bulletin", async ({ page }) => {
  await signInAs(page, "leader");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "领导看板" })).toBeVisible();
  await expect(page.getByTestId("headline-figure")).toHaveText("24.8%");
  await expect(page.getByTestId("gap-sentence")).toHaveText("距2025年目标还差0.2个百分点");
  await expect(page.getByText("示例数据", { exact: true }).first()).toBeVisible();

  const literacy = page.getByRole("figure").filter({ hasText: "公民具备科学素质的比例：实际值与目标" });
  const table = literacy.getByRole("table");
  await expect(table).not.toBeInViewport();
  await literacy.getByRole("button", { name: "以表格查看" }).click();
  await expect(table).toBeVisible();
  await expect(table.getByRole("row", { name: /2020/ })).toContainText("21.1%");
  await expect(table.getByRole("row", { name: /2025/ })).toContainText("25.0%");
  await expect(literacy.getByRole("button", { name: "以图表查看" })).toBeVisible();

  await expect(page.getByTestId("ranking").getByRole("row")).not.toHaveCount(1);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载进展通报（Word）" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^进展通报-.+\.docx$/);
  const xml = readText(fs.readFileSync((await download.path())!), "word/document.xml");
  expect(xml).toContain("全民科学素质行动规划纲要实施进展通报");
  expect(xml).toContain("距2025年目标还差0.2个百分点");
});

test("an anonymous visitor reads the public progress page, with approved content only", async ({ page }) => {
  await page.goto("/progress");
  await expect(page.getByRole("heading", { level: 1, name: "实施进展公开" })).toBeVisible();
  await expect(page.getByText("2025年：我市公民具备科学素质的比例超过25%")).toBeVisible();
  await expect(page.getByRole("figure").filter({ hasText: "公民具备科学素质的比例" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "(一)实施青少年科学素质提升行动" })).toBeVisible();
  const html = await page.content();
  expect(html).toContain("（示例数据）");
  // Review comments, problems and people's names of the demo history never reach the public page.
  for (const internal of ["请补充量化数据和佐证材料", "场地与经费尚未落实", "联络员（示例）", "市科协科普部（示例）"]) {
    expect(html).not.toContain(internal);
  }
});
