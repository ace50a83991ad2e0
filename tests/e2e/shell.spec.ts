import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

test.describe("the app shell", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "kxadmin");
  });

  test("shows the Chinese shell with header, sidebar and content at 1280 px", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/");
    await expect(page).toHaveTitle("深圳市全民科学素质纲要实施管理平台");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("banner").getByRole("link", { name: "深圳市全民科学素质纲要实施管理平台" })).toBeVisible();
    const sidebar = page.getByRole("navigation", { name: "主导航" });
    await expect(sidebar).toBeVisible();
    await expect(sidebar.getByRole("link", { name: "概览" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("main").getByRole("heading", { level: 1, name: "实施方案概览" })).toBeVisible();
    await expect(page.getByRole("button", { name: /导航菜单/ })).toBeHidden();
    await expect(page.getByTestId("current-user")).toHaveText("张科普（示例·市科协科普部） · 市科协工作人员");
  });

  test("shows the navigation of plan work", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link")).toHaveText([
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
    ]);
  });

  test("prefetches no links, and a click still opens the page without reloading the document", async ({ page }) => {
    // Every prefetch is a request the server renders (the pages are per user): a page view sends
    // none, however many links it shows (components/ui/Link.tsx).
    const prefetches: string[] = [];
    page.on("request", (request) => {
      if (request.headers()["next-router-prefetch"]) prefetches.push(request.url());
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/review");
    await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toBeVisible();
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(1500);
    expect(prefetches).toEqual([]);

    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "报送轮次" }).click();
    await expect(page).toHaveURL(/\/rounds$/);
    await expect(page.getByRole("main").getByRole("heading", { level: 1, name: "报送轮次" })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await page.waitForTimeout(1000);
    expect(prefetches).toEqual([]);
  });

  test("renders CJK text with a system font, loading no web fonts @phone", async ({ page }) => {
    await page.goto("/");
    const fontFamily = await page.locator("body").evaluate((body) => getComputedStyle(body).fontFamily);
    expect(fontFamily).toContain("Noto Sans CJK SC");
    const fontRequests = await page.evaluate(() =>
      performance.getEntriesByType("resource").filter((entry) => /\.(woff2?|ttf|otf)(\?|$)/.test(entry.name)),
    );
    expect(fontRequests).toEqual([]);
  });

  test("collapses the sidebar into a menu on a phone-width screen @phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
    const toggle = page.getByRole("button", { name: "打开导航菜单" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    const menu = page.getByRole("navigation", { name: "主导航" });
    await expect(menu).toBeVisible();
    await expect(page.getByRole("button", { name: "关闭导航菜单" })).toHaveAttribute("aria-expanded", "true");
    await menu.getByRole("link", { name: "规划与要点" }).click();
    await expect(page).toHaveURL(/\/plans$/);
    await expect(menu).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("switches to English and back, remembering the choice", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "切换到英文界面" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Plan overview" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Plan overview" })).toBeVisible();
    await page.getByRole("button", { name: "Switch to the Chinese interface" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "实施方案概览" })).toBeVisible();
  });

  test("answers unknown addresses with a Chinese 404 page", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    await page.getByRole("link", { name: "返回首页" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "实施方案概览" })).toBeVisible();
  });
});

test.describe("GET /api/health", () => {
  test("reports a reachable, fully migrated database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { reachable: true }, migrations: { pending: 0 } });
  });

  test("reports that the evidence folder is writable and how much space is left", async ({ request }) => {
    const body = await (await request.get("/api/health")).json();
    expect(body.evidence).toMatchObject({ writable: true, minFreeMegabytes: 512 });
    expect(body.evidence.freeMegabytes).toBeGreaterThan(body.evidence.minFreeMegabytes);
  });
});
