import { BlockList, isIP } from "node:net";

/**
 * Whether the portal believes `X-Forwarded-For` and `X-Forwarded-Host`: only when the connection
 * comes from a reverse proxy that TRUST_PROXY names. Anyone can write those headers; without a
 * proxy in front that overwrites them, believing them would let a client put any address into the
 * audit trail and the per-address login limit. The default is to believe neither.
 *
 * TRUST_PROXY (read once, at the first request; validated at boot by lib/core/env.ts):
 * - unset, empty, `false`, `0` or `none` — no proxy: the client is the connection's own address;
 * - a number N (1–10) — N proxies in front, each appending to X-Forwarded-For: the client is the
 *   N-th address from the right of [X-Forwarded-For…, connection];
 * - a comma-separated list of addresses and CIDR ranges (`loopback` = 127.0.0.0/8 and ::1), e.g.
 *   `10.1.2.3,10.8.0.0/16`: forwarded headers are believed only from a connection in that list,
 *   and the client is the right-most address in X-Forwarded-For that is not in it.
 *
 * Plain code with no Next.js import: scripts/support/trusted-proxy.mjs applies it to every request
 * before Next.js reads the headers (Next.js keeps an X-Forwarded-For the client sent, and the
 * connection's address is lost after that).
 */

export type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; list: BlockList; description: string };

const MAX_HOPS = 10;

/** An address as it appears on a socket or in a header: IPv4-mapped IPv6 and brackets unwrapped. */
export function normalizeAddress(value: string | null | undefined): string | null {
  let address = value?.trim();
  if (!address) return null;
  if (address.startsWith("[") && address.includes("]")) address = address.slice(1, address.indexOf("]"));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) address = address.slice(7);
  // "1.2.3.4:5678" (some proxies add the port)
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.indexOf(":"));
  return isIP(address) ? address : null;
}

function addEntry(list: BlockList, entry: string): void {
  if (entry === "loopback") {
    list.addSubnet("127.0.0.0", 8, "ipv4");
    list.addAddress("::1", "ipv6");
    return;
  }
  const [address, prefix, extra] = entry.split("/");
  const family = isIP(address ?? "");
  if (!address || family === 0 || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR range`);
  const type = family === 4 ? "ipv4" : "ipv6";
  if (prefix === undefined) return list.addAddress(address, type);
  const bits = Number(prefix);
  if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" has an invalid prefix length`);
  list.addSubnet(address, bits, type);
}

/** Parses TRUST_PROXY; throws with a message saying what is wrong. */
export function parseTrustProxy(value: string | undefined): ProxyTrust {
  const text = value?.trim().toLowerCase() ?? "";
  if (text === "" || text === "false" || text === "0" || text === "none") return { kind: "none" };
  if (text === "true") {
    throw new Error('"true" would believe any client; give the number of proxies (e.g. 1) or their addresses (e.g. 10.1.2.3)');
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) throw new Error(`at most ${MAX_HOPS} proxies`);
    return { kind: "hops", hops };
  }
  const list = new BlockList();
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) addEntry(list, entry);
  return { kind: "addresses", list, description: entries.join(",") };
}

function isTrusted(trust: ProxyTrust & { kind: "addresses" }, address: string): boolean {
  return trust.list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

export interface ResolvedClient {
  /** The client's address, as far as the trusted proxies say (else the connection's). */
  clientIp: string | null;
  /** Whether the connection came from a trusted proxy, so its X-Forwarded-Host/-Proto may be believed. */
  fromTrustedProxy: boolean;
}

/** The client's address from the connection's address and the X-Forwarded-For header, under `trust`. */
export function resolveClient(
  peerAddress: string | null | undefined,
  forwardedFor: string | null | undefined,
  trust: ProxyTrust,
): ResolvedClient {
  const peer = normalizeAddress(peerAddress);
  if (trust.kind === "none" || !peer) return { clientIp: peer, fromTrustedProxy: false };
  const forwarded = (forwardedFor ?? "").split(",").map(normalizeAddress);
  if (trust.kind === "hops") {
    if (trust.hops === 0) return { clientIp: peer, fromTrustedProxy: false };
    // [client, proxy 1, …, proxy N-1] in the header, proxy N is the connection.
    const chain = [...forwarded.filter((address): address is string => address !== null), peer];
    return { clientIp: chain[Math.max(0, chain.length - 1 - trust.hops)] ?? peer, fromTrustedProxy: true };
  }
  if (!isTrusted(trust, peer)) return { clientIp: peer, fromTrustedProxy: false };
  // Walk left past the trusted proxies; the first address not in the list is the client.
  let client: string = peer;
  for (let index = forwarded.length - 1; index >= 0; index--) {
    const address = forwarded[index];
    if (!address) break; // a garbled entry: stop at the last address we can stand behind
    client = address;
    if (!isTrusted(trust, address)) break;
  }
  return { clientIp: client, fromTrustedProxy: true };
}

/** What `scripts/support/trusted-proxy.mjs` marks in the environment once it rewrites every request. */
export const FORWARDED_HEADERS_FLAG = "KEPU_FORWARDED_HEADERS";
export const FORWARDED_HEADERS_NORMALIZED = "normalized";

type HeaderRecord = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * Rewrites a Node request's headers in place before Next.js sees them: X-Forwarded-For becomes the
 * one resolved client address (Next.js fills it from the connection when absent), X-Real-IP goes,
 * and X-Forwarded-Host/-Proto/-Port go unless the connection is a trusted proxy.
 */
export function normalizeForwardedHeaders(
  headers: HeaderRecord,
  peerAddress: string | null | undefined,
  trust: ProxyTrust,
): ResolvedClient {
  const resolved = resolveClient(peerAddress, first(headers["x-forwarded-for"]), trust);
  if (resolved.clientIp) headers["x-forwarded-for"] = resolved.clientIp;
  else delete headers["x-forwarded-for"];
  delete headers["x-real-ip"];
  if (!resolved.fromTrustedProxy) {
    delete headers["x-forwarded-host"];
    delete headers["x-forwarded-proto"];
    delete headers["x-forwarded-port"];
  }
  return resolved;
}
