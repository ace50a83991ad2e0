import { expect, type Browser, type Page } from "@playwright/test";
import { signInAs } from "./auth";

/** CAST opens a unit's submitted report of a round from the review queue and returns it with a comment. */
export async function returnFromReviewQueue(
  page: Page,
  { roundName, unitName, comment }: { roundName: string; unitName: string; comment: string },
) {
  // Newest first: the queue is paged (50 a page) and other specs' submissions may be older.
  await page.goto("/review?sort=newest");
  await page
    .getByTestId("review-queue")
    .getByRole("listitem")
    .filter({ hasText: roundName })
    .filter({ hasText: unitName })
    .getByRole("link")
    .click();
  await page.getByLabel("审核意见").fill(comment);
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(page.getByText("退回修改", { exact: true }).first()).toBeVisible();
}

/** CAST opens a round on one section through the form (signed in already) and lands on its board. */
export async function openRound(
  page: Page,
  { name, period, deadline, section }: { name: string; period: string; deadline: string; section: string },
) {
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(name);
  await page.getByLabel("报送期").fill(period);
  await page.getByLabel("截止日期").fill(deadline);
  await page.getByLabel(section).check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** A liaison signs in, in a browser context of their own, and opens their unit's report on `item` in a round from 我的任务. */
export async function openOwnReport(
  browser: Browser,
  { username, roundName, item }: { username: string; roundName: string; item: string },
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, username);
  await page.goto("/my-tasks");
  await page.getByRole("listitem").filter({ hasText: roundName }).getByRole("link", { name: item }).click();
  return { context, page };
}
