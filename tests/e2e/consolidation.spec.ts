import { signInAs } from "./auth";
import { expect, test } from "./fixtures";
import { openOwnReport, openRound } from "./journeys";

/** `YYYY-MM-DD` in Shenzhen, `days` from today: a deadline that is never in the past. */
function dayFromToday(days: number) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
}

test("the lead liaison consolidates: every supporter with its light, outputs added up, a supporter's text copied into the draft; CAST chases the missing", async ({
  page,
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const roundName = `汇总测试-${suffix}`;
  const supporterText = `市卫生健康委开展医学科普进校园 4 场-${suffix}`;

  // CAST opens a round on the youth action (lead 市教育局, supporters incl. 市卫生健康委 and 市妇联).
  await signInAs(page, "kxadmin");
  await openRound(page, {
    name: roundName,
    period: "2026年第四季度",
    deadline: dayFromToday(40),
    section: "(一)实施青少年科学素质提升行动",
  });

  // 市卫生健康委 (a supporter) submits with outputs.
  const { context: wjwContext, page: wjw } = await openOwnReport(browser, {
    username: "wjw",
    roundName,
    item: "(一)实施青少年科学素质提升行动",
  });
  await wjw.getByLabel("推进状态").selectOption({ label: "按计划推进" });
  await wjw.getByLabel("完成度（%）").fill("50");
  await wjw.getByLabel("工作进展").fill(supporterText);
  await wjw.getByLabel("存在问题").fill("专家档期紧张。");
  await wjw.getByLabel("举办活动（场）").fill("4");
  await wjw.getByLabel("覆盖人数（人次）").fill("800");
  await wjw.getByRole("button", { name: "提交报告" }).click();
  await expect(wjw.getByText("已报送待审核").first()).toBeVisible();
  await wjwContext.close();

  // The lead liaison opens the lead report: every supporter, including those not yet reported.
  const { context: jyjContext, page: jyj } = await openOwnReport(browser, {
    username: "jyj",
    roundName,
    item: "(一)实施青少年科学素质提升行动",
  });
  await expect(jyj.getByRole("heading", { level: 1 })).toContainText("市教育局");
  const status = jyj.getByTestId("supporters-status");
  await expect(status.getByRole("row", { name: /市卫生健康委/ })).toContainText("已报送待审核");
  const fulian = status.getByRole("row", { name: /市妇联/ });
  await expect(fulian).toContainText("待报送");
  await expect(fulian).toContainText("尚未到报送截止日");
  const outputs = jyj.getByTestId("consolidated-outputs");
  await expect(outputs.getByRole("row", { name: /市卫生健康委/ })).toContainText("800");
  await expect(jyj.getByTestId("consolidated-total")).toContainText("4");
  await expect(jyj.getByText(/计入合计的配合单位（已报送或审核通过）：市卫生健康委。/)).toBeVisible();

  // The lead has typed something not yet saved; the copy appends to it, marked with the supporter's name.
  await jyj.getByLabel("工作进展").fill("本单位开展科学家精神进校园活动 12 场。");
  await jyj.getByRole("button", { name: "将市卫生健康委的内容复制到草稿" }).click();
  await expect(jyj.getByText("已将市卫生健康委的内容追加到草稿，请检查后保存草稿。")).toBeVisible();
  await expect(jyj.getByLabel("工作进展")).toHaveValue(`本单位开展科学家精神进校园活动 12 场。\n\n【市卫生健康委】${supporterText}`);
  await expect(jyj.getByLabel("存在问题")).toHaveValue("【市卫生健康委】专家档期紧张。");
  // A second click adds nothing twice.
  await jyj.getByRole("button", { name: "将市卫生健康委的内容复制到草稿" }).click();
  await expect(jyj.getByText("市卫生健康委的内容已在草稿中，未重复添加。")).toBeVisible();
  await jyj.getByRole("button", { name: "保存草稿" }).click();
  await expect(jyj.getByText("草稿已保存。")).toBeVisible();
  const leadReportUrl = jyj.url();
  await jyj.reload();
  await expect(jyj.getByLabel("工作进展")).toHaveValue(`本单位开展科学家精神进校园活动 12 场。\n\n【市卫生健康委】${supporterText}`);
  // The liaison is offered no chasing.
  await expect(jyj.getByRole("button", { name: /催报未报送的配合单位/ })).toHaveCount(0);
  await jyjContext.close();

  // CAST chases the supporters that have not submitted, from the lead's report.
  await page.goto(leadReportUrl);
  const chase = page.getByRole("button", { name: /催报未报送的配合单位（\d+个）/ });
  const missing = Number((await chase.textContent())?.match(/（(\d+)个）/)?.[1]);
  expect(missing).toBeGreaterThan(0);
  await chase.click();
  await expect(page.getByText(`已向 ${missing} 个配合单位发送催报。`)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("supporters-status").getByRole("row", { name: /市妇联/ })).toContainText("提醒");
  await expect(page.getByTestId("supporters-status").getByRole("row", { name: /市卫生健康委/ })).not.toContainText("提醒");
});
