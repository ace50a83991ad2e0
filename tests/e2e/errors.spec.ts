import { signInAs } from "./auth";
import { expect, test } from "./fixtures";

// Issue 17 item 4: what the production server answers to malformed ids and server-action requests.
const OVERFLOW = "99999999999999999999";

test.describe("malformed requests get a 4xx with a Chinese message, never a 500", () => {
  test("an id beyond the integer range is the not-found page on every [id] route", async ({ page }) => {
    await signInAs(page, "kxadmin");
    for (const path of [
      `/reports/${OVERFLOW}`,
      "/reports/2147483648",
      `/items/${OVERFLOW}`,
      `/items/${OVERFLOW}/compare`,
      `/items/${OVERFLOW}/edit`,
      `/units/${OVERFLOW}`,
      `/units/manage/${OVERFLOW}`,
      `/indicators/${OVERFLOW}`,
      `/indicators/${OVERFLOW}/edit`,
      `/rounds/${OVERFLOW}`,
      `/plans/import/${OVERFLOW}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
    }
    for (const path of [`/attachments/${OVERFLOW}`, `/attachments/${OVERFLOW}/preview`, "/attachments/1e3"])
      expect((await page.request.get(path)).status(), path).toBe(404);
    for (const query of ["kind=summary&round=Infinity", "kind=summary&round=1e309", `kind=summary&round=${OVERFLOW}`])
      expect((await page.request.get(`/dashboard/export?${query}`)).status(), query).toBe(400);
  });

  test("nobody signed in is refused before any attachment is looked up", async ({ request }) => {
    expect((await request.get("/attachments/1")).status()).toBe(401);
    expect((await request.get("/attachments/2000000000")).status()).toBe(401);
    expect((await request.get(`/attachments/${OVERFLOW}`)).status()).toBe(404);
  });

  test("a server action from another origin is a 403, one over 21 MB a 413, a garbled one a 400", async ({ request, baseURL }) => {
    const headers = { "Next-Action": "7f00000000000000000000000000000000000000aa", "Content-Type": "text/plain;charset=UTF-8" };
    for (const origin of ["http://evil.example", "null"]) {
      const crossOrigin = await request.post("/account/password", { headers: { ...headers, Origin: origin }, data: "[]" });
      expect(crossOrigin.status(), origin).toBe(403);
      expect(await crossOrigin.text()).toContain("请求来自其他网站，已拒绝");
    }
    const tooLarge = await request.post("/account/password", {
      headers: { ...headers, Origin: baseURL! },
      data: Buffer.alloc(22 * 1024 * 1024, 0x61),
    });
    expect(tooLarge.status()).toBe(413);
    expect(await tooLarge.text()).toContain("提交的内容超过 21 MB 上限");
    const garbled = await request.post("/account/password", { headers: { ...headers, Origin: baseURL! }, data: "not json {" });
    expect(garbled.status()).toBe(400);
    expect(await garbled.text()).toContain("请求格式有误");
  });
});
