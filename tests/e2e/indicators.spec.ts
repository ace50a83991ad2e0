import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

test("CAST defines an indicator, edits it, and the history shows before and after in words", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const name = `科普讲解员人数-${suffix}`;
  await signInAs(page, "kxadmin");
  await page.goto("/indicators");
  await page.getByRole("link", { name: "新建指标" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "新建指标" })).toBeVisible();
  await page.getByLabel("指标代码").fill(`guides-${suffix}`);
  await page.getByLabel("指标名称").fill(name);
  await page.getByLabel("计量单位").fill("人");
  await page.getByLabel("方向").selectOption({ label: "数值越高越好" });
  await page.getByLabel("基线年份").fill("2020");
  await page.getByLabel("基线数值").fill("300");
  await page.getByLabel("基线来源").fill("市科协年度统计");
  await page.getByLabel("第1个目标的年份").fill("2025");
  await page.getByLabel("第1个目标的数值").fill("500");
  // Two targets for one year are refused, and what was typed stays in the form.
  await page.getByLabel("第2个目标的年份").fill("2025");
  await page.getByLabel("第2个目标的数值").fill("520");
  await page.getByLabel("指标说明与测算方法").fill("全市持证科普讲解员人数，按年末在册人数统计。");
  await page.getByRole("button", { name: "创建指标" }).click();
  await expect(page.getByText("同一年份只能有一个目标。")).toBeVisible();
  await expect(page.getByLabel("指标名称")).toHaveValue(name);
  await page.getByLabel("第2个目标的年份").fill("");
  await page.getByLabel("第2个目标的数值").fill("");
  await page.getByRole("button", { name: "创建指标" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("indicator-definition")).toContainText("2025年不低于500人");
  await expect(page.getByRole("region", { name: "指标说明与测算方法" })).toContainText("全市持证科普讲解员人数，按年末在册人数统计。");
  const history = page.getByTestId("indicator-history");
  await expect(history.getByRole("listitem").first()).toContainText("新建指标");

  // The edit: a new target value and a second target year.
  await page.getByRole("link", { name: "修改指标定义" }).click();
  await expect(page.getByLabel("指标名称")).toHaveValue(name);
  await page.getByLabel("第1个目标的数值").fill("600");
  await page.getByLabel("第2个目标的年份").fill("2030");
  await page.getByLabel("第2个目标的比较方式").selectOption({ label: "超过" });
  await page.getByLabel("第2个目标的数值").fill("900");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByText("指标定义已保存，修改已记入修订记录。")).toBeVisible();
  await expect(page.getByTestId("indicator-definition")).toContainText("2030年超过900人");

  const latest = history.getByRole("listitem").first();
  await expect(latest).toContainText("修改指标");
  await expect(latest).toContainText("市科协");
  const targetsRow = latest.getByRole("row", { name: /各年目标/ });
  await expect(targetsRow.getByRole("cell").first()).toHaveText("2025年不低于500人");
  await expect(targetsRow.getByRole("cell").last()).toHaveText("2025年不低于600人；2030年超过900人");
  // Readable, not the stored record.
  await expect(history).not.toContainText("{");
  await expect(history).not.toContainText("HIGHER_IS_BETTER");
});

test("the plan's literacy baseline is marked as from the plan and is not changed without confirmation", async ({ page }) => {
  await signInAs(page, "kxadmin");
  await page.goto("/indicators");
  await page.getByRole("link", { name: "公民具备科学素质的比例" }).click();
  await expect(page.getByTestId("indicator-definition")).toContainText("基线 2020年 21.1%");
  await expect(page.getByTestId("indicator-definition").getByText("来自实施方案").first()).toBeVisible();
  await page.getByRole("link", { name: "修改指标定义" }).click();
  await expect(page.getByTestId("plan-baseline")).toContainText("21.1%");
  await page.getByLabel("基线数值").fill("12.1");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByText("基线或目标来自实施方案，修改前须勾选确认。")).toBeVisible();
  await expect(page.getByText("该数据来自实施方案，修改须勾选确认。")).toBeVisible();
  await page.goto("/indicators");
  await expect(page.getByRole("listitem").filter({ hasText: "公民具备科学素质的比例" })).toContainText("基线 2020年 21.1%");
});

test("a leader reads indicators but is offered no way to define or edit them", async ({ page }) => {
  await signInAs(page, "leader");
  await page.goto("/indicators");
  await expect(page.getByRole("heading", { level: 1, name: "指标" })).toBeVisible();
  await expect(page.getByRole("link", { name: "新建指标" })).toHaveCount(0);
  await page.getByRole("link", { name: "公民具备科学素质的比例" }).click();
  await expect(page.getByRole("link", { name: "修改指标定义" })).toHaveCount(0);
  const response = await page.goto("/indicators/new");
  expect(response?.status()).toBe(403);
});
