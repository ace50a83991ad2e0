import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "@/lib/core/security-headers";
import { checkFormToken, TOKEN_PATTERN } from "@/lib/feedback/form-token";
import { policyNonce, PublicPageCache, RENDER_HEADER, renderSecret, type CachedPage } from "@/lib/outputs/public-page-cache";
import { publicPageHook } from "@/lib/outputs/server/public-page-server";
import { installHook, rawRequest, startHookedServer, stopHookedServer, type Answer } from "../support/hooked-server";

/**
 * The public page answered below Next.js: a real HTTP server with the worker preload
 * (scripts/support/request-hook.mjs) and the app's hook, where a request the cache does not answer
 * reaches the server's own handler (standing in for Next.js) untouched.
 */

const SECRET = renderSecret("a-deployment-secret-of-at-least-32-characters");
const RENDER_NONCE = "cmVuZGVyLW5vbmNlLTEyMzQ=";

let stamp: number | null = 1;
let renders: string[] = [];
let renderResult: (locale: string) => CachedPage | null;
let toNext: string[] = [];
let server: http.Server;
let base: string;

function renderedPage(text: string): CachedPage {
  const html =
    `<!DOCTYPE html><html lang="zh-CN"><head><script nonce="${RENDER_NONCE}">1</script></head>` +
    `<body><h1>实施进展公开</h1><p>${text}</p>` +
    `<form><input type="hidden" name="token" value="fb1.1700000000000.${"0".repeat(64)}"></form>` +
    `<script nonce="${RENDER_NONCE}">self.__next_f.push([1,"nonce\\":\\"${RENDER_NONCE}\\""])</script>${"进展".repeat(20_000)}</body></html>`;
  return {
    html,
    nonce: RENDER_NONCE,
    headers: [
      ["content-type", "text/html; charset=utf-8"],
      ["cache-control", "private, no-cache, no-store, max-age=0, must-revalidate"],
      ["x-frame-options", "DENY"],
      ["permissions-policy", "camera=(), microphone=(), geolocation=()"],
    ],
  };
}

beforeAll(async () => {
  ({ server, base } = await startHookedServer((request, response) => {
    toNext.push(`${request.method} ${request.url}`);
    response.setHeader("content-type", "text/plain");
    response.end("rendered by Next.js");
  }));
});

afterAll(() => stopHookedServer(server));

beforeEach(() => {
  stamp = 1;
  renders = [];
  toNext = [];
  renderResult = () => renderedPage("第一版");
  const cache = new PublicPageCache({
    readStamp: () => stamp,
    render: async (locale) => {
      renders.push(`${locale}@${stamp}`);
      return renderResult(locale);
    },
  });
  installHook(publicPageHook({ secret: SECRET, cache }));
});

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return rawRequest(`${base}${path}`, headers, method);
}

