import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

/** The section this journey rates: no other spec rates anything, and the comment is this run's own. */
const SECTION = /实施老年人科学素质提升行动/;

test("公众评价: an anonymous visitor rates a section and comments; the comment shows on /progress only after CAST approves it", async ({
  page,
  browser,
}) => {
  const comment = `公众评价端到端-${Date.now().toString(36)}`;

  // An anonymous visitor on the public page (the cached copy anyone gets).
  await page.goto("/progress");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: SECTION }) });
  const feedback = card.getByRole("region", { name: "公众评价" });
  await expect(feedback.getByRole("button", { name: "提交评价" })).toBeVisible();
  await feedback.getByLabel("4分 满意").check();
  await feedback.getByLabel("留言（可选，最多500字）").fill(comment);
  // A person takes longer than the form's minimum fill time (2 s); a faster post is refused quietly.
  await page.waitForTimeout(2500);
  await feedback.getByRole("button", { name: "提交评价" }).click();

  // Back on the section, told the rating counted and the comment waits for review.
  await expect(page).toHaveURL(/\/progress\?feedback=pending&section=\d+#feedback-\d+$/);
  await expect(feedback.getByText("感谢您的评价，评分已计入；您的留言将在审核通过后公开。")).toBeVisible();
  await expect(feedback.getByTestId("rating-summary")).toContainText(/公众评价\d+人次，平均[\d.]+分/);

  // Not published yet: neither on the page with the message nor on the cached page anyone gets.
  await expect(page.getByText(comment)).toHaveCount(0);
  await page.goto("/progress");
  await expect(card.getByRole("heading", { level: 3, name: SECTION })).toBeVisible();
  await expect(page.getByText(comment)).toHaveCount(0);

  // CAST finds it in the moderation queue and approves it.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signInAs(staff, "kxadmin");
  await staff.goto("/feedback");
  await expect(staff.getByRole("heading", { level: 1, name: "公众评价审核" })).toBeVisible();
  const queued = staff.getByTestId("queued-comment").filter({ hasText: comment });
  await expect(queued).toContainText("4分");
  await queued.getByRole("button", { name: "通过并公开" }).click();
  await expect(queued.getByText("已通过，留言已在公开页面显示。")).toBeVisible();
  await staffContext.close();

  // The next visit to the public page shows it under its section.
  await page.goto("/progress");
  await expect(card.getByRole("region", { name: "公众评价" }).getByTestId("public-comments")).toContainText(comment);
});
