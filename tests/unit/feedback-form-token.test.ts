/**
 * 公众评价: the signed issue time of the public rating form (lib/feedback/form-token.ts), its
 * refresh in every cached copy of /progress, and the keyed hash that stands for a visitor's address.
 */
import { describe, expect, it } from "vitest";
import { addressHash, checkFormToken, DEFAULT_MIN_FILL_MS, issueFormToken, MAX_FORM_AGE_MS, minFillMs } from "@/lib/feedback/form-token";
import { PublicPageCache } from "@/lib/outputs/public-page-cache";

describe("the rating form's signed issue time", () => {
  it("tells how long ago a genuine form was issued", () => {
    const now = Date.UTC(2026, 11, 2, 8, 0, 0);
    expect(checkFormToken(issueFormToken(now - 3000), now)).toEqual({ ok: true, ageMs: 3000 });
  });

  it("refuses a changed time, a changed signature, another shape and an expired form", () => {
    const now = Date.UTC(2026, 11, 2, 8, 0, 0);
    const token = issueFormToken(now - 3000);
    const [prefix, issued, signature] = token.split(".");
    // Claiming the form was issued earlier (to pass the fill time) breaks the signature.
    expect(checkFormToken(`${prefix}.${Number(issued) - 60_000}.${signature}`, now)).toEqual({ ok: false, reason: "invalid" });
    expect(checkFormToken(`${prefix}.${issued}.${signature!.replace(/^./, (c) => (c === "0" ? "1" : "0"))}`, now)).toMatchObject({
      ok: false,
    });
    for (const bad of [undefined, 42, "", "fb1", `${token}x`, "x".repeat(10_000)])
      expect(checkFormToken(bad, now)).toMatchObject({ ok: false, reason: "invalid" });
    expect(checkFormToken(issueFormToken(now - MAX_FORM_AGE_MS - 1), now)).toEqual({ ok: false, reason: "stale" });
  });

  it("depends on NEXTAUTH_SECRET: a token from another deployment is not ours", () => {
    const now = Date.now();
    const token = issueFormToken(now - 3000);
    const saved = process.env.NEXTAUTH_SECRET;
    try {
      process.env.NEXTAUTH_SECRET = "another-deployment-secret-0123456789-abcdefghij";
      expect(checkFormToken(token, now)).toMatchObject({ ok: false, reason: "invalid" });
    } finally {
      process.env.NEXTAUTH_SECRET = saved;
    }
    expect(checkFormToken(token, now)).toMatchObject({ ok: true });
  });

  it("has a minimum fill time of 2 s unless FEEDBACK_MIN_FILL_MS sets a sane other one", () => {
    expect(DEFAULT_MIN_FILL_MS).toBe(2000);
    expect(minFillMs({})).toBe(2000);
    expect(minFillMs({ FEEDBACK_MIN_FILL_MS: "500" })).toBe(500);
    expect(minFillMs({ FEEDBACK_MIN_FILL_MS: "0" })).toBe(0);
    for (const bad of ["-1", "abc", "1.5", "3600000"]) expect(minFillMs({ FEEDBACK_MIN_FILL_MS: bad })).toBe(2000);
  });
});

describe("a cached copy of /progress", () => {
  it("gets freshly issued tokens in every response, as it gets a fresh nonce", async () => {
    const rendered = issueFormToken(Date.now() - 6 * 60 * 60 * 1000);
    const html = `<form><input type="hidden" name="token" value="${rendered}"/></form><script nonce="OLD">self.__next_f.push("${rendered}")</script>`;
    const response = PublicPageCache.respond({ html, nonce: "OLD", headers: [["content-type", "text/html"]] }, "NEW", {});
    const served = await response.text();
    expect(served).not.toContain(rendered);
    const tokens = served.match(/fb1\.[0-9]{13}\.[0-9a-f]{64}/g)!;
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(1);
    const check = checkFormToken(tokens[0]);
    expect(check.ok && check.ageMs < 60_000).toBe(true);
    expect(served).toContain('nonce="NEW"');
    // A page without a form is left as it was.
    const plain = PublicPageCache.respond({ html: "<p>fb1 ohne Token</p>", nonce: "OLD", headers: [] }, "NEW", {});
    expect(await plain.text()).toBe("<p>fb1 ohne Token</p>");
  });
});

describe("the stored stand-in for an address", () => {
  it("is a keyed hash: stable per address, different between addresses, not the plain SHA-256", async () => {
    const { createHash } = await import("node:crypto");
    expect(addressHash("203.0.113.7")).toBe(addressHash("203.0.113.7"));
    expect(addressHash("203.0.113.7")).not.toBe(addressHash("203.0.113.8"));
    expect(addressHash("203.0.113.7")).not.toBe(createHash("sha256").update("203.0.113.7").digest("hex"));
    expect(addressHash("203.0.113.7")).toMatch(/^[0-9a-f]{64}$/);
  });
});
