import type { Browser } from "@playwright/test";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

/**
 * CAST renames 市科技创新委 to 市科技创新局 (seed 002 shows the new name in use but gives no date,
 * so the rename takes the form's default effective date, today). Every page then shows the new
 * name, with 原市科技创新委 where the plan printed the old one. This changes what every page shows,
 * so it runs after all other specs (the after-all project), and it renames the unit back at the
 * end so later runs and other after-all specs see the seed.
 */

async function renameInRegistry(browser: Browser, from: string, to: { name: string; fullName: string }) {
  const page = await browser.newPage();
  try {
    await signInAs(page, "kxadmin");
    await page.goto("/units/manage");
    await page.getByTestId("unit-registry").getByRole("link", { name: from, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: from })).toBeVisible();
    await page.getByLabel("新简称").fill(to.name);
    await page.getByLabel("新全称").fill(to.fullName);
    await page.getByRole("button", { name: "保存更名" }).click();
    await expect(page.getByText("已更名。")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: to.name })).toBeVisible();
  } finally {
    await page.close();
  }
}

test.afterAll(async ({ browser }) => {
  // Put the seed back, whatever happened in the test (a no-op error if the rename never happened).
  await renameInRegistry(browser, "市科技创新局", { name: "市科技创新委", fullName: "深圳市科技创新委员会" }).catch(() => undefined);
});

test("CAST renames 市科技创新委 to 市科技创新局: every page shows the new name, the plan's text keeps the name as printed", async ({
  page,
}) => {
  await signInAs(page, "kxadmin");
  await page.goto("/units");
  await page.getByRole("link", { name: "管理单位名录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "单位名录" })).toBeVisible();
  await page.getByTestId("unit-registry").getByRole("link", { name: "市科技创新委", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: "市科技创新委" })).toBeVisible();
  await page.getByLabel("新简称").fill("市科技创新局");
  await page.getByLabel("新全称").fill("深圳市科技创新局");
  // The source (seed 002) names no date: the effective date stays the form's default, today.
  await expect(page.getByLabel("生效日期")).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByRole("button", { name: "保存更名" }).click();
  await expect(page.getByText("已更名。")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "市科技创新局" })).toBeVisible();
  const history = page.getByTestId("unit-name-history");
  await expect(history.getByRole("row").nth(1)).toContainText("市科技创新委深圳市科技创新委员会启用本平台前");
  await expect(history.getByRole("row").last()).toContainText("市科技创新局深圳市科技创新局");

  // The division table: the current name, with the printed one.
  await page.goto("/division");
  await expect(page.getByTestId("division-table")).toContainText("市发展改革委、市科技创新局（原市科技创新委）、市科协");
  await expect(page.getByTestId("division-table")).not.toContainText(/(?<!原)市科技创新委/);

  // The units list and the unit's page.
  await page.goto("/units");
  await expect(page.getByRole("main")).toContainText("市科技创新局（原市科技创新委）");
  await page.getByRole("link", { name: "市科技创新局", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "市科技创新局" })).toBeVisible();
  await expect(page.getByText("曾用名：市科技创新委")).toBeVisible();
  await expect(page.getByText("规划原文作：市科技创新委").first()).toBeVisible();

  // An item it leads: the plan's 分工 still reads as printed, next to the current name.
  await page.getByRole("link", { name: "(一)实施科技资源科普化工程" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("实施科技资源科普化工程");
  await expect(page.getByTestId("lead-units")).toContainText("市科技创新局（原市科技创新委）");
  await expect(page.getByTestId("lead-units").getByRole("link", { name: "市科技创新局" })).toBeVisible();
});
