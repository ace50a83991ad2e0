/**
 * From one period to the next (issue 11, "done when"): CAST makes a new master plan current and
 * the overview, its literacy headline and the dashboard follow it; the 2022–2025 plan is ended,
 * browsable and read-only. The new plan is demo data (示例数据) written into the e2e database
 * directly. Every other spec expects the 2022–2025 plan current and editable: this runs after
 * them (the after-all project), and afterAll puts every plan's status and flag back and removes
 * the demo plan.
 */
import { createPrismaClient, type AppPrismaClient } from "@/lib/core/db/create-client";
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const CODE = "e2e-demo-2026-2030";
const TITLE = "示例数据：深圳市全民科学素质行动实施方案（2026—2030年）（端到端测试）";

let db: AppPrismaClient;
/** Every plan's status and current flag before the journey, to put back afterwards. */
let saved: { id: number; status: "DRAFT" | "PUBLISHED" | "ENDED"; isCurrent: boolean }[] = [];

async function removeDemoPlan() {
  const plan = await db.plan.findUnique({ where: { code: CODE } });
  if (!plan) return;
  await db.indicatorTarget.deleteMany({ where: { planId: plan.id } });
  await db.planGoal.deleteMany({ where: { planId: plan.id } });
  await db.planPhase.deleteMany({ where: { planId: plan.id } });
  await db.planVersion.deleteMany({ where: { planId: plan.id } });
  await db.plan.delete({ where: { id: plan.id } });
}

test.beforeAll(async () => {
  // The e2e server's database (scripts/e2e-server.ts), from the repository root Playwright runs in.
  db = createPrismaClient("file:./data/e2e.db");
  await removeDemoPlan();
  saved = await db.plan.findMany({ select: { id: true, status: true, isCurrent: true } });
  const literacy = await db.indicator.findUniqueOrThrow({ where: { code: "literacy-rate" } });
  const plan = await db.plan.create({
    data: {
      code: CODE,
      kind: "MASTER",
      title: TITLE,
      shortTitle: "示例数据：2026—2030实施方案",
      issuer: "示例数据",
      startYear: 2026,
      endYear: 2030,
      status: "PUBLISHED",
      isDemo: true,
      sortOrder: 50,
    },
  });
  await db.planGoal.create({
    data: {
      planId: plan.id,
      year: 2030,
      text: "示例数据：到2030年，全市公民具备科学素质的比例超过30%。",
      indicatorId: literacy.id,
      targetValue: 30,
      comparator: "GT",
    },
  });
  await db.indicatorTarget.create({
    data: { indicatorId: literacy.id, year: 2030, value: 30, comparator: "GT", planId: plan.id, text: "示例数据：超过30%" },
  });
  await db.planPhase.create({
    data: { planId: plan.id, position: 1, name: "示例数据：全面实施", startYear: 2026, endYear: 2030, text: "示例数据" },
  });
});

test.afterAll(async () => {
  // The 2022–2025 plan current and published again, every plan as it was, the demo plan gone.
  for (const plan of saved) await db.plan.update({ where: { id: plan.id }, data: { status: plan.status, isCurrent: plan.isCurrent } });
  await removeDemoPlan();
  await db.$disconnect();
});

test("CAST makes a new master plan current; the overview and the headline follow it, the old plan is ended and read-only", async ({
  page,
}) => {
  await signInAs(page, "kxadmin");
  await page.goto("/plans");
  const card = page.getByRole("listitem").filter({ hasText: TITLE });
  await card.getByRole("button", { name: "设为当前规划" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`将《${TITLE}》设为当前规划？`);
  await dialog.getByRole("button", { name: "设为当前规划" }).click();

  // The overview now follows the new plan: its title, its own 2030 target, the series with both targets.
  await page.waitForURL(/\/\?notice=planMadeCurrent$/);
  await expect(page.getByText(`已将《${TITLE}》设为当前规划`)).toBeVisible();
  await expect(page.locator("header").getByText(TITLE)).toBeVisible();
  await expect(page.getByTestId("target")).toHaveText("2030年目标：超过30%");
  await expect(page.getByTestId("series-targets")).toContainText("2025年超过25%");
  await expect(page.getByTestId("series-targets")).toContainText("2030年超过30%");
  await expect(page.getByTestId("goals")).toContainText("示例数据：到2030年，全市公民具备科学素质的比例超过30%。");
  // The period is not over: no notice about an ended period.
  await expect(page.getByTestId("period-over")).toHaveCount(0);

  // The dashboard's headline measures the gap to the new plan's target.
  await page.goto("/dashboard");
  await expect(page.getByTestId("gap-sentence")).toContainText("2030年");
  await expect(page.getByTestId("series-targets")).toContainText("2030年超过30%");

  // The old plan: 已结束, still browsable, no way to change it.
  await page.goto("/plans/sz-2022-2025");
  await expect(page.getByTestId("plan-period")).toContainText("已结束");
  await expect(page.getByText("该规划的实施期已结束")).toBeVisible();
  await page
    .getByTestId("plan-tree")
    .getByRole("link", { name: /实施青少年科学素质提升行动/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("实施青少年科学素质提升行动");
  const measure = await db.planItem.findFirstOrThrow({ where: { key: "youth.m1", plan: { code: "sz-2022-2025" } } });
  await page.goto(`/items/${measure.id}`);
  await expect(page.getByText("已结束").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "新增工作任务" })).toHaveCount(0);
  const workItem = await db.planItem.findFirstOrThrow({
    where: { kind: "WORK_ITEM", plan: { code: { in: ["sz-2022-2025", "cast-2023"] } }, archivedAt: null },
  });
  await page.goto(`/items/${workItem.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "编辑" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "归档" })).toHaveCount(0);
});
