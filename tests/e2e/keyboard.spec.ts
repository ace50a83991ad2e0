import type { Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, signInAs } from "./auth";
import { expect, test } from "./fixtures";

// Keyboard-only journeys: after `locator.focus()` to start, only page.keyboard is used.

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 60, backwards = false } = {}) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${target} not reached with ${max} Tab presses`);
}

/** The report a liaison owes in a round, found from 我的任务 (its address, so the keyboard journey can start there). */
async function reportAddress(page: Page, roundName: string, item: string) {
  await page.goto("/my-tasks");
  const href = await page
    .getByRole("listitem")
    .filter({ hasText: roundName })
    .getByRole("link", { name: item })
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/reports\/\d+$/);
  return href!;
}

/** A date `days` from today, as the date field wants it. */
function dateFromToday(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// --- WCAG relative luminance and contrast ratio (1.4.3 / 1.4.11) ---
type Rgb = [number, number, number];
function luminance([r, g, b]: Rgb) {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
function contrast(a: Rgb, b: Rgb) {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

interface FocusRing {
  label: string;
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  ring: Rgb;
  /** What lies under the ring on each side (the first painted background beneath it). */
  behind: Rgb[];
}

/** The focused element's outline colour and the colours behind the ring, resolved in the page (any CSS colour → sRGB). */
async function focusRing(page: Page): Promise<FocusRing> {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    const toRgba = (color: string) => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = "#000";
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      return Array.from(context.getImageData(0, 0, 1, 1).data) as [number, number, number, number];
    };
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    const offset = parseFloat(style.outlineOffset) || 0;
    const width = parseFloat(style.outlineWidth) || 0;
    const gap = offset + width / 2;
    const rect = element.getBoundingClientRect();
    const backgroundAt = (x: number, y: number): [number, number, number] => {
      const beneath = document
        .elementsFromPoint(Math.max(0, x), Math.max(0, y))
        .filter((node) => node !== element && !element.contains(node));
      for (const node of beneath) {
        const [r, g, b, a] = toRgba(getComputedStyle(node).backgroundColor);
        if (a > 0) return [r, g, b];
      }
      const [r, g, b] = toRgba(getComputedStyle(document.body).backgroundColor);
      return [r, g, b];
    };
    const [r, g, b] = toRgba(style.outlineColor);
    return {
      label: (element.getAttribute("aria-label") ?? element.innerText ?? element.tagName).trim().slice(0, 30),
      focusVisible: element.matches(":focus-visible"),
      outlineStyle: style.outlineStyle,
      outlineWidth: width,
      ring: [r, g, b] as [number, number, number],
      behind: [
        backgroundAt(rect.left - gap, rect.top + rect.height / 2),
        backgroundAt(rect.right + gap, rect.top + rect.height / 2),
        backgroundAt(rect.left + rect.width / 2, rect.top - gap),
        backgroundAt(rect.left + rect.width / 2, rect.bottom + gap),
      ],
    };
  });
}

function expectVisibleRing(ring: FocusRing) {
  expect(ring.focusVisible, `${ring.label}: :focus-visible`).toBe(true);
  expect(ring.outlineStyle, `${ring.label}: outline`).not.toBe("none");
  expect(ring.outlineWidth, `${ring.label}: outline width`).toBeGreaterThanOrEqual(2);
  for (const behind of ring.behind) {
    expect(contrast(ring.ring, behind), `${ring.label}: ring rgb(${ring.ring}) on rgb(${behind})`).toBeGreaterThanOrEqual(3);
  }
}

test.describe("the header on a phone and on a desktop", () => {
  test("at 390 px the header keeps to one line with the short name; the desktop shows the full name @phone", async ({ page }) => {
    await signInAs(page, "kxadmin");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    const banner = page.getByRole("banner");
    await expect(banner.getByRole("link", { name: "科学素质纲要实施平台", exact: true })).toBeVisible();
    await expect(banner.getByText("深圳市全民科学素质纲要实施管理平台")).toBeHidden();
    const height = await banner.evaluate((header) => header.getBoundingClientRect().height);
    expect(height).toBeLessThanOrEqual(64);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(banner.getByRole("link", { name: "深圳市全民科学素质纲要实施管理平台", exact: true })).toBeVisible();
    await expect(banner.getByText("科学素质纲要实施平台", { exact: true })).toBeHidden();
  });

  test("the mobile menu closes on Escape and when focus leaves it, and offers 修改密码 @phone", async ({ page }) => {
    await signInAs(page, "kxadmin");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    const toggle = page.getByRole("button", { name: "打开导航菜单" });
    await toggle.focus();
    await expectVisibleRing(await focusRing(page));

    await page.keyboard.press("Enter");
    const panel = page.locator("#mobile-navigation");
    await expect(panel.getByRole("navigation", { name: "主导航" })).toBeVisible();
    await expect(page.getByRole("button", { name: "关闭导航菜单" })).toHaveAttribute("aria-expanded", "true");
    await expect(panel.getByRole("link", { name: "修改密码" })).toHaveAttribute("href", "/account/password");
    await expect(panel.getByRole("button", { name: "退出登录" })).toBeVisible();
    // Inside the white panel the ring is the content's, visible on white.
    await page.keyboard.press("Tab");
    await expect(panel.getByRole("link", { name: "概览" })).toBeFocused();
    await expectVisibleRing(await focusRing(page));

    // Escape: closed, focus back on the button.
    await page.keyboard.press("Escape");
    await expect(panel).toHaveCount(0);
    await expect(page.getByRole("button", { name: "打开导航菜单" })).toBeFocused();

    // Tab past its last entry: closed.
    await page.keyboard.press("Enter");
    await expect(panel).toBeVisible();
    await tabTo(page, panel.getByRole("link", { name: "修改密码" }));
    for (let presses = 0; presses < 10 && (await panel.count()) > 0; presses++) await page.keyboard.press("Tab");
    await expect(panel).toHaveCount(0);
    await expect(page.getByRole("button", { name: "打开导航菜单" })).toHaveAttribute("aria-expanded", "false");

    // 修改密码 from the menu, by keyboard.
    await page.getByRole("button", { name: "打开导航菜单" }).focus();
    await page.keyboard.press("Enter");
    await tabTo(page, panel.getByRole("link", { name: "修改密码" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account\/password$/);
    await expect(panel).toHaveCount(0);
  });
});

test("every focus ring in the header, the sidebar and the content stands out at least 3:1 from what is behind it", async ({ page }) => {
  await signInAs(page, "kxadmin");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  const seen: string[] = [];
  // The skip link, title, 消息, 修改密码, 退出登录, the language switch, the sidebar's links and the first of the content.
  for (let presses = 0; presses < 16; presses++) {
    await page.keyboard.press("Tab");
    const ring = await focusRing(page);
    seen.push(ring.label);
    expectVisibleRing(ring);
  }
  for (const expected of [
    "跳到主要内容",
    "深圳市全民科学素质纲要实施管理平台",
    "消息",
    "修改密码",
    "退出登录",
    "切换到英文界面",
    "概览",
    "指标",
  ]) {
    expect(
      seen.some((label) => label.startsWith(expected)),
      `${expected} in ${seen.join(" | ")}`,
    ).toBe(true);
  }
});

test("the login form moves focus to its message after a wrong password", async ({ page }) => {
  await page.goto("/login");
  const region = page.locator("form [role=alert]");
  // The live region is in the page before anything is announced into it.
  await expect(region).toHaveCount(1);
  await expect(region).toBeEmpty();
  await page.getByLabel("用户名").focus();
  await page.keyboard.type("wjw");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Wrong#password1");
  await page.keyboard.press("Enter");
  const message = page.getByText("用户名或密码错误，或账户已被停用或临时锁定");
  await expect(message).toBeFocused();
  await expect(region).toContainText("用户名或密码错误");

  // Back to the password, the right one this time.
  await tabTo(page, page.getByLabel("密码", { exact: true }));
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "实施方案概览" })).toBeVisible();
});

test("by keyboard alone: a liaison saves a partial draft and submits, CAST returns a report without and then with a comment", async ({
  page,
  browser,
}) => {
  const roundName = `键盘报送-${Date.now().toString(36)}`;
  const item = "(三)实施老年人科学素质提升行动";

  // Setup: CAST opens a round on the elderly action (市卫生健康委 leads, 市教育局 supports).
  await signInAs(page, "kxadmin");
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2026年第四季度");
  await page.getByLabel("截止日期").fill(dateFromToday(30));
  await page.getByLabel(item).check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();

  // Setup: 市卫生健康委 submits its report (CAST returns this one below, so 市教育局's inbox stays untouched).
  const healthContext = await browser.newContext();
  const health = await healthContext.newPage();
  await signInAs(health, "wjw");
  const healthReport = await reportAddress(health, roundName, item);
  await health.goto(healthReport);
  await health.getByLabel("推进状态").selectOption({ label: "按计划推进" });
  await health.getByLabel("完成度（%）").fill("50");
  await health.getByLabel("工作进展").fill("在全市社区健康服务中心开展老年人健康科普讲座。");
  await health.getByRole("button", { name: "提交报告" }).click();
  await expect(health.getByText("已报送待审核")).toBeVisible();
  await healthContext.close();

  // 市教育局, by keyboard: a draft with only a status.
  const liaisonContext = await browser.newContext();
  const liaison = await liaisonContext.newPage();
  await signInAs(liaison, "jyj");
  await liaison.goto(await reportAddress(liaison, roundName, item));
  const status = liaison.getByLabel("推进状态");
  const workDone = liaison.getByRole("textbox", { name: /工作进展/ });
  // Marked as needed for submitting, but not `required`: the browser does not refuse a draft without it.
  await expect(liaison.locator("label[for=workDone]")).toContainText("提交时必填");
  await expect(workDone).not.toHaveAttribute("required");
  const politeRegion = liaison.locator("[role=status]").filter({ has: liaison.locator("[tabindex='-1']") });
  await status.focus();
  await liaison.keyboard.press("ArrowDown");
  await liaison.keyboard.press("ArrowDown");
  await expect(status).toHaveValue("ON_TRACK");
  await tabTo(liaison, liaison.getByRole("button", { name: "保存草稿" }));
  await liaison.keyboard.press("Enter");
  await expect(liaison.getByText("草稿已保存。")).toBeFocused();
  await expect(politeRegion).toHaveText("草稿已保存。");
  await expect(status).toHaveValue("ON_TRACK");
  await expect(liaison.getByText("草稿", { exact: true }).first()).toBeVisible();

  // The completion, then submitting without the work text: focus on that field, the message announced and tied to it.
  await tabTo(liaison, liaison.getByLabel("完成度（%）"));
  await liaison.keyboard.type("40");
  await tabTo(liaison, liaison.getByRole("button", { name: "提交报告" }));
  await liaison.keyboard.press("Enter");
  await expect(workDone).toBeFocused();
  await expect(workDone).toHaveAttribute("aria-invalid", "true");
  await expect(workDone).toHaveAccessibleDescription(/提交前须填写工作进展。/);
  await expect(liaison.getByRole("alert").filter({ hasText: "输入有误" })).toBeVisible();
  await expect(status).toHaveValue("ON_TRACK");

  // With the work text: submitted, and told so.
  await liaison.keyboard.type("组织中小学教师参与社区老年人智能技术科普志愿服务 8 场。");
  await tabTo(liaison, liaison.getByRole("button", { name: "提交报告" }));
  await liaison.keyboard.press("Enter");
  const submitted = liaison.getByText("报告已提交，等待市科协审核。");
  await expect(submitted).toBeFocused();
  await expect(liaison.locator("[role=status]").filter({ hasText: "报告已提交，等待市科协审核。" })).toHaveCount(1);
  await expect(liaison.getByText("已报送待审核").first()).toBeVisible();
  await liaisonContext.close();

  // CAST, by keyboard: 退回修改 without a comment → focus on the comment field with its message.
  await page.goto(healthReport);
  const comment = page.getByLabel("审核意见");
  await comment.focus();
  await tabTo(page, page.getByRole("button", { name: "退回修改" }));
  await page.keyboard.press("Enter");
  await expect(comment).toBeFocused();
  await expect(comment).toHaveAccessibleDescription(/退回修改必须填写审核意见。/);
  await expect(page.getByRole("alert").filter({ hasText: "输入有误" })).toBeVisible();

  // …and with one: returned, the outcome announced and focused.
  await page.keyboard.type("请补充各区参与社区的名单。");
  await tabTo(page, page.getByRole("button", { name: "退回修改" }));
  await page.keyboard.press("Enter");
  const returned = page.getByText("报告已退回修改，填报单位会收到消息。");
  await expect(returned).toBeFocused();
  await expect(page.locator("[role=status]").filter({ hasText: "报告已退回修改" })).toHaveCount(1);
  await expect(page.getByText("退回修改", { exact: true }).first()).toBeVisible();
});
