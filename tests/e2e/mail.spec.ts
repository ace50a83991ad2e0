import { signInAs } from "./auth";
import { expect, test } from "./fixtures";
import { receivedMail } from "./mail";
import { shenzhenDay } from "./dates";

test("with a mail relay configured, a liaison with an e-mail address also gets a reminder by e-mail", async ({ page, browser }) => {
  // The account administrator records the liaison's work address.
  const admin = await browser.newPage();
  await signInAs(admin, "useradmin");
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name: "wjw", exact: true }).click();
  await admin.getByLabel("电子邮箱").fill("wjw@example.gov.cn");
  await admin.getByRole("button", { name: "保存修改" }).click();
  await expect(admin.getByText("已保存。")).toBeVisible();
  // After the save the form still shows the account as it now is.
  await expect(admin.getByLabel("电子邮箱")).toHaveValue("wjw@example.gov.cn");
  await expect(admin.getByLabel("角色", { exact: true })).toHaveValue("LIAISON");
  await expect(admin.getByLabel("所属单位")).toHaveValue(/^\d+$/);
  await admin.close();

  // CAST opens a round on the elderly action and reminds 市卫生健康委 alone
  // (the other units of that action are left alone, so other specs' inboxes stay untouched).
  const roundName = `邮件提醒测试-${Date.now().toString(36)}`;
  await signInAs(page, "kxadmin");
  await page.goto("/rounds/new");
  await page.getByLabel("轮次名称").fill(roundName);
  await page.getByLabel("报送期").fill("2024年第四季度");
  // Due in three days: the units are yellow, so each gets its own chase button.
  const deadline = shenzhenDay(3);
  await page.getByLabel("截止日期").fill(deadline);
  await page.getByLabel("(三)实施老年人科学素质提升行动").check();
  await page.getByRole("button", { name: "发起报送" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible();
  // One unit is chased from its own view of the board (its reports listed under the units' summary).
  await page.getByTestId("round-board").getByRole("link", { name: "市卫生健康委", exact: true }).click();
  await page.getByRole("button", { name: "发给市卫生健康委" }).click();
  await expect(page.getByText("已发送给 1 个单位。")).toBeVisible();

  // The relay receives the copy after the response, in Chinese, with a link back to the portal.
  await expect.poll(() => receivedMail().filter((mail) => mail.subject.includes(roundName)), { timeout: 20_000 }).toHaveLength(1);
  const mail = receivedMail().find((mail) => mail.subject.includes(roundName))!;
  expect(mail.to).toEqual(["wjw@example.gov.cn"]);
  expect(mail.subject).toBe(`【科学素质纲要实施平台】【提醒】${roundName}：1 项待报送`);
  expect(mail.text).toContain(`请于 ${deadline} 前完成《${roundName}》的报送。`);
  expect(mail.text).toMatch(/查看详情：http:\/\/localhost:\d+\/my-tasks/);
});
