import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

// The guards every spec relies on must themselves work: each case provokes a violation,
// checks the guard caught it, then clears it so this test passes only for that reason.
test.describe("end-to-end guards", () => {
  test("block and report a request to another host", async ({ page, guards }) => {
    await page.goto("/");
    await page.evaluate(() => {
      const image = document.createElement("img");
      image.src = "http://cdn.example.com/tracker.png";
      image.alt = "";
      document.body.append(image);
    });
    await expect.poll(() => guards.externalRequests).toEqual(["http://cdn.example.com/tracker.png"]);
    guards.externalRequests.length = 0;
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
