import http from "node:http";
import zhCN from "../../messages/zh-CN.json" with { type: "json" };
import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

/**
 * Issue 16 (use the machine): the e2e server runs like `npm start`, with several server processes
 * on one port (scripts/support/cluster-server.ts, WEB_CONCURRENCY=2 here). Each response names the
 * process slot that served it (X-Served-By). Requests on fresh connections are spread over the
 * processes, so both answer — and a session made through one is good on the other, because
 * sessions live in the database.
 */
interface Answer {
  status: number;
  servedBy: string | undefined;
  body: string;
}

/** One request on its own connection (no keep-alive), so the primary hands it to the next process. */
function freshRequest(url: string, cookie?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { connection: "close", ...(cookie ? { cookie } : {}) } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, servedBy: response.headers["x-served-by"] as string, body }));
    });
    request.on("error", reject);
  });
}

test.describe("several server processes", () => {
  test("two processes answer on one port, and a session made on one works on the other", async ({ page, baseURL }) => {
    const health: Answer[] = [];
    for (let i = 0; i < 12 && new Set(health.map((answer) => answer.servedBy)).size < 2; i++) {
      health.push(await freshRequest(`${baseURL}/api/health`));
    }
    expect(health.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(health.map((answer) => answer.servedBy))).toEqual(new Set(["1", "2"]));

    await signInAs(page, "leader");
    const cookie = (await page.context().cookies())
      .filter((entry) => entry.name.includes("next-auth"))
      .map((entry) => `${entry.name}=${entry.value}`)
      .join("; ");
    const dashboards: Answer[] = [];
    for (let i = 0; i < 12 && new Set(dashboards.map((answer) => answer.servedBy)).size < 2; i++) {
      dashboards.push(await freshRequest(`${baseURL}/dashboard`, cookie));
    }
    expect(new Set(dashboards.map((answer) => answer.servedBy))).toEqual(new Set(["1", "2"]));
    for (const answer of dashboards) {
      expect(answer.status, `process ${answer.servedBy}`).toBe(200);
      expect(answer.body, `process ${answer.servedBy}`).toContain(zhCN.nav.dashboard);
    }
  });
});

test.describe("the strings sent to client components", () => {
  test("a page carries the client components' strings, not the whole catalogue, and they still show", async ({ page }) => {
    await signInAs(page, "leader");
    const html = await (await page.request.get("/dashboard")).text();
    // The e-mail footer is translated on the server only: before, every page carried it.
    expect(html).not.toContain("的管理平台自动发送，请勿直接回复");
    expect(html).not.toContain(zhCN.auditLog.reasons.ownAccountRequest);

    await page.goto("/dashboard");
    // The sidebar's links are a client component (NavLinks) with its own strings.
    const sidebar = page.getByRole("navigation", { name: zhCN.shell.mainNavigation });
    await expect(sidebar.getByRole("link", { name: zhCN.nav.dashboard })).toHaveAttribute("aria-current", "page");
  });
});
