import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { combinedHook, requestConcurrency, RequestTurns, type RequestHook } from "@/lib/core/server/request-hooks";
import { PublicPageCache, RENDER_HEADER, renderSecret } from "@/lib/outputs/public-page-cache";
import { isPublicPageRender } from "@/lib/outputs/server/public-page-server";
import { installHook, rawRequest, startHookedServer, stopHookedServer } from "../support/hooked-server";

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 250 && !condition(); i++) await tick();
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe("RequestTurns", () => {
  it("lets `limit` callers on at once and the others in arrival order as turns end", async () => {
    const turns = new RequestTurns(2);
    const order: string[] = [];
    const ends: Record<string, () => void> = {};
    const takers = ["a", "b", "c", "d"].map(async (name) => {
      ends[name] = await turns.take();
      order.push(name);
    });
    await tick();
    expect(order).toEqual(["a", "b"]);
    expect(turns.counts).toEqual({ running: 2, waiting: 2 });
    ends.b!();
    ends.b!(); // ending a turn twice passes on one turn, not two
    await tick();
    expect(order).toEqual(["a", "b", "c"]);
    expect(turns.counts).toEqual({ running: 2, waiting: 1 });
    ends.a!();
    await Promise.all(takers);
    expect(order).toEqual(["a", "b", "c", "d"]);
    ends.c!();
    ends.d!();
    expect(turns.counts).toEqual({ running: 0, waiting: 0 });
  });

  it("reads SERVER_REQUEST_CONCURRENCY, falling back to 2 for anything but a positive integer", () => {
    expect(requestConcurrency(undefined)).toBe(2);
    expect(requestConcurrency("4")).toBe(4);
    for (const bad of ["", "0", "-1", "1.5", "many"]) expect(requestConcurrency(bad)).toBe(2);
    expect(() => new RequestTurns(0)).toThrow();
  });
});

describe("requests on their way to Next.js wait for a turn (issue 16)", () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    if (server) await stopHookedServer(server);
    server = undefined;
  });

  /** A server whose stand-in for Next.js holds every page request until `finish` answers it; static files at once. */
  async function start(limit: number, hooks: RequestHook[] = [], exempt?: (request: http.IncomingMessage) => boolean) {
    const held = new Map<string, http.ServerResponse>();
    const seen: string[] = [];
    const started = await startHookedServer((request, response) => {
      seen.push(request.url ?? "");
      if ((request.url ?? "").startsWith("/_next/static/") || ["/exempt", "/progress"].includes(request.url ?? "")) response.end("static");
      else held.set(request.url ?? "", response);
    });
    server = started.server;
    const turns = new RequestTurns(limit);
    installHook(combinedHook(hooks, { turns, exempt }));
    const get = (path: string, headers: Record<string, string> = {}) => rawRequest(`${started.base}${path}`, headers);
    const finish = (path: string) => {
      held.get(path)!.end(`page ${path}`);
      held.delete(path);
    };
    return { base: started.base, turns, held, seen, get, finish };
  }

  it("lets two page requests at a time through, in arrival order, while static files, exempt requests and hooks answer at once", async () => {
    const hook: RequestHook = {
      wants: (request) => request.url === "/api/health",
      serve: async (_request, response) => {
        response.end("ok");
        return true;
      },
    };
    const { turns, held, seen, get, finish } = await start(2, [hook], (request) => request.url === "/exempt");
    const pages = ["/p1", "/p2", "/p3", "/p4", "/p5"];
    const answers: Promise<unknown>[] = [];
    for (const page of pages) {
      answers.push(get(page));
      await until(() => turns.counts.running + turns.counts.waiting === answers.length, `${page} to arrive`);
    }
    expect([...held.keys()]).toEqual(["/p1", "/p2"]);
    expect(turns.counts).toEqual({ running: 2, waiting: 3 });
    // Meanwhile the rest is answered without waiting for the renders.
    expect((await get("/_next/static/chunks/app.js")).text).toBe("static");
    expect((await get("/exempt")).text).toBe("static");
    expect((await get("/api/health")).text).toBe("ok");
    finish("/p2");
    await until(() => held.has("/p3"), "/p3 to get a turn");
    expect([...held.keys()]).toEqual(["/p1", "/p3"]);
    finish("/p1");
    finish("/p3");
    await until(() => held.size === 2, "/p4 and /p5");
    finish("/p4");
    finish("/p5");
    expect(((await Promise.all(answers)) as { text: string }[]).map((answer) => answer.text)).toEqual(pages.map((page) => `page ${page}`));
    expect(seen.filter((url) => url.startsWith("/p"))).toEqual(pages);
    expect(turns.counts).toEqual({ running: 0, waiting: 0 });
  });

  it("passes on the turn of a visitor who left while waiting, and of one who left mid-answer", async () => {
    const { base, turns, held, seen, get, finish } = await start(1);
    const first = get("/first");
    await until(() => held.has("/first"), "/first");
    // The second visitor gives up while waiting: Next.js never sees the request.
    const leaving = http.get(`${base}/leaving`);
    leaving.on("error", () => {});
    await until(() => turns.counts.waiting === 1, "/leaving to wait");
    leaving.destroy();
    const third = get("/third");
    await until(() => turns.counts.waiting === 2, "/third to wait");
    finish("/first");
    await first;
    await until(() => held.has("/third"), "/third to get the turn");
    expect(seen).toEqual(["/first", "/third"]);
    // A visitor who leaves before the answer ends the turn too.
    held.get("/third")!.destroy();
    await third.catch(() => {});
    await until(() => turns.counts.running === 0, "the turn to end");
    expect(turns.counts).toEqual({ running: 0, waiting: 0 });
  });

  it("never queues the public page's own render, which a request holding a turn (proxy.ts) may be waiting for", async () => {
    const secret = renderSecret("a-deployment-secret-of-at-least-32-characters");
    const shared = { secret, cache: new PublicPageCache({ readStamp: () => 1, render: async () => null }) };
    const { turns, held, get, finish } = await start(1, [], (request) => isPublicPageRender(request, shared));
    const holding = get("/holding");
    await until(() => held.has("/holding"), "/holding to take the only turn");
    // The render request with this deployment's secret goes straight through…
    expect((await get("/progress", { [RENDER_HEADER]: secret })).text).toBe("static");
    // …one without it (any visitor's) waits like every other request.
    const visitor = get("/progress", { [RENDER_HEADER]: "not-the-secret" });
    await until(() => turns.counts.waiting === 1, "the visitor's /progress to wait");
    finish("/holding");
    await holding;
    expect((await visitor).text).toBe("static");
  });
});
