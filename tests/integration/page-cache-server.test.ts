import http from "node:http";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { audit } from "@/lib/audit/server/record";
import { login } from "@/lib/core/auth/login";
import { logout, resolveSession } from "@/lib/core/auth/sessions";
import { db } from "@/lib/core/db";
import { policyNonce, RENDER_HEADER, renderSecret } from "@/lib/outputs/public-page-cache";
import { renderWithCookies, sessionIdOf, sessionPageHook } from "@/lib/outputs/server/page-cache-server";
import { SessionPageCache } from "@/lib/outputs/session-page-cache";
import { actorFor, DEMO_PASSWORD } from "../support/actors";
import { installHook, rawRequest, startHookedServer, stopHookedServer, type Answer } from "../support/hooked-server";

/**
 * The signed-in pages' per-session copies, answered below Next.js: a real HTTP server with the
 * worker preload (scripts/support/request-hook.mjs) and the app's hook, a real database with real
 * sessions, and a stand-in for Next.js that renders a page naming the signed-in user's unit (or
 * sends an anonymous visitor to the login page) the way every portal page decides who is asking.
 */

const SECRET = renderSecret(process.env.NEXTAUTH_SECRET);
let server: http.Server;
let base: string;
/** What reached the stand-in: "render" for the hook's own render requests, "page" for requests it handed on. */
let reached: string[] = [];
let cache: SessionPageCache;

async function standIn(request: http.IncomingMessage, response: http.ServerResponse) {
  const kind = request.headers[RENDER_HEADER.toLowerCase()] === SECRET ? "render" : "page";
  reached.push(`${kind} ${request.url}`);
  const sid = await sessionIdOf(request.headers.cookie ?? null);
  const actor = sid ? (await resolveSession(sid, null)).actor : null;
  if (!actor) {
    response.writeHead(307, { location: "/login" }).end();
    return;
  }
  if (request.url?.startsWith("/reports/") && actor.username !== "jyj") {
    response.writeHead(403, { "content-type": "text/html; charset=utf-8" }).end("<p>无权查看</p>");
    return;
  }
  const nonce = Buffer.from(`render-${reached.length}-nonce`).toString("base64");
  if (request.headers.rsc === "1") {
    // A client-side navigation: the RSC payload of the segments the client's router state lacks.
    response.writeHead(200, {
      "content-type": "text/x-component",
      vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch",
      "content-security-policy": `script-src 'self' 'nonce-${nonce}'`,
    });
    response.end(
      `0:${JSON.stringify({ unit: actor.unitName, url: request.url, tree: request.headers["next-router-state-tree"] ?? null })}\n`,
    );
    return;
  }
  response.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
    "content-security-policy": `script-src 'self' 'nonce-${nonce}'`,
  });
  response.end(
    `<!DOCTYPE html><html><head><script nonce="${nonce}">1</script></head><body>` +
      `<h1>${actor.displayName}</h1><p>单位：${actor.unitName}</p><p>${request.url}</p>${"任务".repeat(5_000)}</body></html>`,
  );
}

async function signIn(username: string): Promise<{ sid: string; cookie: string }> {
  const result = await login({ username, password: DEMO_PASSWORD }, { ip: "10.0.0.9", userAgent: "vitest" });
  if (!result.ok) throw new Error(`login failed for ${username}`);
  const token = await encode({ token: { sid: result.sessionId }, secret: process.env.NEXTAUTH_SECRET! });
  return { sid: result.sessionId, cookie: `next-auth.session-token=${token}; NEXT_LOCALE=zh-CN` };
}

function get(path: string, cookie: string | null, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return rawRequest(`${base}${path}`, { ...(cookie ? { cookie } : {}), "accept-encoding": "gzip", ...headers }, method);
}

beforeAll(async () => {
  ({ server, base } = await startHookedServer((request, response) => void standIn(request, response)));
});

afterAll(() => stopHookedServer(server));

beforeEach(() => {
  reached = [];
  cache = new SessionPageCache();
  installHook(sessionPageHook({ secret: SECRET, cache, render: renderWithCookies(SECRET, base) }));
});

