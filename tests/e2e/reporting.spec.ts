import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";
import { openOwnReport, openRound, returnFromReviewQueue } from "./journeys";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("a full reporting round: file with evidence, return with a comment, inbox, resubmit, approve, timeline", async ({ page, browser }) => {
  const roundName = `2025年第三季度进展报送-${Date.now().toString(36)}`;

  // CAST opens a round on the youth action.
  await signInAs(page, "kxadmin");
  await page.goto("/rounds");
  await page.getByRole("link", { name: "发起报送" }).click();
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2025年第三季度");
  await page.getByLabel("截止日期").fill(shenzhenDay(30));
  await page.getByLabel("(一)实施青少年科学素质提升行动").check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
  await expect(page.getByTestId("round-board")).toContainText("市教育局");

  // The liaison of 市教育局 files the report with evidence.
  const { context: liaisonContext, page: liaison } = await openOwnReport(browser, {
    username: "jyj",
    roundName,
    item: "(一)实施青少年科学素质提升行动",
  });
  await expect(liaison.getByRole("heading", { level: 1 })).toContainText("市教育局");
  await liaison.getByLabel("上传佐证材料").setInputFiles({ name: "第三季度活动总结.pdf", mimeType: "application/pdf", buffer: PDF });
  await liaison.getByRole("button", { name: "上传", exact: true }).click();
  await expect(liaison.getByTestId("attachments").getByRole("link", { name: "第三季度活动总结.pdf" })).toBeVisible();
  await liaison.getByLabel("推进状态").selectOption({ label: "按计划推进" });
  await liaison.getByLabel("完成度（%）").fill("60");
  await liaison.getByLabel("工作进展").fill("开展科学家精神进校园活动 12 场，覆盖学生 3400 人次。");
  await liaison.getByRole("button", { name: "提交报告" }).click();
  await expect(liaison.getByText("已报送待审核")).toBeVisible();

  // CAST returns it from the review queue with a comment.
  await returnFromReviewQueue(page, { roundName, unitName: "市教育局", comment: "请补充各区参与学校名单。" });

  // The liaison sees it in the inbox, opens it and resubmits.
  await liaison.goto("/my-tasks");
  // At least this message (other specs running alongside may have sent jyj theirs too).
  await expect(liaison.getByTestId("unread-count")).toHaveText(/^[1-9]\d*$/);
  await liaison.getByRole("link", { name: /消息/ }).click();
  await liaison
    .getByTestId("inbox")
    .getByRole("listitem")
    .filter({ hasText: "请补充各区参与学校名单。" })
    .getByRole("link", { name: "报告被退回修改：实施青少年科学素质提升行动" })
    .click();
  await expect(liaison.getByText("市科协退回修改，意见：请补充各区参与学校名单。")).toBeVisible();
  await liaison.getByLabel("工作进展").fill("开展科学家精神进校园活动 12 场，覆盖学生 3400 人次。参与学校名单见附件。");
  await liaison.getByRole("button", { name: "提交报告" }).click();
  await expect(liaison.getByText("已报送待审核")).toBeVisible();
  await liaisonContext.close();

  // CAST approves.
  // Newest first: the queue is paged (50 a page) and other specs' submissions may be older.
  await page.goto("/review?sort=newest");
  await page
    .getByTestId("review-queue")
    .getByRole("listitem")
    .filter({ hasText: roundName })
    .filter({ hasText: "市教育局" })
    .getByRole("link")
    .click();
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(page.getByText("已审核通过")).toBeVisible();

  // The item's timeline shows all four steps.
  await page.getByRole("link", { name: "查看任务" }).click();
  const timeline = page.getByRole("list", { name: "进展时间线" });
  // Newest first; the demo history's events for 市教育局 are older, so this round's are the first four.
  await expect(timeline.getByRole("listitem").filter({ hasText: "市教育局" }).first()).toContainText("审核通过");
  const steps = await timeline.getByRole("listitem").filter({ hasText: "市教育局" }).allTextContents();
  expect(steps.slice(0, 4).map((step) => step.match(/^(审核通过|重新提交|退回修改|提交报告)/)?.[1])).toEqual([
    "审核通过",
    "重新提交",
    "退回修改",
    "提交报告",
  ]);
});

