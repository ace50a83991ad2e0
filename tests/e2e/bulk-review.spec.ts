import type { Browser } from "@playwright/test";
import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";

const ACTIONS = ["实施青少年科学素质提升行动", "实施城市劳动者科学素质提升行动", "实施老年人科学素质提升行动"];

/** A liaison submits their unit's report on each of `items` in the round, through the report form. */
async function submitAs(browser: Browser, username: string, roundName: string, items: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, username);
  for (const item of items) {
    await page.goto("/my-tasks");
    await page.getByRole("listitem").filter({ hasText: roundName }).getByRole("link", { name: item }).click();
    await page.getByLabel("推进状态").selectOption({ label: "按计划推进" });
    await page.getByLabel("完成度（%）").fill("50");
    await page.getByLabel("工作进展").fill(`${item}：本季度开展活动 3 场。`);
    await page.getByRole("button", { name: "提交报告" }).click();
    await expect(page.getByText("已报送待审核")).toBeVisible();
  }
  await context.close();
}

test("CAST approves five submitted reports at once from the review queue", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const roundName = `批量审核测试轮次-${Date.now().toString(36)}`;

  // A round of its own on three actions: 市教育局 and 市卫生健康委 each owe a report on every one.
  await signInAs(page, "kxadmin");
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2025年第四季度");
  await page.getByLabel("截止日期").fill(shenzhenDay(30));
  for (const action of ACTIONS) await page.getByLabel(action).check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
  const roundId = /\/rounds\/(\d+)/.exec(page.url())?.[1];
  expect(roundId).toBeTruthy();

  await submitAs(browser, "jyj", roundName, ACTIONS);
  await submitAs(browser, "wjw", roundName, ACTIONS.slice(0, 2));

  // The queue, narrowed to this round: exactly the five reports submitted above.
  await page.goto(`/review?round=${roundId}`);
  const queue = page.getByTestId("review-queue").getByRole("listitem");
  await expect(queue).toHaveCount(5);
  const approve = page.getByRole("button", { name: /批量通过/ });
  await expect(approve).toBeDisabled();

  // Keyboard: one box checked with the space bar, then 全选本页 takes the rest.
  const first = page.getByRole("checkbox", { name: `选择：市教育局 ${ACTIONS[0]}` });
  await first.focus();
  await page.keyboard.press("Space");
  await expect(first).toBeChecked();
  await expect(approve).toHaveAccessibleName("批量通过（1）");
  await page.getByRole("checkbox", { name: "全选本页" }).check();
  for (const box of await page.getByTestId("review-queue").getByRole("checkbox").all()) await expect(box).toBeChecked();
  await expect(approve).toHaveAccessibleName("批量通过（5）");

  // The confirmation lists the selected reports.
  await approve.click();
  const dialog = page.getByRole("alertdialog", { name: "确认批量通过" });
  await expect(dialog).toBeVisible();
  const listed = dialog.getByTestId("bulk-approve-list").getByRole("listitem");
  await expect(listed).toHaveCount(5);
  await expect(listed.filter({ hasText: "市卫生健康委" })).toHaveCount(2);
  await expect(listed.filter({ hasText: "市教育局" })).toHaveCount(3);
  await dialog.getByRole("button", { name: "确认通过 5 份报告" }).click();

  const outcome = page.getByRole("alert").filter({ hasText: "已通过 5 份报告" });
  await expect(outcome).toBeVisible();
  await expect(outcome).not.toContainText("未通过");
  // They left the queue.
  await expect(queue).toHaveCount(0);
  await page.goto("/review");
  await expect(page.getByTestId("review-queue")).not.toContainText(roundName);

  // Each is approved, with its own event on its timeline.
  await page.goto(`/reports?round=${roundId}&state=APPROVED`);
  await expect(page.getByTestId("search-count")).toHaveText("共找到 5 份报告，第 1 / 1 页");
  await page
    .getByTestId("search-results")
    .getByRole("link", { name: /市卫生健康委/ })
    .first()
    .click();
  await expect(page.getByTestId("timeline")).toContainText("审核通过");
});
