import type { Page } from "@playwright/test";
import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";
import { returnFromReviewQueue } from "./journeys";

/**
 * Text a reader hears in the page's language: every text node (and aria-label) of the body that
 * is not inside an element marked lang="zh-CN". Chinese there is Chinese UI, not Chinese data.
 */
async function chineseOutsideMarkedData(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const marked = (node: Node | null) => (node instanceof Element ? node : node?.parentElement)?.closest('[lang="zh-CN"]') != null;
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(parent.tagName)) continue;
      if (CJK.test(node.textContent ?? "") && !marked(node)) found.push(`${parent.tagName}: ${node.textContent!.trim()}`);
    }
    for (const element of document.body.querySelectorAll("[aria-label], [title], [placeholder]")) {
      for (const attribute of ["aria-label", "title", "placeholder"]) {
        const value = element.getAttribute(attribute);
        if (value && CJK.test(value) && !marked(element)) found.push(`${element.tagName}[${attribute}]: ${value}`);
      }
    }
    return found;
  });
}

test("in English, the liaison's inbox and 我的任务 show no Chinese UI; Chinese data is marked lang=zh-CN", async ({
  page,
  browser,
  baseURL,
}) => {
  const roundName = `英文界面测试-${Date.now().toString(36)}`;
  // Within the near-deadline window, so the unit is yellow and can be chased on its own.
  const deadline = shenzhenDay(3);

  // CAST (Chinese UI) opens a round on the youth action and reminds 市教育局 alone, with no message of its own.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "kxadmin");
  await admin.goto("/rounds/new");
  await admin.getByLabel("轮次名称").fill(roundName);
  await admin.getByLabel("报送期").fill("2025年第三季度");
  await admin.getByLabel("截止日期").fill(deadline);
  await admin.getByLabel("(一)实施青少年科学素质提升行动").check();
  await admin.getByRole("button", { name: "发起报送" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
  // One unit is chased from its own view of the board (its reports listed under the units' summary).
  await admin.getByTestId("round-board").getByRole("link", { name: "市教育局", exact: true }).click();
  await admin.getByRole("button", { name: "发给市教育局" }).click();
  await expect(admin.getByText("已发送给 1 个单位。")).toBeVisible();

  // The liaison of 市教育局 works in English and submits the report.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await signInAs(page, "jyj");
  await page.goto("/my-tasks");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("listitem").filter({ hasText: roundName }).getByRole("link", { name: "(一)实施青少年科学素质提升行动" }).click();
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "On track" });
  await page.getByLabel("Completion (%)").fill("50");
  await page.getByLabel("Work done").fill("开展科学家精神进校园活动 8 场。");
  await page.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByText("Report submitted for review.")).toBeVisible();

  // CAST returns it with a comment.
  await returnFromReviewQueue(admin, { roundName, unitName: "市教育局", comment: "请补充活动照片。" });
  await adminContext.close();

  // The inbox reads in English: the messages are rendered from their kind and parameters.
  await page.goto("/inbox");
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const inbox = page.getByTestId("inbox");
  const returned = inbox.getByRole("listitem").filter({ hasText: "请补充活动照片。" }).first();
  await expect(returned).toContainText(`Report returned for revision: 实施青少年科学素质提升行动`);
  await expect(returned).toContainText(`${roundName}. Reviewer's comment: 请补充活动照片。`);
  const reminder = inbox.getByRole("listitem").filter({ hasText: `[Reminder] ${roundName}` });
  await expect(reminder).toContainText(`[Reminder] ${roundName}: 1 report to submit`);
  // The officer typed no message: the default sentence is in the reader's language.
  await expect(reminder).toContainText(`Please submit your reports for ${roundName} by ${deadline}.`);
  await expect(reminder.locator('[lang="zh-CN"]', { hasText: roundName }).first()).toBeVisible();
  expect(await chineseOutsideMarkedData(page)).toEqual([]);

  // 我的任务 too: item titles, round names and the unit's name are marked as Chinese data.
  await page.goto("/my-tasks");
  await expect(page.getByRole("heading", { level: 1, name: "My tasks" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Returned for revision \(\d+\)$/ })).toBeVisible();
  expect(await chineseOutsideMarkedData(page)).toEqual([]);

  // The returned report's page marks the comment and the unit's texts as Chinese data.
  await page.getByRole("listitem").filter({ hasText: roundName }).getByRole("link", { name: "(一)实施青少年科学素质提升行动" }).click();
  await expect(page.locator('[lang="zh-CN"]', { hasText: "请补充活动照片。" }).first()).toBeVisible();
});