describe("signed-in pages answered from a per-session copy", () => {
  it("renders a page once per session and then answers it from the copy, each session its own", async () => {
    const jyj = await signIn("jyj");
    const wjw = await signIn("wjw");
    const first = await get("/my-tasks", jyj.cookie);
    expect(first.status).toBe(200);
    expect(first.text).toContain("单位：市教育局");
    const again = await get("/my-tasks", jyj.cookie);
    expect(again.text).toContain("单位：市教育局");
    const other = await get("/my-tasks", wjw.cookie);
    expect(other.text).toContain(`单位：${(await actorFor("wjw")).unitName}`);
    expect(other.text).not.toContain("市教育局");
    // One render per session, through the hook's own render request; Next.js never got a page request.
    expect(reached).toEqual(["render /my-tasks", "render /my-tasks"]);
  });

  it("gives every answer its own nonce, named by its policy, gzip-encoded for a browser", async () => {
    const { cookie } = await signIn("jyj");
    const answers = [
      await get("/dashboard", cookie),
      await get("/dashboard", cookie),
      await get("/dashboard", cookie, { "accept-encoding": "identity" }),
    ];
    const nonces = answers.map(({ headers }) => policyNonce(String(headers["content-security-policy"])));
    expect(new Set(nonces).size).toBe(3);
    answers.forEach(({ text }, i) => expect(text).toContain(`<script nonce="${nonces[i]}">`));
    expect(answers.map(({ gzip }) => gzip)).toEqual([true, true, false]);
    expect(answers[0]!.headers["cache-control"]).toContain("no-store");
    expect(Number(answers[1]!.headers["content-length"])).toBeGreaterThan(0);
    expect(reached).toEqual(["render /dashboard"]);
  });

  it("never answers a session that has ended, though its copy is kept", async () => {
    const { sid, cookie } = await signIn("jyj");
    await get("/review", cookie);
    await logout(sid, null);
    const after = await get("/review", cookie);
    expect(after.status).toBe(307);
    expect(after.text).not.toContain("市教育局");
    expect(reached).toEqual(["render /review", "page /review"]);
  });

  it("renders again after any audited write, in whichever process it was made", async () => {
    const { cookie } = await signIn("jyj");
    await get("/rounds", cookie);
    await get("/rounds", cookie);
    await audit({ action: "report.save", result: "SUCCESS", actor: await actorFor("jyj"), objectType: "ProgressReport", objectId: 1 });
    await get("/rounds", cookie);
    // A refused attempt changes nothing, so the copy stays.
    await audit({
      action: "report.save",
      result: "DENIED",
      actor: await actorFor("jyj"),
      objectType: "ProgressReport",
      objectId: 1,
      reason: "test",
    });
    await get("/rounds", cookie);
    expect(reached).toEqual(["render /rounds", "render /rounds"]);
  });

  it("answers a click on a link (the RSC payload) from a copy per session and router state", async () => {
    const jyj = await signIn("jyj");
    const wjw = await signIn("wjw");
    const fromHome = { rsc: "1", "next-router-state-tree": "%5B%22home%22%5D", "next-url": "/" };
    const fromReview = { rsc: "1", "next-router-state-tree": "%5B%22review%22%5D" };
    const first = await get("/my-tasks?_rsc=abc", jyj.cookie, fromHome);
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toBe("text/x-component");
    expect(first.headers.vary).toContain("next-router-state-tree");
    expect(JSON.parse(first.text.slice(2))).toEqual({ unit: "市教育局", url: "/my-tasks?_rsc=abc", tree: "%5B%22home%22%5D" });
    expect((await get("/my-tasks?_rsc=abc", jyj.cookie, fromHome)).text).toBe(first.text);
    // Another router state is another payload; another session its own.
    expect(JSON.parse((await get("/my-tasks?_rsc=abc", jyj.cookie, fromReview)).text.slice(2)).tree).toBe("%5B%22review%22%5D");
    expect(JSON.parse((await get("/my-tasks?_rsc=abc", wjw.cookie, fromHome)).text.slice(2)).unit).not.toBe("市教育局");
    // The HTML document of the same URL is not the payload.
    expect((await get("/my-tasks?_rsc=abc", jyj.cookie)).headers["content-type"]).toContain("text/html");
    expect(reached).toEqual([
      "render /my-tasks?_rsc=abc",
      "render /my-tasks?_rsc=abc",
      "render /my-tasks?_rsc=abc",
      "render /my-tasks?_rsc=abc",
    ]);
  });

  it("keeps a copy per path and query string", async () => {
    const { cookie } = await signIn("jyj");
    const a = await get("/rounds/3?status=SUBMITTED", cookie);
    const b = await get("/rounds/3?status=APPROVED", cookie);
    expect(a.text).toContain("/rounds/3?status=SUBMITTED");
    expect(b.text).toContain("/rounds/3?status=APPROVED");
    await get("/rounds/3?status=SUBMITTED", cookie);
    expect(reached).toEqual(["render /rounds/3?status=SUBMITTED", "render /rounds/3?status=APPROVED"]);
  });

  it("hands a page the render did not give as a plain 200 to Next.js, once rendered", async () => {
    const { cookie } = await signIn("wjw");
    expect((await get("/reports/7", cookie)).status).toBe(403);
    expect((await get("/reports/7", cookie)).status).toBe(403);
    expect(reached).toEqual(["render /reports/7", "page /reports/7", "page /reports/7"]);
  });

  it("leaves everything else to Next.js: no or a forged cookie, a password to change, client navigation, other paths and methods", async () => {
    const { cookie } = await signIn("jyj");
    const forged = `next-auth.session-token=${await encode({ token: { sid: "x" }, secret: "another-deployment-secret-of-32-characters!!" })}`;
    await get("/my-tasks", null);
    await get("/my-tasks", forged);
    await get("/my-tasks", cookie, { rsc: "1", "next-router-prefetch": "1" });
    await get("/my-tasks", cookie, { "next-router-prefetch": "1" });
    await get("/my-tasks", cookie, { "next-router-state-tree": "%5B%5D" });
    await get("/my-tasks", cookie, { rsc: "1", "next-action": "abc" });
    await get("/admin/users", cookie);
    await get("/my-tasks/", cookie);
    await get("/my-tasks", cookie, {}, "POST");
    expect(reached).toEqual([...Array<string>(6).fill("page /my-tasks"), "page /admin/users", "page /my-tasks/", "page /my-tasks"]);

    const changing = await signIn("futian");
    await db.user.update({ where: { username: "futian" }, data: { mustChangePassword: true } });
    reached = [];
    await get("/my-tasks", changing.cookie);
    expect(reached).toEqual(["page /my-tasks"]);
  });
});
