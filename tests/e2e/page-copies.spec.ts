import { signInAs } from "./auth";
import { shenzhenDay } from "./dates";
import { expect, test } from "./fixtures";
import { openRound } from "./journeys";

/**
 * The signed-in pages each server process keeps per session (lib/outputs/server/page-cache-server.ts):
 * a repeated view is answered from the copy, and another user's change shows at the very next view,
 * whether the page is reloaded or reached by a click (a client-side navigation, answered with the
 * page's RSC payload). A kept answer is sent whole with its length; Next.js streams its own without.
 */
test("a page kept for a session shows another user's change at the next view, on a click and on a reload", async ({ page, browser }) => {
  const roundName = `页面副本测试-${Date.now().toString(36)}`;
  const liaisonContext = await browser.newContext();
  const liaison = await liaisonContext.newPage();
  await signInAs(liaison, "jyj");
  const nav = liaison.getByRole("navigation").first();

  // The liaison of 市教育局 opens 我的任务, reloads it (the kept copy), and goes back and forth by clicks.
  await liaison.goto("/my-tasks");
  const kept = await liaison.reload();
  expect(kept?.status()).toBe(200);
  expect(kept?.headers()["content-length"]).toMatch(/^\d+$/);
  const payloads: (string | undefined)[] = [];
  liaison.on("response", (response) => {
    if (response.request().headers().rsc === "1" && new URL(response.url()).pathname === "/my-tasks")
      payloads.push(response.headers()["content-length"]);
  });
  await nav.getByRole("link", { name: "概览", exact: true }).click();
  await expect(liaison).toHaveURL(/\/$/);
  await nav.getByRole("link", { name: "我的任务", exact: true }).click();
  await expect(liaison.getByRole("heading", { level: 1, name: "我的任务" })).toBeVisible();
  await expect(liaison.getByText(roundName)).toHaveCount(0);
  await nav.getByRole("link", { name: "概览", exact: true }).click();
  await expect(liaison).toHaveURL(/\/$/);

  // Meanwhile CAST opens a round on an action 市教育局 leads.
  await signInAs(page, "kxadmin");
  await openRound(page, {
    name: roundName,
    period: "2025年第四季度",
    deadline: shenzhenDay(30),
    section: "(一)实施青少年科学素质提升行动",
  });

  // The same click as before now shows the new round, and so does a reload.
  await nav.getByRole("link", { name: "我的任务", exact: true }).click();
  await expect(liaison.getByRole("listitem").filter({ hasText: roundName }).first()).toBeVisible();
  // Both clicks on 我的任务 were answered whole (the first from a copy made for it, the second after the change).
  expect(payloads).toHaveLength(2);
  for (const length of payloads) expect(length).toMatch(/^\d+$/);
  await liaison.reload();
  await expect(liaison.getByRole("listitem").filter({ hasText: roundName }).first()).toBeVisible();
  await liaisonContext.close();

  // Another unit's liaison gets a page of their own, never the one kept for 市教育局's liaison.
  const other = await browser.newContext();
  const wjw = await other.newPage();
  await signInAs(wjw, "wjw");
  await wjw.goto("/my-tasks");
  await wjw.reload();
  await expect(wjw.getByRole("banner")).toContainText("市卫生健康委");
  await expect(wjw.getByRole("banner")).not.toContainText("市教育局");
  await other.close();
});
