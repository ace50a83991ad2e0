import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  acceptsGzip,
  cacheableLocale,
  isInternalRender,
  keepRendered,
  policyNonce,
  PublicPageCache,
  RENDER_HEADER,
  renderSecret,
  type CachedPage,
} from "@/lib/outputs/public-page-cache";
import { contentSecurityPolicy, createNonce } from "@/lib/core/security-headers";

const SECRET = renderSecret("a-deployment-secret-of-at-least-32-characters");
const page = (headers: Record<string, string> = {}, method = "GET", url = "http://portal.example/progress") =>
  new Request(url, { method, headers });

describe("the nonce of a cached copy", () => {
  it("is replaced everywhere, so no other nonce survives, whatever characters the fresh one has", async () => {
    const rendered = "a1B2c3D4e5F6g7H8i9J0kA==";
    const html = `<p>进展公开</p><script nonce="${rendered}">1</script><link nonce="${rendered}"><script>self.__next_f.push([1,"nonce\\":\\"${rendered}\\""])</script>`;
    const fresh = "$&$'+/x==";
    const cached: CachedPage = { html, nonce: rendered, headers: [["content-type", "text/html; charset=utf-8"]] };
    for (let i = 0; i < 2; i++) {
      const out = await PublicPageCache.respond(cached, fresh, {}).text();
      expect(out).not.toContain(rendered);
      expect(out.split(fresh)).toHaveLength(4);
      expect(out).toBe(html.replaceAll(rendered, () => fresh));
    }
  });

  it("is read from the render's Content-Security-Policy", () => {
    const nonce = createNonce();
    expect(policyNonce(contentSecurityPolicy(nonce))).toBe(nonce);
    expect(policyNonce("default-src 'self'")).toBeNull();
    expect(policyNonce(null)).toBeNull();
  });

  it("is fresh in every answer from the cache, and the response's policy names it", async () => {
    const cached: CachedPage = {
      html: '<script nonce="OLD">x</script>',
      nonce: "OLD",
      headers: [["content-type", "text/html; charset=utf-8"]],
    };
    const first = PublicPageCache.respond(cached, "NEW1", { "Content-Security-Policy": contentSecurityPolicy("NEW1") });
    const second = PublicPageCache.respond(cached, "NEW2", { "Content-Security-Policy": contentSecurityPolicy("NEW2") });
    expect(await first.text()).toBe('<script nonce="NEW1">x</script>');
    expect(await second.text()).toBe('<script nonce="NEW2">x</script>');
    expect(policyNonce(second.headers.get("content-security-policy"))).toBe("NEW2");
    expect(first.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(cached.html).toContain("OLD");
  });
});

describe("which requests the HTML cache answers", () => {
  it("a full-document GET of exactly /progress, in the locale of the NEXT_LOCALE cookie", () => {
    expect(cacheableLocale(page(), SECRET)).toBe("zh-CN");
    expect(cacheableLocale(page({ cookie: "a=1; NEXT_LOCALE=en; b=2" }), SECRET)).toBe("en");
    expect(cacheableLocale(page({ cookie: "NEXT_LOCALE=fr" }), SECRET)).toBe("zh-CN");
    expect(cacheableLocale(page({ cookie: "XNEXT_LOCALE=en" }), SECRET)).toBe("zh-CN");
  });

  it("never an RSC, prefetch or router-state request, another method, path or any query string", () => {
    for (const header of [
      "RSC",
      "Next-Router-Prefetch",
      "Next-Router-State-Tree",
      "Next-Router-Segment-Prefetch",
      "Next-Action",
      "Next-Url",
    ])
      expect(cacheableLocale(page({ [header]: "1" }), SECRET), header).toBeNull();
    expect(cacheableLocale(page({}, "POST"), SECRET)).toBeNull();
    expect(cacheableLocale(page({}, "HEAD"), SECRET)).toBeNull();
    expect(cacheableLocale(page({}, "GET", "http://portal.example/progress?_rsc=abc"), SECRET)).toBeNull();
    expect(cacheableLocale(page({}, "GET", "http://portal.example/progress?x"), SECRET)).toBeNull();
    expect(cacheableLocale(page({}, "GET", "http://portal.example/progress/"), SECRET)).toBeNull();
    expect(cacheableLocale(page({}, "GET", "http://portal.example/dashboard"), SECRET)).toBeNull();
  });

  it("passes the render request through only with the right secret; a wrong one is an ordinary request", () => {
    expect(isInternalRender(page({ [RENDER_HEADER]: SECRET }), SECRET)).toBe(true);
    expect(cacheableLocale(page({ [RENDER_HEADER]: SECRET }), SECRET)).toBeNull();
    for (const wrong of [
      "",
      "1",
      SECRET.slice(1),
      `${SECRET.slice(0, -1)}0` === SECRET ? `${SECRET.slice(0, -1)}1` : `${SECRET.slice(0, -1)}0`,
    ]) {
      expect(isInternalRender(page({ [RENDER_HEADER]: wrong }), SECRET)).toBe(false);
      expect(cacheableLocale(page({ [RENDER_HEADER]: wrong }), SECRET)).toBe("zh-CN");
    }
    expect(isInternalRender(page(), SECRET)).toBe(false);
  });

  it("derives the secret from the deployment's auth secret (shared by its processes), else a random one", () => {
    expect(renderSecret("a-deployment-secret-of-at-least-32-characters")).toBe(SECRET);
    expect(renderSecret("another-deployment-secret-of-32-characters!")).not.toBe(SECRET);
    expect(SECRET).not.toContain("a-deployment-secret");
    expect(renderSecret("")).not.toBe(renderSecret(""));
    expect(renderSecret("too-short")).not.toBe(renderSecret("too-short"));
  });
});

describe("what a render may leave in the cache", () => {
  const html = (init: ResponseInit & { policy?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    headers.set("content-type", headers.get("content-type") ?? "text/html; charset=utf-8");
    if (init.policy !== null) headers.set("content-security-policy", init.policy ?? contentSecurityPolicy("RENDERED"));
    return new Response('<script nonce="RENDERED"></script>', { status: init.status ?? 200, headers });
  };

  it("a 200 HTML page with a nonce and no cookie, with its content type and caching headers", async () => {
    const kept = await keepRendered(html({ headers: { "cache-control": "private, no-store", "x-powered-by": "x" } }));
    expect(kept).toMatchObject({ nonce: "RENDERED", html: '<script nonce="RENDERED"></script>' });
    expect(Object.fromEntries(kept!.headers)).toEqual({ "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store" });
  });

  it("nothing else", async () => {
    expect(await keepRendered(html({ status: 500 }))).toBeNull();
    expect(await keepRendered(html({ status: 307, headers: { location: "/login" } }))).toBeNull();
    expect(await keepRendered(html({ headers: { "set-cookie": "a=b" } }))).toBeNull();
    expect(await keepRendered(html({ headers: { "content-type": "text/x-component" } }))).toBeNull();
    expect(await keepRendered(html({ policy: null }))).toBeNull();
  });
});

describe("the per-process copy", () => {
  function setup() {
    const state = { stamp: 1 as number | null, fail: false, renders: [] as string[] };
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const cache = new PublicPageCache({
      readStamp: () => state.stamp,
      render: async (locale) => {
        state.renders.push(`${locale}@${state.stamp}`);
        await gate;
        if (state.fail) return null;
        return { html: `${locale}@${state.stamp}`, nonce: "N", headers: [] };
      },
    });
    return { state, cache, release };
  }

  it("renders once for concurrent misses, is reused while the stamp is unchanged and rendered again after a bump", async () => {
    const { state, cache, release } = setup();
    const concurrent = [cache.page("zh-CN"), cache.page("zh-CN"), cache.page("zh-CN")];
    release();
    expect((await Promise.all(concurrent)).map((copy) => copy?.html)).toEqual(["zh-CN@1", "zh-CN@1", "zh-CN@1"]);
    expect((await cache.page("zh-CN"))?.html).toBe("zh-CN@1");
    expect(state.renders).toEqual(["zh-CN@1"]);
    expect((await cache.page("en"))?.html).toBe("en@1");
    state.stamp = 2;
    expect((await cache.page("zh-CN"))?.html).toBe("zh-CN@2");
    expect((await cache.page("zh-CN"))?.html).toBe("zh-CN@2");
    expect(state.renders).toEqual(["zh-CN@1", "en@1", "zh-CN@2"]);
    // A stamp going back (a restored backup) drops the copy too.
    state.stamp = 1;
    await cache.page("zh-CN");
    expect(state.renders).toHaveLength(4);
  });

  it("keeps no failed render, and caches nothing when the stamp cannot be read", async () => {
    const { state, cache, release } = setup();
    state.fail = true;
    release();
    expect(await cache.page("zh-CN")).toBeNull();
    await Promise.resolve();
    state.fail = false;
    expect((await cache.page("zh-CN"))?.html).toBe("zh-CN@1");
    expect(state.renders).toHaveLength(2);
    state.stamp = null;
    expect(await cache.page("zh-CN")).toBeNull();
    expect(state.renders).toHaveLength(2);
  });
});

describe("a cached copy for a browser that asks for gzip", () => {
  it("is one gzip member that decodes to exactly the uncompressed answer, at a fraction of its size", () => {
    const rendered = "cmVuZGVyZWQtbm9uY2U=";
    const html = `<p>进展公开</p><script nonce="${rendered}">1</script>${"各区落实情况".repeat(5_000)}<script nonce="${rendered}">2</script>`;
    const cached: CachedPage = { html, nonce: rendered, headers: [] };
    const now = Date.now();
    for (const fresh of ["Zmlyc3Q=", "c2Vjb25kLW5vbmNlLWxvbmdlcg=="]) {
      const plain = Buffer.concat(PublicPageCache.body(cached, fresh, now, false));
      const gzipped = Buffer.concat(PublicPageCache.body(cached, fresh, now, true));
      expect(plain.toString("utf8")).toBe(html.replaceAll(rendered, fresh));
      expect(gunzipSync(gzipped).equals(plain)).toBe(true);
      expect(gzipped.length * 20).toBeLessThan(plain.length);
    }
  });

  it("is sent only when Accept-Encoding allows gzip", () => {
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsGzip("GZIP")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("br, *;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});
