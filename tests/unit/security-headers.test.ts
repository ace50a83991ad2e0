import { describe, expect, it } from "vitest";
import { sessionCookiesEndWithBrowser, withoutLifetime } from "@/lib/core/auth/session-cookie";
import { contentSecurityPolicy, FIXED_RESPONSE_HEADERS, securityHeaders, strictTransportSecurity } from "@/lib/core/security-headers";

describe("the pages' Content-Security-Policy", () => {
  it("allows only the portal's own files and inline code with this response's nonce", () => {
    const policy = contentSecurityPolicy("abc123");
    const directives = Object.fromEntries(policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1).join(" ")]));
    expect(directives).toMatchObject({
      "default-src": "'self'",
      "script-src": "'self' 'nonce-abc123' 'strict-dynamic'",
      "style-src": "'self' 'nonce-abc123'",
      "style-src-elem": "'self' 'nonce-abc123'",
      "style-src-attr": "'unsafe-inline'",
      "img-src": "'self' data: blob:",
      "object-src": "'none'",
      "base-uri": "'self'",
      "form-action": "'self'",
      "frame-ancestors": "'none'",
    });
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/https?:/);
    expect(contentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
  });

  it("gives every request a fresh nonce, on the request (for Next.js) and the response alike", () => {
    const one = securityHeaders("/reports", { publicUrl: "http://localhost:3000", development: false });
    const two = securityHeaders("/reports", { publicUrl: "http://localhost:3000", development: false });
    expect(one.request["x-nonce"]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(one.request["x-nonce"]).not.toBe(two.request["x-nonce"]);
    expect(one.response["Content-Security-Policy"]).toBe(one.request["content-security-policy"]);
    expect(one.response["Content-Security-Policy"]).toContain(`'nonce-${one.request["x-nonce"]}'`);
  });

  it("leaves the evidence preview its own stricter policy", () => {
    const preview = securityHeaders("/attachments/12/preview", { publicUrl: "https://kepu.example.gov.cn" });
    expect(preview.response["Content-Security-Policy"]).toBeUndefined();
    expect(preview.request).toEqual({});
    expect(preview.response["Strict-Transport-Security"]).toBeDefined();
    expect(securityHeaders("/attachments/12", {}).response["Content-Security-Policy"]).toBeDefined();
  });

  it("sends HSTS only when the portal's address is https", () => {
    expect(strictTransportSecurity("https://kepu.example.gov.cn")).toBe("max-age=31536000; includeSubDomains");
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
    expect(securityHeaders("/", { publicUrl: "http://10.0.0.1" }).response["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("the session cookie", () => {
  const issued =
    "next-auth.session-token=eyJhbGciOi.x.y; Path=/; Expires=Tue, 01 Dec 2026 12:00:00 GMT; Max-Age=43200; HttpOnly; SameSite=Lax";

  it("loses Expires and Max-Age, keeping its other attributes", () => {
    expect(withoutLifetime(issued)).toBe("next-auth.session-token=eyJhbGciOi.x.y; Path=/; HttpOnly; SameSite=Lax");
    expect(withoutLifetime(issued.replace("next-auth", "__Secure-next-auth") + "; Secure")).toBe(
      "__Secure-next-auth.session-token=eyJhbGciOi.x.y; Path=/; HttpOnly; SameSite=Lax; Secure",
    );
    expect(withoutLifetime(issued.replace("session-token", "session-token.1"))).not.toMatch(/expires|max-age/i);
  });

  it("keeps a deletion (sign-out) and every other cookie as it is", () => {
    const deletion = "next-auth.session-token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly";
    expect(withoutLifetime(deletion)).toBe(deletion);
    const csrf = "next-auth.csrf-token=abc; Path=/; Expires=Tue, 01 Dec 2026 12:00:00 GMT; HttpOnly";
    expect(withoutLifetime(csrf)).toBe(csrf);
  });

  it("rewrites next-auth's response, status, body and other headers intact", async () => {
    const headers = new Headers({ "Content-Type": "application/json" });
    headers.append("set-cookie", issued);
    headers.append("set-cookie", "next-auth.callback-url=%2F; Path=/; SameSite=Lax");
    const response = sessionCookiesEndWithBrowser(new Response('{"url":"/"}', { status: 200, headers }));
    expect(response.headers.getSetCookie()).toEqual([
      "next-auth.session-token=eyJhbGciOi.x.y; Path=/; HttpOnly; SameSite=Lax",
      "next-auth.callback-url=%2F; Path=/; SameSite=Lax",
    ]);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ url: "/" });
  });
});

describe("the fixed response headers", () => {
  it("are the same whether Next.js answers (next.config.ts) or a request hook does (FIXED_RESPONSE_HEADERS)", async () => {
    const { default: config } = await import("@/next.config");
    const rules = (await config.headers?.()) ?? [];
    expect(rules.map((rule) => rule.source)).toEqual(["/:path*"]);
    expect(rules[0]?.headers).toEqual(FIXED_RESPONSE_HEADERS);
    expect(FIXED_RESPONSE_HEADERS.map((header) => header.key)).toEqual(
      expect.arrayContaining(["X-Content-Type-Options", "X-Frame-Options", "Cross-Origin-Opener-Policy"]),
    );
  });
});
