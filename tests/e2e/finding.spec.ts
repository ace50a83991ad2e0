import type { Browser, Page } from "@playwright/test";
import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";

// Issue 15, gaps 10 and 11: the report search, the review queue's filters, 全部标为已读, the
// character counter, the Chinese file picker and the evidence preview. 市卫生健康委 (wjw) files the
// reports: no other spec reads its inbox, so marking everything read there disturbs nobody.

const YOUTH = "(一)实施青少年科学素质提升行动";
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAADklEQVR4nGNoQAIMODkAXzYSAY5zHKsAAAAASUVORK5CYII=", "base64");

async function openYouthRound(page: Page, roundName: string) {
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2025年第四季度");
  await page.getByLabel("截止日期").fill(shenzhenDay(30));
  await page.getByLabel(YOUTH).check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
}

/** The address of 市卫生健康委's report in the round, from its 我的任务. */
async function healthReportAddress(page: Page, roundName: string) {
  await page.goto("/my-tasks");
  const href = await page
    .getByRole("listitem")
    .filter({ hasText: roundName })
    .getByRole("link", { name: YOUTH })
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/reports\/\d+$/);
  return href!;
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel("上传佐证材料").setInputFiles({ name, mimeType, buffer });
  await expect(page.getByTestId("attachment-chosen")).toHaveText(name);
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByTestId("attachments").getByRole("link", { name, exact: true })).toBeVisible();
}

async function submit(page: Page, workDone: string) {
  await page.getByLabel("推进状态").selectOption({ label: "按计划推进" });
  await page.getByLabel("完成度（%）").fill("50");
  await page.getByLabel("工作进展").fill(workDone);
  await page.getByRole("button", { name: "提交报告" }).click();
  await expect(page.getByText("已报送待审核").first()).toBeVisible();
}

async function asUser(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, username);
  return { page, close: () => context.close() };
}

test("a liaison sees the limits and the Chinese file picker, and marks all messages read", async ({ page, browser }) => {
  // Two roles, a round opened and a report filed through the UI: more than the default minute on a busy machine.
  test.slow();
  const roundName = `全部已读测试-${Date.now().toString(36)}`;
  const admin = await asUser(browser, "kxadmin");
  await openYouthRound(admin.page, roundName);

  await signInAs(page, "wjw");
  const address = await healthReportAddress(page, roundName);
  await page.goto(address);
  // The 5,000-character limit on 工作进展 is stated and counted as one types.
  const workDone = page.getByLabel("工作进展");
  await expect(workDone).toHaveAttribute("maxlength", "5000");
  await expect(page.getByTestId("workDone-count")).toHaveText("已输入 0 / 5000 字");
  await workDone.fill("开展青少年健康科普");
  await expect(page.getByTestId("workDone-count")).toHaveText("已输入 9 / 5000 字");
  await expect(page.getByTestId("problems-count")).toHaveText("已输入 0 / 3000 字");
  // The file picker speaks Chinese, and names the chosen file.
  await expect(page.getByText("选择文件", { exact: true })).toBeVisible();
  await expect(page.getByTestId("attachment-chosen")).toHaveText("未选择文件");
  await upload(page, "健康科普进校园.pdf", "application/pdf", PDF);
  await expect(page.getByTestId("attachment-chosen")).toHaveText("未选择文件");
  await submit(page, "开展青少年健康科普讲座 6 场。");

  // CAST returns it with a comment: a message in 市卫生健康委's inbox.
  await admin.page.goto(address);
  await admin.page.getByLabel("审核意见").fill("请补充讲座照片。");
  await admin.page.getByRole("button", { name: "退回修改" }).click();
  await expect(admin.page.getByText("退回修改", { exact: true }).first()).toBeVisible();
  await admin.close();

  await page.goto("/inbox");
  const ours = page.getByTestId("inbox").getByRole("listitem").filter({ hasText: roundName });
  await expect(ours.getByRole("button", { name: "标为已读" })).toBeVisible();
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(page.getByText(/已将 \d+ 条消息标为已读。/)).toBeVisible();
  await expect(ours).toBeVisible();
  await expect(ours.getByRole("button", { name: "标为已读" })).toHaveCount(0);
});

test("CAST filters the review queue, searches reports, opens one and previews its evidence inline", async ({ page, browser }) => {
  // Two roles, a round opened and a report filed through the UI: more than the default minute on a busy machine.
  test.slow();
  const stamp = Date.now().toString(36);
  const roundName = `检索测试-${stamp}`;
  const marker = `检索标记${stamp}`;
  await signInAs(page, "kxadmin");
  await openYouthRound(page, roundName);

  const liaison = await asUser(browser, "wjw");
  const address = await healthReportAddress(liaison.page, roundName);
  await liaison.page.goto(address);
  await upload(liaison.page, "讲座总结.pdf", "application/pdf", PDF);
  await upload(liaison.page, "讲座现场.png", "image/png", PNG);
  await submit(liaison.page, `开展${marker}主题科普讲座。`);
  await liaison.close();

  // The review queue, narrowed to this round and newest first.
  await page.goto("/review");
  await page.getByLabel("报送轮次").selectOption({ label: roundName });
  await page.getByLabel("排序", { exact: true }).selectOption({ label: "报送时间（最新在前）" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/[?&]round=\d+/);
  await expect(page).toHaveURL(/[?&]sort=newest/);
  const queue = page.getByTestId("review-queue").getByRole("listitem");
  await expect(queue).toHaveCount(1);
  await expect(queue.first()).toContainText(roundName);
  await expect(queue.first()).toContainText("市卫生健康委");

  // 报告检索, from the sidebar.
  await page.getByRole("link", { name: "报告检索" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "报告检索" })).toBeVisible();
  await page.getByLabel("关键词").fill(marker);
  await page.getByLabel("状态").selectOption({ label: "已报送待审核" });
  await page.getByRole("button", { name: "检索" }).click();
  await expect(page.getByTestId("search-count")).toHaveText("共找到 1 份报告，第 1 / 1 页");
  await page
    .getByTestId("search-results")
    .getByRole("link", { name: /市卫生健康委/ })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("市卫生健康委");
  expect(new URL(page.url()).pathname).toBe(address);

  // Evidence: the PDF and the image open inline under a policy that allows nothing else.
  const attachments = page.getByTestId("attachments");
  for (const [name, type] of [
    ["讲座总结.pdf", "application/pdf"],
    ["讲座现场.png", "image/png"],
  ] as const) {
    const preview = attachments.getByRole("listitem").filter({ hasText: name }).getByRole("link", { name: "预览" });
    const href = await preview.getAttribute("href");
    expect(href).toMatch(/^\/attachments\/\d+\/preview$/);
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe(type);
    expect(response.headers()["content-disposition"]).toMatch(/^inline; /);
    expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  }
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    attachments.getByRole("listitem").filter({ hasText: "讲座现场.png" }).getByRole("link", { name: "预览" }).click(),
  ]);
  await popup.waitForLoadState();
  expect(popup.url()).toMatch(/\/attachments\/\d+\/preview$/);
  // The image is shown, not downloaded: Chromium's image document holds it.
  await expect.poll(() => popup.evaluate(() => document.querySelector("img")?.naturalWidth ?? 0)).toBe(4);
  await popup.close();
});