describe("the public page answered below Next.js", () => {
  it("sends a browser the cached copy gzip-encoded, with a fresh nonce its policy names and a fresh form token", async () => {
    const before = Date.now();
    const answer = await get("/progress", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(Number(answer.headers["content-length"])).toBe(answer.raw.length);
    expect(answer.headers.vary).toMatch(/accept-encoding/i);
    // Far smaller than the page (the repeated text compresses), and exactly the page once decoded.
    expect(answer.raw.length * 5).toBeLessThan(Buffer.byteLength(answer.text));
    expect(answer.text).toContain("<h1>实施进展公开</h1><p>第一版</p>");
    expect(answer.text).not.toContain(RENDER_NONCE);
    const nonce = policyNonce(answer.headers["content-security-policy"] as string);
    expect(nonce).toBeTruthy();
    expect(answer.text.split(`nonce="${nonce}"`)).toHaveLength(3);
    expect(answer.text).toContain(`nonce\\":\\"${nonce}\\"`);
    const token = answer.text.match(TOKEN_PATTERN)?.[0];
    expect(token).toBeDefined();
    expect(checkFormToken(token!)).toMatchObject({ ok: true });
    expect(answer.text).not.toContain("fb1.1700000000000.");
    expect(Number(token!.split(".")[1])).toBeGreaterThanOrEqual(before);
    // The render's own headers are kept.
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.headers["cache-control"]).toContain("no-store");
    expect(answer.headers["x-frame-options"]).toBe("DENY");
    expect(answer.headers["permissions-policy"]).toContain("camera=()");
    expect(toNext).toEqual([]);
    expect(renders).toEqual(["zh-CN@1"]);
  });

  it("sends a client that does not ask for gzip the same page uncompressed, and every answer its own nonce", async () => {
    const a = await get("/progress");
    const b = await get("/progress", { "accept-encoding": "gzip;q=0, identity" });
    for (const answer of [a, b]) {
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(Number(answer.headers["content-length"])).toBe(answer.raw.length);
      expect(answer.text).toContain("<p>第一版</p>");
    }
    const nonces = [a, b].map((answer) => policyNonce(answer.headers["content-security-policy"] as string));
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(a.text.replaceAll(nonces[0]!, "N").replace(TOKEN_PATTERN, "T")).toBe(
      b.text.replaceAll(nonces[1]!, "N").replace(TOKEN_PATTERN, "T"),
    );
    expect(renders).toEqual(["zh-CN@1"]);
    expect(toNext).toEqual([]);
  });

  it("renders again once the public stamp moves, and keeps one copy per locale", async () => {
    expect((await get("/progress", { "accept-encoding": "gzip" })).text).toContain("第一版");
    stamp = 2;
    renderResult = (locale) => renderedPage(locale === "en" ? "second, in English" : "第二版");
    const zh = await get("/progress", { "accept-encoding": "gzip" });
    const en = await get("/progress", { "accept-encoding": "gzip", cookie: "NEXT_LOCALE=en" });
    expect(zh.text).toContain("第二版");
    expect(zh.text).not.toContain("第一版");
    expect(en.text).toContain("second, in English");
    expect(renders).toEqual(["zh-CN@1", "zh-CN@2", "en@2"]);
    expect(toNext).toEqual([]);
  });

  it("hands Next.js every request the cache does not answer, untouched", async () => {
    const passed = [
      await get("/progress?page=2"),
      await get("/progress", { rsc: "1" }),
      await get("/progress", { "next-router-prefetch": "1" }),
      await get("/progress", { [RENDER_HEADER]: SECRET }),
      await get("/progress/", {}),
      await get("/dashboard", { "accept-encoding": "gzip" }),
      await get("/progress", {}, "POST"),
      await get("/progress", {}, "HEAD"),
    ];
    for (const answer of passed) {
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(answer.headers["content-security-policy"]).toBeUndefined();
    }
    expect(toNext).toEqual([
      "GET /progress?page=2",
      "GET /progress",
      "GET /progress",
      "GET /progress",
      "GET /progress/",
      "GET /dashboard",
      "POST /progress",
      "HEAD /progress",
    ]);
    expect(renders).toEqual([]);
  });

  it("lets Next.js render the page when no copy can be had: the stamp unreadable, the render failed or the hook broken", async () => {
    stamp = null;
    expect((await get("/progress")).text).toBe("rendered by Next.js");
    stamp = 3;
    renderResult = () => null;
    expect((await get("/progress")).text).toBe("rendered by Next.js");
    renderResult = () => {
      throw new Error("render failed");
    };
    expect((await get("/progress")).text).toBe("rendered by Next.js");
    installHook({
      wants: () => true,
      serve: () => Promise.reject(new Error("hook failed")),
    });
    expect((await get("/progress")).text).toBe("rendered by Next.js");
    expect(toNext).toEqual(["GET /progress", "GET /progress", "GET /progress", "GET /progress"]);
    // A failed render is not kept: each request tried again.
    expect(renders).toEqual(["zh-CN@3", "zh-CN@3"]);
  });

  it("answers nothing itself while no hook is installed (a bare `next start`, or before the app has loaded)", async () => {
    installHook(undefined);
    expect((await get("/progress", { "accept-encoding": "gzip" })).text).toBe("rendered by Next.js");
    expect(toNext).toEqual(["GET /progress"]);
  });
});

describe("the policy a cached answer carries", () => {
  it("is the portal's own policy with the answer's nonce", async () => {
    const answer = await get("/progress");
    const nonce = policyNonce(answer.headers["content-security-policy"] as string)!;
    expect(answer.headers["content-security-policy"]).toBe(contentSecurityPolicy(nonce));
  });
});
