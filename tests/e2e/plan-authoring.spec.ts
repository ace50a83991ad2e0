import type { Page } from "@playwright/test";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

/** A tag of its own per run: the specs share one database. */
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function confirm(page: Page, trigger: string, confirmLabel = trigger) {
  await page.getByRole("button", { name: trigger, exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: confirmLabel, exact: true }).click();
}

test("CAST writes a draft plan, adds a section, a measure and a work item, moves one, publishes, and compares versions", async ({
  page,
}) => {
  const run = tag();
  const title = `示例${run}年度工作要点（测试数据）`;
  await signInAs(page, "kxadmin");
  await page.goto("/plans");
  await page.getByRole("link", { name: "新建规划" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "新建规划" })).toBeVisible();
  await page.getByLabel("规划类型").selectOption({ label: "年度工作要点" });
  await page.getByLabel("规划代码").fill(`e2e-${run}`);
  await page.getByLabel("标题").fill(title);
  await page.getByLabel("简称").fill(`示例${run}`);
  await page.getByLabel("发文单位").fill("深圳市科学技术协会");
  await page.getByLabel("起始年度").fill("2025");
  await page.getByLabel("截止年度").fill("2025");
  await page.getByRole("button", { name: "创建草稿" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("这是草稿：只有编辑人员能看到。")).toBeVisible();

  // A section at the first level, a measure under it, a work item under the measure.
  await page.getByRole("link", { name: "新增一级条目" }).click();
  await page.getByLabel("层级").selectOption({ label: "任务" });
  await page.getByLabel("编号").fill("一、");
  await page.getByLabel("标题", { exact: true }).fill("示例：提升青少年科学素质");
  await page.getByRole("button", { name: "创建条目" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /示例：提升青少年科学素质/ })).toBeVisible();
  await page.getByRole("link", { name: "新增下级条目" }).click();
  await page.getByLabel("层级").selectOption({ label: "措施" });
  await page.getByLabel("标题", { exact: true }).fill("示例：开展校园科学营");
  await page.getByRole("button", { name: "创建条目" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /示例：开展校园科学营/ })).toBeVisible();
  await page.getByRole("link", { name: "新增下级条目" }).click();
  await page.getByLabel("层级").selectOption({ label: "工作事项" });
  await page.getByLabel("任务名称").fill("示例：举办暑期科学营");
  await page.getByLabel("完成时限").fill("2025-08-31");
  await page.getByLabel("报送周期").selectOption({ label: "每季度" });
  await page.getByLabel("市科协的职责").selectOption({ label: "牵头" });
  await page.getByRole("button", { name: "创建条目" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /示例：举办暑期科学营/ })).toBeVisible();
  const workItemUrl = page.url();

  // A second section, moved above the first.
  await page.goto(`/plans/e2e-${run}`);
  await page.getByRole("link", { name: "新增一级条目" }).click();
  await page.getByLabel("层级").selectOption({ label: "任务" });
  await page.getByLabel("编号").fill("二、");
  await page.getByLabel("标题", { exact: true }).fill("示例：加强科普阵地");
  await page.getByRole("button", { name: "创建条目" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /示例：加强科普阵地/ })).toBeVisible();
  // The move is a server action with no message of its own: wait for its answer before leaving the page.
  const moved = page.waitForResponse(
    (response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined,
  );
  await page.getByRole("button", { name: "上移" }).click();
  await moved;
  await page.goto(`/items/${new URL(page.url()).pathname.split("/").pop()}?tab=history`);
  await expect(page.getByTestId("revision-history").getByRole("listitem").first()).toContainText("第 2 版 · 移动");
  await page.goto(`/plans/e2e-${run}`);
  const tree = page.getByTestId("plan-tree");
  await expect(tree.getByRole("link").first()).toContainText("示例：加强科普阵地");

  // Publish: version 1 of the whole plan.
  await confirm(page, "发布");
  await expect(page.getByText("已发布第 1 版。")).toBeVisible();
  await expect(page.getByText("这是草稿：只有编辑人员能看到。")).toHaveCount(0);

  // Edit the work item (a recorded revision), then compare its two versions side by side.
  await page.goto(workItemUrl);
  await page.getByRole("link", { name: "编辑", exact: true }).click();
  await page.getByLabel("完成时限").fill("2025-09-30");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page).toHaveURL(/tab=history$/);
  await page.getByRole("link", { name: "对比版本" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "第 1 版 → 第 2 版" })).toBeVisible();
  const changed = page.getByTestId("compare-table").locator("tr[data-changed]");
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("完成时限");
  await expect(changed).toContainText("2025-08-31");
  await expect(changed).toContainText("2025-09-30");

  // A new version of the whole plan, compared with the first.
  await page.goto(`/plans/e2e-${run}`);
  await confirm(page, "发布新版本");
  await expect(page.getByText("已发布第 2 版。")).toBeVisible();
  await page.getByRole("link", { name: "版本记录" }).click();
  await expect(page.getByTestId("plan-versions").getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "对比" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "第 1 版 → 第 2 版" })).toBeVisible();
  await expect(page.getByTestId("items-changed")).toContainText("示例：举办暑期科学营");
  await expect(page.getByTestId("items-changed").locator("tr[data-changed]")).toContainText("2025-09-30");
  await expect(page.getByTestId("items-added")).toContainText("无");
});

