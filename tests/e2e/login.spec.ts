import { DEMO_PASSWORD } from "./auth";
import { expect, test } from "./fixtures";

test.describe("signing in and out", () => {
  test("sends an anonymous visitor to the login page", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  });

  test("answers a wrong password with the generic message, then signs in with the right one", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("kxadmin");
    await page.getByLabel("密码").fill("Wrong#password1");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toHaveText(/用户名或密码错误，或账户已被停用或临时锁定/);

    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "实施方案概览" })).toBeVisible();
    await expect(page.getByTestId("current-user")).toContainText("市科协工作人员");
  });

  test("gives an unknown user exactly the same message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("no-such-user");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toHaveText(/用户名或密码错误，或账户已被停用或临时锁定/);
  });

  test("signs out, after which protected pages need a new sign-in", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("leader");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "实施方案概览" })).toBeVisible();

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login\?reason=loggedOut$/);
    await expect(page.getByText("您已安全退出。")).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
});
