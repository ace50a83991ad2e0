import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

test("CAST defines a composite over two indicators and sees its values per year with the method and breakdown", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const name = `综合指数-${suffix}`;
  await signInAs(page, "kxadmin");
  await page.goto("/indicators");
  await page.getByRole("link", { name: "新建综合指标" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "新建综合指标" })).toBeVisible();
  await page.getByLabel("指标代码").fill(`composite-${suffix}`);
  await page.getByLabel("名称", { exact: true }).fill(name);
  await page.getByLabel("分项1：指标").selectOption({ label: "市级科普教育基地数量（个）" });
  await page.getByLabel("分项1：权重").fill("1");
  await page.getByLabel("分项1：参照值（极差法为最小值）").fill("200");
  // One component only is refused with a Chinese reason, and the form keeps what was typed.
  await page.getByLabel("计算方法说明").fill("基地数量以200个为100分、志愿者人数以6万人为100分，等权平均。");
  await page.getByRole("button", { name: "创建综合指标" }).click();
  await expect(page.getByTestId("components-error")).toHaveText("综合指标至少需要两个分项指标。");
  await expect(page.getByLabel("名称", { exact: true })).toHaveValue(name);
  await page.getByLabel("分项2：指标").selectOption({ label: "注册科技志愿者人数（万人）" });
  await page.getByLabel("分项2：权重").fill("1");
  await page.getByLabel("分项2：参照值（极差法为最小值）").fill("6");
  await page.getByRole("button", { name: "创建综合指标" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("综合指标", { exact: true })).toBeVisible();
  // The method: the stated text, the formula and each component's normalisation.
  await expect(page.getByRole("region", { name: "指标说明与测算方法" })).toContainText(
    "基地数量以200个为100分、志愿者人数以6万人为100分，等权平均。",
  );
  const method = page.getByTestId("composite-method");
  await expect(method).toContainText("综合值 = Σ（权重 × 标准化值）÷ Σ权重");
  await expect(method.getByRole("row", { name: /市级科普教育基地数量/ })).toContainText("数值 ÷ 200个 × 100");
  // Values per year, each with a breakdown line per component.
  const values = page.getByTestId("composite-values");
  const firstYear = values.locator("tbody tr").first();
  await expect(firstYear).toContainText("市级科普教育基地数量：原始值");
  await expect(firstYear).toContainText("注册科技志愿者人数：原始值");
  await expect(firstYear).toContainText("贡献");
  // No values are entered on a composite.
  await expect(page.getByRole("heading", { name: "录入或更正数值" })).toHaveCount(0);
});
