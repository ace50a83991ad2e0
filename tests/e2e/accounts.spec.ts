import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

test("an account administrator creates a liaison, who must change the temporary password; disabling ends the session", async ({
  page,
  browser,
}) => {
  const username = `e2e${Date.now().toString(36)}`;
  await signInAs(page, "useradmin");
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "新建账户" }).click();
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("端到端测试联络员");
  await page.getByLabel("角色").selectOption({ label: "单位联络员" });
  await page.getByLabel("所属单位").selectOption({ label: "市水务局" });
  await page.getByRole("button", { name: "创建账户" }).click();
  const temporaryPassword = (await page.getByTestId("temporary-password").textContent())!.trim();
  expect(temporaryPassword).toMatch(/^.{12}$/);

  // The new user, in a browser of their own.
  const liaisonContext = await browser.newContext();
  const liaison = await liaisonContext.newPage();
  await liaison.goto("/login");
  await liaison.getByLabel("用户名").fill(username);
  await liaison.getByLabel("密码").fill(temporaryPassword);
  await liaison.getByRole("button", { name: "登录" }).click();
  await expect(liaison).toHaveURL(/\/account\/password$/);
  await expect(liaison.getByText("须先修改密码才能继续使用")).toBeVisible();
  await liaison.goto("/");
  await expect(liaison).toHaveURL(/\/account\/password$/);

  await liaison.getByLabel("当前密码").fill(temporaryPassword);
  await liaison.getByLabel("新密码", { exact: true }).fill("Shuiwu#2026");
  await liaison.getByLabel("确认新密码").fill("Shuiwu#2026");
  await liaison.getByRole("button", { name: "保存新密码" }).click();
  await expect(liaison.getByText("密码已修改。")).toBeVisible();
  await expect(liaison.getByTestId("current-user")).toContainText("单位联络员 · 市水务局");

  // The administrator disables the account: the liaison's next request needs a new sign-in.
  await page.goto("/admin/users");
  await page.getByRole("link", { name: username }).click();
  await page.getByRole("button", { name: "停用账户" }).click();
  await page
    .getByRole("alertdialog", { name: `停用账户 ${username}？` })
    .getByRole("button", { name: "停用账户" })
    .click();
  await expect(page.getByText("账户已停用，其会话已全部失效。")).toBeVisible();

  await liaison.reload();
  await expect(liaison).toHaveURL(/\/login\?reason=revoked$/);
  await expect(liaison.getByText("您的会话已被终止")).toBeVisible();
  await liaisonContext.close();
});

test("a new password that breaks the policy is refused with the reason", async ({ page }) => {
  await signInAs(page, "leader");
  await page.goto("/account/password");
  await page.getByLabel("当前密码").fill("Kepu#2025");
  await page.getByLabel("新密码", { exact: true }).fill("leader2026");
  await page.getByLabel("确认新密码").fill("leader2026");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByText("密码须包含大写字母、小写字母、数字、符号中的至少3类。")).toBeVisible();
  await expect(page.getByLabel("新密码", { exact: true })).toHaveAttribute("aria-invalid", "true");
});
