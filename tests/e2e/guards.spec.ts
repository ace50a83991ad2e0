import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

// The guards every spec relies on must themselves work: each case provokes a violation,
// checks the guard caught it, then clears it so this test passes only for that reason.
test.describe("end-to-end guards", () => {
  test("block and report a request to another host", async ({ page, guards }) => {
    await page.goto("/");
    // A navigation: the one kind of request to another host the page's CSP does not stop by itself.
    await page.evaluate(() => {
      location.href = "http://cdn.example.com/tracker.html";
    });
    await expect.poll(() => guards.externalRequests).toEqual(["http://cdn.example.com/tracker.html"]);
    guards.externalRequests.length = 0;
  });

  test("report a Content-Security-Policy violation: an inline script or style, or a load from another host", async ({ page, guards }) => {
    // The page as an attacker who slipped markup into it would have it: an inline script and style
    // without this response's nonce (the response keeps its real headers, policy included).
    await page.route("**/login", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        "</body>",
        "<script>window.__injected = true</script><style>main { outline: 3px solid red }</style></body>",
      );
      await route.fulfill({ response, body });
    });
    await page.goto("/login");
    await page.evaluate(() => {
      const image = document.createElement("img");
      image.src = "http://cdn.example.com/tracker.png";
      image.alt = "";
      document.body.append(image);
    });
    await expect.poll(() => guards.cspViolations.join("\n")).toMatch(/script-src(-elem)? blocked inline/);
    await expect.poll(() => guards.cspViolations.join("\n")).toMatch(/style-src(-elem)? blocked inline/);
    await expect.poll(() => guards.cspViolations.join("\n")).toMatch(/img-src blocked http:\/\/cdn\.example\.com\/tracker\.png/);
    expect(await page.evaluate(() => "__injected" in window)).toBe(false);
    // The policy stopped the image before it left the page.
    expect(guards.externalRequests).toEqual([]);
    guards.cspViolations.length = 0;
  });

  test("report a serious accessibility violation", async ({ page, guards }) => {
    await signInAs(page, "leader");
    await page.goto("/plans");
    await guards.settle();
    expect(guards.accessibilityFindings).toEqual([]);
    await page.evaluate(() => {
      const button = document.createElement("button");
      button.id = "unlabelled";
      document.querySelector("main")!.append(button);
    });
    await guards.scanNow();
    expect(guards.accessibilityFindings.map((finding) => finding.rule)).toContain("button-name");
    guards.accessibilityFindings.length = 0;
  });
});