test("a liaison saves a draft again and again without reloading: what was typed stays, each save takes the last one's version, the badge follows", async ({
  page,
  browser,
}) => {
  const roundName = `草稿反复保存-${Date.now().toString(36)}`;
  await signInAs(page, "kxadmin");
  await openRound(page, { name: roundName, period: "草稿保存", deadline: shenzhenDay(30), section: "(一)实施青少年科学素质提升行动" });

  // A supporting unit's report: the page shows one state badge (a lead's also lists its supporters').
  const { context: liaisonContext, page: liaison } = await openOwnReport(browser, {
    username: "wjw",
    roundName,
    item: "(一)实施青少年科学素质提升行动",
  });
  await expect(liaison.getByRole("heading", { level: 1 })).toContainText("市卫生健康委");
  await expect(liaison.getByText("待报送", { exact: true })).toBeVisible();
  const workDone = liaison.getByLabel("工作进展");
  const saved = liaison.getByText("草稿已保存。");
  /** Saves and waits for the answer: the form is drawn afresh (a new element) with what was saved. */
  const saveDraft = async () => {
    await workDone.evaluate((element) => (element as HTMLTextAreaElement).form!.setAttribute("data-before-save", ""));
    await liaison.getByRole("button", { name: "保存草稿" }).click();
    await expect(liaison.locator("form[data-before-save]")).toHaveCount(0);
    await expect(saved).toBeVisible();
  };

  // The first save turns 待报送 into 草稿: the page is drawn again.
  await liaison.getByLabel("推进状态").selectOption({ label: "按计划推进" });
  await workDone.fill("第一稿：开展科普进校园活动 3 场。");
  await saveDraft();
  await expect(liaison.getByText("草稿", { exact: true })).toBeVisible();
  await expect(liaison.getByText("待报送", { exact: true })).toHaveCount(0);

  // Saving the text again (and again) keeps what was typed on screen, and each save names the
  // version the one before it made: a stale version would be refused as edited elsewhere.
  for (const draft of ["第二稿：开展科普进校园活动 5 场。", "第三稿：开展科普进校园活动 8 场，覆盖学生 2400 人次。"]) {
    await workDone.fill(draft);
    await saveDraft();
    await expect(workDone).toHaveValue(draft);
    await expect(liaison.getByLabel("推进状态")).toHaveValue("ON_TRACK");
  }

  await liaison.getByLabel("推进状态").selectOption({ label: "受阻" });
  await saveDraft();
  await expect(liaison.getByLabel("推进状态")).toHaveValue("BLOCKED");
  await expect(workDone).toHaveValue("第三稿：开展科普进校园活动 8 场，覆盖学生 2400 人次。");
  await expect(liaison.getByText("草稿", { exact: true })).toBeVisible();

  // Everything saved is there after a reload, and submitting takes the latest version.
  await liaison.reload();
  await expect(workDone).toHaveValue("第三稿：开展科普进校园活动 8 场，覆盖学生 2400 人次。");
  await expect(liaison.getByLabel("推进状态")).toHaveValue("BLOCKED");
  await workDone.fill("定稿：开展科普进校园活动 8 场，覆盖学生 2400 人次；场地协调受阻。");
  await liaison.getByLabel("完成度（%）").fill("40");
  await saveDraft();
  await liaison.getByRole("button", { name: "提交报告" }).click();
  await expect(liaison.getByText("已报送待审核")).toBeVisible();
  await expect(liaison.getByText("报告已提交")).toBeVisible();
  await expect(liaison.getByText("报告称工作受阻")).toBeVisible();
  await liaisonContext.close();
});

test("a CAST officer reminds late units and the board shows traffic lights with reasons", async ({ page, guards }) => {
  const roundName = `逾期测试-${Date.now().toString(36)}`;
  await signInAs(page, "kxadmin");
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2024年第四季度");
  // Due today (a deadline before today is refused), so nothing is submitted and every unit is late to report.
  await page.getByLabel("截止日期").fill(shenzhenDay(0));
  // A section none of the other specs' liaisons work on, so their inboxes stay untouched.
  await page.getByLabel("(四)实施领导干部和公务员科学素质提升行动").check();
  await page.getByRole("button", { name: "发起报送" }).click();
  const board = page.getByTestId("round-board");
  await expect(board.getByText(/距截止还有0天，尚未报送|今天截止/).first()).toBeVisible();
  await page.getByRole("button", { name: "发给所有未完成单位" }).click();
  await expect(page.getByText("已发送给 6 个单位。")).toBeVisible();
  await expect(board).toContainText("最近：提醒");

  // Closing asks first; cancelling changes nothing and returns focus to the button.
  const closeButton = page.getByRole("button", { name: "结束本轮报送" });
  await closeButton.click();
  const confirmClose = page.getByRole("alertdialog", { name: `结束《${roundName}》？` });
  await expect(confirmClose).toContainText("结束后各单位不能再保存、提交或上传材料");
  await expect(confirmClose.getByRole("button", { name: "取消" })).toBeFocused();
  await guards.scanNow();
  await confirmClose.getByRole("button", { name: "取消" }).click();
  await expect(confirmClose).toHaveCount(0);
  await expect(closeButton).toBeFocused();
  await page.reload();
  await expect(page.getByTestId("round-status")).toContainText("状态：进行中");
  await expect(page.getByRole("button", { name: "发给所有未完成单位" })).toBeVisible();

  // The round is over: CAST closes it, and nobody can be chased on it any more.
  await closeButton.click();
  await confirmClose.getByRole("button", { name: "结束本轮报送" }).click();
  await expect(page.getByText("本轮报送已结束，尚有 6 份报告未报送。")).toBeVisible();
  await expect(page.getByTestId("round-status")).toContainText("状态：已结束（已于");
  await expect(page.getByRole("button", { name: "发给所有未完成单位" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "重新开放本轮" })).toBeVisible();
});
