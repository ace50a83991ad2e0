import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

test("useradmin asks for a new auditor account; an auditor approves it in the portal; useradmin collects the temporary password once", async ({
  page,
  browser,
}) => {
  const username = `e2eaud${Date.now().toString(36)}`;
  await signInAs(page, "useradmin");
  await page.goto("/admin/users/new");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("端到端审计员");
  await page.getByLabel("角色").selectOption({ label: "安全审计员" });
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByText(`账户 ${username} 是特权账户：已提交新建申请`)).toBeVisible();
  await expect(page.getByTestId("temporary-password")).toHaveCount(0);

  // The auditor finds it in the inbox and decides it on /audit/requests.
  const auditorContext = await browser.newContext();
  const auditor = await auditorContext.newPage();
  await signInAs(auditor, "auditor");
  await auditor.goto("/inbox");
  await auditor.getByRole("link", { name: new RegExp(`待审批：新建特权账户 ${username}`) }).click();
  await expect(auditor).toHaveURL(/\/audit\/requests$/);
  const card = auditor.locator("li", { hasText: `新建特权账户：${username}（安全审计员）` });
  await card.getByRole("button", { name: "批准", exact: true }).click();
  await auditor.getByRole("alertdialog", { name: "批准该申请？" }).getByRole("button", { name: "批准", exact: true }).click();
  // The page refreshes: the request has moved to the decided ones, approved.
  await expect(
    auditor.getByRole("region", { name: "最近处理的申请" }).locator("li", { hasText: `新建特权账户：${username}（安全审计员）` }),
  ).toContainText("已批准");
  await auditorContext.close();

  // The requester collects the temporary password, once.
  await page.goto("/admin/requests");
  const mine = page.locator("li", { hasText: `新建特权账户：${username}（安全审计员）` });
  await expect(mine.getByText("已批准")).toBeVisible();
  await mine.getByRole("button", { name: `领取 ${username} 的临时密码` }).click();
  const temporaryPassword = (await page.getByTestId("temporary-password").textContent())!.trim();
  expect(temporaryPassword).toMatch(/^.{12}$/);
  await page.reload();
  await expect(page.getByRole("button", { name: `领取 ${username} 的临时密码` })).toHaveCount(0);

  // The new auditor signs in with it and must change it first.
  const newContext = await browser.newContext();
  const fresh = await newContext.newPage();
  await fresh.goto("/login");
  await fresh.getByLabel("用户名").fill(username);
  await fresh.getByLabel("密码").fill(temporaryPassword);
  await fresh.getByRole("button", { name: "登录" }).click();
  await expect(fresh).toHaveURL(/\/account\/password$/);
  await newContext.close();
});

test("the account administrator opens the unit list (unit:read) without the plan work", async ({ page }) => {
  await signInAs(page, "useradmin");
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "责任单位" }).click();
  await expect(page).toHaveURL(/\/units$/);
  await expect(page.getByText("市教育局", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "市教育局" })).toHaveCount(0);
});
