import { DEMO_PASSWORD } from "./auth";
import { expect, test } from "./fixtures";

// Issue 17 item 6: per-request CSP nonces, COOP/CORP, and a session cookie that ends with the browser.
test.describe("security headers and the session cookie", () => {
  test("every page gets its own CSP nonce, and every inline script carries it", async ({ page, request }) => {
    const first = await request.get("/login");
    const second = await request.get("/login");
    const policy = first.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/https?:\/\//);
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers()["content-security-policy"]).not.toContain(nonce!);
    expect(first.headers()["cross-origin-opener-policy"]).toBe("same-origin");
    expect(first.headers()["cross-origin-resource-policy"]).toBe("same-origin");
    // The e2e server is plain http: no HSTS.
    expect(first.headers()["strict-transport-security"]).toBeUndefined();

    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1] ?? "");
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);

    // And the page, loaded and hydrated in the browser, reports no violation (the guard checks).
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "登录" })).toBeEnabled();
  });

  test("the signed-in session cookie has no Expires or Max-Age: it ends with the browser session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("leader");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    const signIn = page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "登录" }).click();
    const setCookies = (await (await signIn).headersArray()).filter((header) => header.name.toLowerCase() === "set-cookie");
    const sessionCookie = setCookies.map((header) => header.value).find((value) => /next-auth\.session-token=/.test(value));
    expect(sessionCookie).toBeTruthy();
    expect(sessionCookie).not.toMatch(/expires=/i);
    expect(sessionCookie).not.toMatch(/max-age=/i);
    expect(sessionCookie).toMatch(/httponly/i);

    await expect(page.getByRole("heading", { level: 1, name: "实施方案概览" })).toBeVisible();
    // Still a browser-session cookie after the client has asked for the session again.
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session?.expires).toBe(-1);
  });
});
