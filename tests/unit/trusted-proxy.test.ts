import { describe, expect, it } from "vitest";
import { normalizeForwardedHeaders, parseTrustProxy, resolveClient } from "@/lib/core/trusted-proxy";
import { parseEnv } from "@/lib/core/env";

const SECRET = "x".repeat(32);

describe("TRUST_PROXY", () => {
  it("believes no forwarded header by default: the client is the connection", () => {
    for (const value of [undefined, "", "false", "0", "none"]) {
      expect(resolveClient("10.0.0.5", "203.0.113.9", parseTrustProxy(value))).toEqual({ clientIp: "10.0.0.5", fromTrustedProxy: false });
    }
  });

  it("refuses 'true' and anything that is not a hop count or an address", () => {
    expect(() => parseTrustProxy("true")).toThrow(/number of proxies/);
    expect(() => parseTrustProxy("11")).toThrow(/at most 10/);
    expect(() => parseTrustProxy("proxy.example.gov.cn")).toThrow(/not an IP address/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: SECRET, TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: must be false/);
    expect(parseEnv({ NEXTAUTH_SECRET: SECRET, TRUST_PROXY: "10.8.0.0/16,loopback" }).TRUST_PROXY).toBe("10.8.0.0/16,loopback");
  });

  it("with a hop count, takes the address that many places from the right", () => {
    const one = parseTrustProxy("1");
    expect(resolveClient("10.0.0.1", "203.0.113.9", one)).toEqual({ clientIp: "203.0.113.9", fromTrustedProxy: true });
    // A client that writes its own header cannot push its choice past the proxy's entry.
    expect(resolveClient("10.0.0.1", "6.6.6.6, 203.0.113.9", one).clientIp).toBe("203.0.113.9");
    expect(resolveClient("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", parseTrustProxy("2")).clientIp).toBe("203.0.113.9");
    expect(resolveClient("10.0.0.1", undefined, one).clientIp).toBe("10.0.0.1");
  });

  it("with addresses, believes only a listed connection and skips listed proxies", () => {
    const trust = parseTrustProxy("10.8.0.0/16, 192.0.2.7");
    expect(resolveClient("10.8.3.4", "6.6.6.6, 203.0.113.9, 192.0.2.7", trust)).toEqual({
      clientIp: "203.0.113.9",
      fromTrustedProxy: true,
    });
    expect(resolveClient("198.51.100.1", "203.0.113.9", trust)).toEqual({ clientIp: "198.51.100.1", fromTrustedProxy: false });
    expect(resolveClient("::ffff:10.8.0.9", "203.0.113.9", trust).clientIp).toBe("203.0.113.9");
    expect(resolveClient("::1", "203.0.113.9", parseTrustProxy("loopback")).clientIp).toBe("203.0.113.9");
    // Garbage in the header: stop at the last address that can be stood behind.
    expect(resolveClient("10.8.3.4", "<script>, 203.0.113.9", trust).clientIp).toBe("203.0.113.9");
    expect(resolveClient("10.8.3.4", "203.0.113.9, <script>", trust).clientIp).toBe("10.8.3.4");
  });

  it("rewrites a request's headers: one believed address, no X-Real-IP, no forwarded host from an untrusted client", () => {
    const headers: Record<string, string | undefined> = {
      host: "kepu.example.gov.cn",
      "x-forwarded-for": "6.6.6.6",
      "x-real-ip": "7.7.7.7",
      "x-forwarded-host": "evil.example.com",
      "x-forwarded-proto": "https",
    };
    normalizeForwardedHeaders(headers, "::ffff:198.51.100.20", parseTrustProxy(undefined));
    expect(headers).toEqual({ host: "kepu.example.gov.cn", "x-forwarded-for": "198.51.100.20" });

    const proxied: Record<string, string | undefined> = { "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "kepu.example.gov.cn" };
    normalizeForwardedHeaders(proxied, "127.0.0.1", parseTrustProxy("loopback"));
    expect(proxied).toEqual({ "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "kepu.example.gov.cn" });
  });
});
