import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

const CASES = [
  {
    username: "kxadmin",
    landing: "实施方案概览",
    nav: [
      "概览",
      "领导看板",
      "审核队列",
      "报告检索",
      "报送轮次",
      "规划与要点",
      "工作分工表",
      "责任单位",
      "指标",
      "总结评估",
      "年度考核",
      "公众评价",
    ],
  },
  { username: "jyj", landing: "实施方案概览", nav: ["概览", "我的任务", "规划与要点", "工作分工表", "责任单位", "指标", "年度考核"] },
  {
    username: "leader",
    landing: "实施方案概览",
    nav: ["概览", "领导看板", "报告检索", "报送轮次", "规划与要点", "工作分工表", "责任单位", "指标", "总结评估", "年度考核"],
  },
  { username: "auditor", landing: "审计日志", nav: ["审计日志"] },
  { username: "useradmin", landing: "账户管理", nav: ["责任单位", "账户管理"] },
];

test.describe("each role sees only its own navigation", () => {
  for (const { username, landing, nav } of CASES) {
    test(`${username} lands on ${landing} with ${nav.join("、")}`, async ({ page }) => {
      await signInAs(page, username);
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: landing })).toBeVisible();
      const links = page.getByRole("navigation", { name: "主导航" }).getByRole("link");
      await expect(links).toHaveText(nav);
    });
  }
});

const FORBIDDEN = [
  { username: "jyj", path: "/admin/users" },
  { username: "jyj", path: "/audit" },
  { username: "leader", path: "/admin/users/new" },
  { username: "kxadmin", path: "/audit" },
  { username: "auditor", path: "/admin/users" },
  { username: "useradmin", path: "/audit" },
  { username: "jyj", path: "/review" },
  { username: "jyj", path: "/rounds/new" },
  { username: "leader", path: "/review" },
  { username: "kxadmin", path: "/my-tasks" },
  { username: "jyj", path: "/dashboard" },
  { username: "auditor", path: "/indicators" },
];

test.describe("opening another role's page", () => {
  for (const { username, path } of FORBIDDEN) {
    test(`${username} gets 403 on ${path}`, async ({ page }) => {
      await signInAs(page, username);
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
    });
  }

  test("a liaison cannot download the audit trail either", async ({ page }) => {
    await signInAs(page, "jyj");
    const response = await page.request.get("/audit/export");
    expect(response.status()).toBe(403);
  });
});
