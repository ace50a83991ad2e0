import Database from "better-sqlite3";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

/**
 * District plans: 福田区's liaison creates a district plan through the authoring screens, adds an
 * item serving a city measure and publishes it, and the measure's page lists it under 各区落实情况;
 * a plan written straight into the e2e database checks the section's layout and links; and the
 * dashboard filtered to 福田区.
 */
const DATABASE = "data/e2e.db";

/** A published 福田区 district plan with one item serving the measure youth.m1; returns the measure's id and the item's title. */
function prepareDistrictPlan() {
  const db = new Database(DATABASE);
  db.pragma("busy_timeout = 10000");
  try {
    const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const title = `示例福田区青少年科学营${tag}`;
    const now = new Date().toISOString().replace("Z", "+00:00");
    const id = (sql: string, ...values: unknown[]) => (db.prepare(sql).get(...values) as { id: number }).id;
    const measure = id("SELECT id FROM PlanItem WHERE key = 'youth.m1' AND planId = (SELECT id FROM Plan WHERE code = 'sz-2022-2025')");
    const master = id("SELECT id FROM Plan WHERE code = 'sz-2022-2025'");
    const futian = id("SELECT id FROM Unit WHERE name = '福田区'");
    db.transaction(() => {
      const plan = db
        .prepare(
          `INSERT INTO Plan (code, kind, title, shortTitle, issuer, startYear, endYear, parentPlanId, status, districtId, createdAt, updatedAt)
           VALUES (?, 'DISTRICT', ?, ?, '福田区人民政府', 2022, 2025, ?, 'PUBLISHED', ?, ?, ?)`,
        )
        .run(`e2e-futian-${tag}`, `示例福田区实施方案${tag}`, `示例福田区方案${tag}`, master, futian, now, now).lastInsertRowid;
      const item = db
        .prepare(
          `INSERT INTO PlanItem (planId, kind, number, position, title, fullText, createdAt, updatedAt)
           VALUES (?, 'WORK_ITEM', '1.', 1, ?, '端到端测试数据', ?, ?)`,
        )
        .run(plan, title, now, now).lastInsertRowid;
      db.prepare("INSERT INTO Assignment (itemId, unitId, role, position) VALUES (?, ?, 'LEAD', 0)").run(item, futian);
      db.prepare("INSERT INTO PlanItemLink (fromItemId, toItemId, type, reason) VALUES (?, ?, 'SERVES', '落实市级措施')").run(
        item,
        measure,
      );
    })();
    return { measure, title };
  } finally {
    db.close();
  }
}

test("福田区's liaison creates and publishes a district plan item serving a city measure; the measure's page shows it", async ({
  page,
}) => {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const title = `示例福田区科普进校园${tag}`;
  await signInAs(page, "futian");
  await page.goto("/plans/new");
  await expect(page.getByRole("heading", { level: 1, name: "新建规划" })).toBeVisible();
  await page.getByLabel("规划代码").fill(`e2e-futian-ui-${tag}`);
  await page.getByLabel("标题", { exact: true }).fill(`示例数据：福田区全民科学素质行动实施方案${tag}`);
  await page.getByLabel("简称").fill(`示例福田区方案${tag}`);
  await page.getByLabel("起始年度").fill("2022");
  await page.getByLabel("截止年度").fill("2025");
  await page.getByRole("button", { name: "创建草稿" }).click();
  await expect(page).toHaveURL(new RegExp(`/plans/e2e-futian-ui-${tag}$`));

  await page.getByRole("link", { name: "新增一级条目" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "新增条目" })).toBeVisible();
  await page.getByLabel("层级").selectOption({ label: "工作事项" });
  await page.getByLabel("任务名称").fill(title);
  await page.getByLabel("完成时限").fill("2025-11-30");
  await page.getByLabel("报送周期").selectOption("QUARTERLY");
  await page.getByLabel("福田区的职责").selectOption("LEAD");
  const serves = page.getByLabel("新增关联：服务于");
  const measureValue = await serves.locator("option", { hasText: "将弘扬科学精神贯穿于育人全链条" }).first().getAttribute("value");
  await serves.selectOption(measureValue!);
  await page.getByLabel("关联理由").fill("落实市实施方案青少年科学素质提升行动的措施");
  await page.getByRole("button", { name: "创建条目" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

  await page.goto(`/plans/e2e-futian-ui-${tag}`);
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "发布", exact: true }).click();
  await expect(page.getByText("已发布第 1 版。")).toBeVisible();

  await signInAs(page, "leader");
  await page.goto(`/items/${measureValue}`);
  const section = page.getByRole("region", { name: "各区落实情况" });
  await expect(
    section
      .getByTestId("district-group")
      .filter({ hasText: "福田区" })
      .getByRole("link", { name: new RegExp(title) }),
  ).toBeVisible();
});

test("a city measure's page lists a 福田区 district plan item under 各区落实情况", async ({ page }) => {
  const { measure, title } = prepareDistrictPlan();
  await signInAs(page, "leader");
  await page.goto(`/items/${measure}`);
  const section = page.getByRole("region", { name: "各区落实情况" });
  await expect(section).toBeVisible();
  const futian = section.getByTestId("district-group").filter({ hasText: "福田区" });
  await expect(futian.getByRole("link", { name: new RegExp(title) })).toBeVisible();
  await expect(futian.getByTestId("district-item").filter({ hasText: title })).toContainText("尚未纳入报送轮次");
  await futian.getByRole("link", { name: new RegExp(title) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
});

test("the dashboard filtered to 福田区 says so, keeps the filter and exports that district's summary", async ({ page }) => {
  await signInAs(page, "leader");
  await page.goto("/dashboard");
  await page.getByLabel("区", { exact: true }).selectOption({ label: "福田区" });
  await page.getByRole("button", { name: "查看", exact: true }).click();
  await expect(page).toHaveURL(/district=\d+/);
  await expect(page.getByTestId("district-scope")).toHaveText("以下数字仅含福田区的报送任务（本单位承担的任务及其区实施方案条目）。");
  await expect(page.getByTestId("district-literacy")).toContainText("福田区");
  await expect(page.getByLabel("区", { exact: true })).toHaveValue(new URL(page.url()).searchParams.get("district")!);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "进展汇总（CSV）" }).click();
  expect((await download).suggestedFilename()).toMatch(/^进展汇总-.+-福田区-.+\.csv$/);

  // A district id that is not a district government is left out: the citywide figures.
  await page.goto("/dashboard?district=999999");
  await expect(page.getByRole("heading", { level: 1, name: "领导看板" })).toBeVisible();
  await expect(page.getByTestId("district-scope")).toHaveCount(0);
});
