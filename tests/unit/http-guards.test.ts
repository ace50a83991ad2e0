import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { guardServerAction, guardServerActionBody, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/core/http-guards";

const ACTION = "60734820b1f740ef7723cf91613ae3f1ce0e23fa34";

function actionRequest(headers: Record<string, string>, body = "[]", url = "http://portal.example/account/password") {
  return new Request(url, {
    method: "POST",
    headers: { "next-action": ACTION, host: "portal.example", "content-length": String(new TextEncoder().encode(body).length), ...headers },
    body,
  });
}

describe("server-action requests Next.js would answer with a 500", () => {
  it("refuses another origin with a 403 in Chinese first", async () => {
    for (const origin of ["http://evil.example", "null", "garbage", "http://portal.example.evil.example"]) {
      const response = guardServerAction(actionRequest({ origin }));
      expect(response?.status, origin).toBe(403);
      expect(await response!.text()).toMatch(/^请求来自其他网站，已拒绝/);
    }
  });

  it("lets the portal's own origin through, and a request without Origin as Next.js does", () => {
    expect(guardServerAction(actionRequest({ origin: "http://portal.example" }))).toBeNull();
    expect(guardServerAction(actionRequest({}))).toBeNull();
    // Behind a proxy, Next.js compares with the first X-Forwarded-Host.
    expect(guardServerAction(actionRequest({ origin: "https://kepu.sz.gov.cn", "x-forwarded-host": "kepu.sz.gov.cn, inner" }))).toBeNull();
    expect(guardServerAction(actionRequest({ origin: "http://portal.example", "x-forwarded-host": "kepu.sz.gov.cn" }))?.status).toBe(403);
  });

  it("refuses a body over the limit with a 413, and one of unknown length with a 411", async () => {
    const tooLarge = guardServerAction(
      actionRequest({ origin: "http://portal.example", "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) }),
    );
    expect(tooLarge?.status).toBe(413);
    expect(await tooLarge!.text()).toMatch(/^提交的内容超过 21 MB 上限/);
    expect(
      guardServerAction(actionRequest({ origin: "http://portal.example", "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES) })),
    ).toBeNull();
    const unknown = new Request("http://portal.example/", { method: "POST", headers: { "next-action": ACTION, host: "portal.example" } });
    expect(guardServerAction(unknown)?.status).toBe(411);
    expect(guardServerAction(actionRequest({ "content-length": "12abc" }))?.status).toBe(400);
  });

  it("leaves GETs and NextAuth's routes alone", () => {
    expect(guardServerAction(new Request("http://portal.example/reports", { headers: { origin: "http://evil.example" } }))).toBeNull();
    expect(
      guardServerAction(actionRequest({ origin: "http://evil.example" }, "[]", "http://portal.example/api/auth/callback/credentials")),
    ).toBeNull();
  });

  it("refuses a body Next.js cannot decode with a 400", async () => {
    expect((await guardServerActionBody(actionRequest({}, "not json {")))?.status).toBe(400);
    expect(await guardServerActionBody(actionRequest({}, '["$K1"]'))).toBeNull();
    const junk = new Request("http://portal.example/", {
      method: "POST",
      headers: { "next-action": ACTION, "content-type": "multipart/form-data; boundary=xx" },
      body: "garbage",
    });
    expect((await guardServerActionBody(junk))?.status).toBe(400);
    const form = new FormData();
    form.append("1_reportId", "5");
    expect(
      await guardServerActionBody(
        new Request("http://portal.example/", { method: "POST", headers: { "next-action": ACTION }, body: form }),
      ),
    ).toBeNull();
  });

  it("uses the limit next.config.ts gives Next.js, and the proxy's copy of a body holds a whole upload", () => {
    const config = fs.readFileSync(path.resolve(import.meta.dirname, "../../next.config.ts"), "utf8");
    expect(config).toMatch(/bodySizeLimit: "21mb"/);
    expect(config).toMatch(/proxyClientMaxBodySize: "21mb"/);
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(21 * 1024 * 1024);
    const proxy = fs.readFileSync(path.resolve(import.meta.dirname, "../../proxy.ts"), "utf8");
    expect(proxy).toMatch(/guardServerAction\(request\)/);
  });
});
