import type { Page, Response } from "@playwright/test";
import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";

const SECTION = "(三)实施老年人科学素质提升行动";

/** The nonce the response's Content-Security-Policy allows, which must be on every script and style of the page. */
async function checkNonce(page: Page, response: Response | null): Promise<string> {
  expect(response?.status()).toBe(200);
  const nonce = response!.headers()["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  const html = await response!.text();
  const inHtml = [...html.matchAll(/nonce="([^"]*)"/g)].map((match) => match[1]);
  expect(inHtml.length).toBeGreaterThan(0);
  expect(new Set(inHtml)).toEqual(new Set([nonce]));
  const inDom = await page.evaluate(() =>
    [...document.querySelectorAll("script[nonce], style[nonce], link[nonce]")].map((el) => (el as HTMLElement).nonce),
  );
  expect(new Set(inDom)).toEqual(new Set([nonce]));
  return nonce!;
}

test("the public page: a fresh nonce on every visit, an approval shown at the next visit, English by the locale cookie", async ({
  page,
  browser,
}) => {
  const marker = `公开页端到端-${Date.now().toString(36)}`;
  const roundName = `公开页测试轮次-${Date.now().toString(36)}`;

  // An anonymous visitor loads the page twice: each response has its own nonce, on the page's scripts too.
  const first = await checkNonce(page, await page.goto("/progress"));
  await expect(page.getByRole("heading", { level: 1, name: "实施进展公开" })).toBeVisible();
  const secondVisit = await page.reload();
  const second = await checkNonce(page, secondVisit);
  expect(second).not.toBe(first);
  // Answered from the cache below Next.js: the browser asked for gzip and got the copy's kept
  // compressed parts, with their length known up front (Next.js's own gzip is streamed, no length).
  const visitHeaders = await secondVisit!.allHeaders();
  expect(visitHeaders["content-encoding"]).toBe("gzip");
  expect(Number(visitHeaders["content-length"])).toBeGreaterThan(1000);

  // CAST opens a round on the elderly action; 市卫生健康委 submits.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signInAs(staff, "kxadmin");
  await staff.goto("/rounds/new");
  await staff.getByLabel("轮次名称").fill(roundName);
  await staff.getByLabel("报送期").fill("公开页测试期");
  // The latest deadline of any spec's round, so this report is the section's newest.
  await staff.getByLabel("截止日期").fill(shenzhenDay(365));
  await staff.getByLabel(SECTION).check();
  await staff.getByRole("button", { name: "发起报送" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: roundName })).toBeVisible();

  const liaisonContext = await browser.newContext();
  const liaison = await liaisonContext.newPage();
  await signInAs(liaison, "wjw");
  await liaison.goto("/my-tasks");
  await liaison.getByRole("listitem").filter({ hasText: roundName }).getByRole("link", { name: SECTION }).click();
  await liaison.getByLabel("推进状态").selectOption({ label: "按计划推进" });
  await liaison.getByLabel("完成度（%）").fill("55");
  await liaison.getByLabel("工作进展").fill(marker);
  await liaison.getByRole("button", { name: "提交报告" }).click();
  await expect(liaison.getByText("已报送待审核")).toBeVisible();
  await liaisonContext.close();

  // Submitted is not approved: the visitor does not see it.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "实施进展公开" })).toBeVisible();
  expect(await page.content()).not.toContain(marker);

  // CAST approves; the visitor's next visit shows it under its section.
  await staff.goto("/review");
  await staff
    .getByTestId("review-queue")
    .getByRole("listitem")
    .filter({ hasText: roundName })
    .filter({ hasText: "市卫生健康委" })
    .getByRole("link")
    .click();
  await staff.getByRole("button", { name: "审核通过" }).click();
  await expect(staff.getByText("已审核通过")).toBeVisible();
  await staffContext.close();

  await checkNonce(page, await page.reload());
  const section = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: SECTION }) });
  await expect(section).toContainText(marker);
  await expect(section).toContainText("市卫生健康委 · 公开页测试期 · 按计划推进 · 完成度55%");
  await expect(section.getByTestId("section-summary")).toContainText(/已审核报告\d+份，涉及\d+项工作/);

  // The English locale cookie gets the English page (its own cached copy), with its own nonce.
  const englishContext = await browser.newContext();
  await englishContext.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  const english = await englishContext.newPage();
  await checkNonce(english, await english.goto("/progress"));
  await expect(english.getByRole("heading", { level: 1, name: "Public progress" })).toBeVisible();
  await expect(english.locator("html")).toHaveAttribute("lang", "en");
  await expect(english.getByText(marker)).toBeVisible();
  await englishContext.close();
  // And the Chinese copy is still Chinese.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "实施进展公开" })).toBeVisible();
});
