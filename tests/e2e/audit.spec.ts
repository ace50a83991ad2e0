import fs from "node:fs";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

test("the auditor finds a failed login, verifies the chain and exports the trail as CSV", async ({ page, browser }) => {
  const ghost = `ghost${Date.now().toString(36)}`;
  const other = await browser.newPage();
  await other.goto("/login");
  await other.getByLabel("用户名").fill(ghost);
  await other.getByLabel("密码").fill("Wrong#password1");
  await other.getByRole("button", { name: "登录" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toBeVisible();
  await other.close();

  await signInAs(page, "auditor");
  await page.goto("/audit");
  await page.getByLabel("用户名").fill(ghost);
  await page.getByLabel("结果").selectOption({ label: "失败" });
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText("共 1 条，第 1 / 1 页")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: ghost });
  // In the reader's words, not the recorded codes (the CSV below keeps those).
  await expect(row).toContainText("登录");
  await expect(row).toContainText("用户名不存在");
  await expect(row).not.toContainText("auth.login");
  await expect(row).not.toContainText("unknown_user");

  await page.getByRole("button", { name: "校验审计链" }).click();
  await expect(page.getByText(/审计链完整：\d+ 条记录全部通过校验。/)).toBeVisible();
  // The chain is also checked against its anchor outside the database (written at boot and daily).
  await expect(
    page.getByText(/审计链完整：\d+ 条记录全部通过校验。(尚无库外锚点|与最近的库外锚点（.+，第 \d+ 条记录）一致)/),
  ).toBeVisible();

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith('\uFEFF"序号","时间","用户"')).toBe(true);
  expect(csv.trim().split("\r\n")).toHaveLength(2);
  expect(csv).toContain(`"${ghost}"`);
  expect(csv).toContain("+08:00");
  expect(csv).toContain('"auth.login"');
  expect(csv).toContain('"unknown_user"');
});
