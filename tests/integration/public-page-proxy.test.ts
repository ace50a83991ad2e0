/**
 * proxy.ts with the public page's HTML cache, on this file's database: the stamp is the real one
 * (read by lib/core/db/stamp-reader.ts), the render request to the server is answered by a stub.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { db } from "@/lib/core/db";
import { bumpContentStamp, PUBLIC_STAMP } from "@/lib/core/content-stamp";
import { contentSecurityPolicy } from "@/lib/core/security-headers";
import { policyNonce, RENDER_HEADER, renderSecret } from "@/lib/outputs/public-page-cache";
import { proxy } from "@/proxy";

const RENDERED_NONCE = "cmVuZGVyZWQtbm9uY2U=";
const renders: { url: string; headers: Headers }[] = [];
let version = 0;

const fetchStub = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
  const headers = new Headers(init?.headers);
  renders.push({ url: String(url), headers });
  const locale = /NEXT_LOCALE=en/.test(headers.get("cookie") ?? "") ? "en" : "zh-CN";
  const html = `<html lang="${locale}"><script nonce="${RENDERED_NONCE}">v${version}</script><style nonce="${RENDERED_NONCE}"></style></html>`;
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
      "content-security-policy": contentSecurityPolicy(RENDERED_NONCE),
    },
  });
});
vi.stubGlobal("fetch", fetchStub);
afterAll(() => vi.unstubAllGlobals());

const get = (headers: Record<string, string> = {}, path = "/progress") =>
  new NextRequest(`http://portal.example${path}`, { headers: { accept: "text/html", ...headers } });
const passedThrough = (response: Response | undefined) => response?.headers.get("x-middleware-next") === "1";

beforeEach(() => {
  renders.length = 0;
});

describe("the public page from the proxy's HTML cache", () => {
  it("answers repeated visits from one render, each with its own nonce in the policy and the page", async () => {
    await bumpContentStamp(db, PUBLIC_STAMP);
    const first = (await proxy(get()))!;
    const second = (await proxy(get()))!;
    expect(renders).toHaveLength(1);
    // The render request: the secret, no cookie but the locale, to this server.
    expect(renders[0]!.headers.get(RENDER_HEADER)).toBe(renderSecret());
    expect(renders[0]!.headers.get("cookie")).toBe("NEXT_LOCALE=zh-CN");
    expect(renders[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/progress$/);
    const nonces = [];
    for (const response of [first, second]) {
      expect(passedThrough(response)).toBe(false);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("cache-control")).toContain("no-store");
      const nonce = policyNonce(response.headers.get("content-security-policy"))!;
      const html = await response.text();
      expect(html).not.toContain(RENDERED_NONCE);
      expect(html.split(`nonce="${nonce}"`)).toHaveLength(3);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("renders again after the stamp moves, and keeps one copy per locale", async () => {
    await bumpContentStamp(db, PUBLIC_STAMP);
    version = 1;
    await (await proxy(get()))!.text();
    expect(await (await proxy(get()))!.text()).toContain("v1");
    expect(await (await proxy(get({ cookie: "NEXT_LOCALE=en" })))!.text()).toContain('lang="en"');
    expect(renders).toHaveLength(2);
    version = 2;
    await bumpContentStamp(db, PUBLIC_STAMP);
    expect(await (await proxy(get()))!.text()).toContain("v2");
    expect(renders).toHaveLength(3);
  });

  it("never answers an RSC or prefetch request or another page from it, and passes the render request through", async () => {
    for (const headers of [{ RSC: "1" }, { "Next-Router-Prefetch": "1" }, { "Next-Router-State-Tree": "%5B%5D" }] as Record<
      string,
      string
    >[]) {
      const response = await proxy(get(headers));
      expect(passedThrough(response)).toBe(true);
      expect(policyNonce(response!.headers.get("content-security-policy"))).not.toBeNull();
    }
    expect(passedThrough(await proxy(get({}, "/progress?_rsc=1")))).toBe(true);
    expect(passedThrough(await proxy(get({}, "/login")))).toBe(true);
    expect(passedThrough(await proxy(get({ [RENDER_HEADER]: renderSecret() })))).toBe(true);
    expect(renders).toHaveLength(0);
  });

  it("treats a render header with a wrong secret as an ordinary visit, answered from the cache", async () => {
    const response = await proxy(get({ [RENDER_HEADER]: "guessed" }));
    expect(passedThrough(response)).toBe(false);
    expect(await response!.text()).toContain("<script nonce=");
  });

  it("falls back to an ordinary render when the page did not render cleanly", async () => {
    await bumpContentStamp(db, PUBLIC_STAMP);
    fetchStub.mockImplementationOnce(async () => new Response("error", { status: 500, headers: { "content-type": "text/html" } }));
    expect(passedThrough(await proxy(get()))).toBe(true);
    expect(passedThrough(await proxy(get()))).toBe(false);
  });
});