test("福田区's liaison writes a district plan whose item serves a city measure, and the measure's page shows it", async ({ page }) => {
  const run = tag();
  const itemTitle = `示例${run}福田区青少年科学营`;
  await signInAs(page, "futian");
  await page.goto("/plans");
  await page.getByRole("link", { name: "新建规划" }).click();
  await expect(page.getByText("所属区：福田区")).toBeVisible();
  await page.getByLabel("规划代码").fill(`e2e-futian-${run}`);
  await page.getByLabel("标题").fill(`示例${run}福田区全民科学素质实施方案（测试数据）`);
  await page.getByLabel("简称").fill(`示例福田区方案${run}`);
  await page.getByLabel("起始年度").fill("2024");
  await page.getByLabel("截止年度").fill("2025");
  await page.getByRole("button", { name: "创建草稿" }).click();
  await expect(page.getByText("这是草稿：只有编辑人员能看到。")).toBeVisible();

  await page.getByRole("link", { name: "新增一级条目" }).click();
  await page.getByLabel("层级").selectOption({ label: "工作事项" });
  await page.getByLabel("任务名称").fill(itemTitle);
  await page.getByLabel("完成时限").fill("2025-06-30");
  await page.getByLabel("报送周期").selectOption({ label: "每半年" });
  await page.getByLabel("福田区的职责").selectOption({ label: "牵头" });
  const measure = page.locator("#newLinkItemId option", { hasText: "将弘扬科学精神贯穿于育人全链条" });
  const measureId = (await measure.getAttribute("value"))!;
  await page.getByLabel("新增关联：服务于").selectOption(measureId);
  await page.getByLabel("关联理由").fill("落实市实施方案青少年科学素质提升行动的第一项措施");
  await page.getByRole("button", { name: "创建条目" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(itemTitle) })).toBeVisible();
  await expect(page.getByRole("region", { name: "服务于《实施方案》" })).toContainText("将弘扬科学精神贯穿于育人全链条");

  // Another district's liaison and a leader do not see the draft; once published, the measure's page shows it.
  await page.goto(`/plans/e2e-futian-${run}`);
  await confirm(page, "发布");
  await expect(page.getByText("已发布第 1 版。")).toBeVisible();
  await page.goto(`/items/${measureId}`);
  const futian = page.getByRole("region", { name: "各区落实情况" }).getByTestId("district-group").filter({ hasText: "福田区" });
  await expect(futian.getByRole("link", { name: new RegExp(itemTitle) })).toBeVisible();
});

test("a leader sees no authoring buttons and no drafts, and reads the seeded plan's first version", async ({ page }) => {
  await signInAs(page, "leader");
  await page.goto("/plans");
  await expect(page.getByRole("heading", { level: 1, name: "规划与要点" })).toBeVisible();
  await expect(page.getByRole("link", { name: "新建规划" })).toHaveCount(0);
  await expect(page.getByText("草稿", { exact: true })).toHaveCount(0);
  await page.goto("/plans/sz-2022-2025");
  await expect(page.getByRole("link", { name: "编辑规划信息" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "发布新版本" })).toHaveCount(0);
  await page.getByRole("link", { name: "版本记录" }).click();
  await expect(page.getByTestId("plan-versions")).toContainText("第 1 版 · 导入");
  expect((await page.goto("/plans/new"))?.status()).toBe(403);
});

test("a department's liaison is offered no new plan and may not open the form", async ({ page }) => {
  await signInAs(page, "jyj");
  await page.goto("/plans");
  await expect(page.getByRole("heading", { level: 1, name: "规划与要点" })).toBeVisible();
  await expect(page.getByRole("link", { name: "新建规划" })).toHaveCount(0);
  expect((await page.goto("/plans/new"))?.status()).toBe(403);
});
