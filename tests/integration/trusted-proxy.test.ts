import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/core/request";

/**
 * The probe wrote any address it liked into the audit trail with one X-Forwarded-For header. Here
 * the preload that `npm start` puts in front of Next.js runs a real HTTP server on a real socket,
 * and a client sends forged forwarded headers.
 */
const PRELOAD = path.resolve("scripts/support/trusted-proxy.mjs");

const ECHO_SERVER = `
const http = require("node:http");
const server = http.createServer((request, response) => {
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify({ headers: request.headers, flag: process.env.KEPU_FORWARDED_HEADERS ?? null }));
});
server.listen(0, "127.0.0.1", () => console.log("PORT " + server.address().port));
`;

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

async function startServer(trustProxy: string | undefined): Promise<number> {
  const env = { ...process.env, TRUST_PROXY: trustProxy ?? "" };
  const child = spawn(process.execPath, ["--import", PRELOAD, "-e", ECHO_SERVER], { env, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PORT (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function echo(port: number, headers: Record<string, string>) {
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
  return (await response.json()) as { headers: Record<string, string>; flag: string | null };
}

const FORGED = { "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.67", "x-forwarded-host": "evil.example.com" };

describe("forwarded headers under the trusted-proxy preload", () => {
  it("by default, replaces a client's forged X-Forwarded-For with the connection's address and drops its forwarded host", async () => {
    const port = await startServer(undefined);
    const { headers, flag } = await echo(port, FORGED);
    expect(flag).toBe("normalized");
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-real-ip"]).toBeUndefined();
    expect(headers["x-forwarded-host"]).toBeUndefined();
    expect(clientIpWith(headers, flag)).toBe("127.0.0.1");
  }, 30_000);

  it("believes them from a proxy TRUST_PROXY names", async () => {
    const port = await startServer("loopback");
    const { headers, flag } = await echo(port, FORGED);
    expect(headers["x-forwarded-for"]).toBe("203.0.113.66");
    expect(headers["x-forwarded-host"]).toBe("evil.example.com");
    expect(clientIpWith(headers, flag)).toBe("203.0.113.66");
  }, 30_000);

  it("and not from a connection it does not name", async () => {
    const port = await startServer("10.9.0.0/16");
    const { headers } = await echo(port, FORGED);
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-forwarded-host"]).toBeUndefined();
  }, 30_000);
});

function clientIpWith(headers: Record<string, string>, flag: string | null): string | null {
  const saved = process.env.KEPU_FORWARDED_HEADERS;
  try {
    if (flag) process.env.KEPU_FORWARDED_HEADERS = flag;
    else delete process.env.KEPU_FORWARDED_HEADERS;
    return clientIpFrom((name) => headers[name]);
  } finally {
    if (saved === undefined) delete process.env.KEPU_FORWARDED_HEADERS;
    else process.env.KEPU_FORWARDED_HEADERS = saved;
  }
}

describe("the address recorded for a request", () => {
  it("is none when the server was started without the preload: a raw X-Forwarded-For is the client's word", () => {
    expect(clientIpWith(FORGED, null)).toBeNull();
    expect(clientIpWith({ "x-real-ip": "203.0.113.67" }, "normalized")).toBeNull();
    expect(clientIpWith({ "x-forwarded-for": "not an address" }, "normalized")).toBeNull();
  });
});

describe("the server process the preload runs in", () => {
  /** Whether Node.js source maps are on in a process started with the preload (and NODE_OPTIONS). */
  function sourceMapsWith(nodeOptions: string): Promise<string> {
    const env = { ...process.env, NODE_OPTIONS: nodeOptions };
    const child = spawn(process.execPath, ["--import", PRELOAD, "-e", "process.stdout.write(String(process.sourceMapsEnabled))"], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let output = "";
      child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`exited with ${code}`))));
    });
  }

  it("keeps Node.js source maps off, as Next.js runs in production (loading TypeScript through tsx turned them on: ~50 MB per process)", async () => {
    expect(await sourceMapsWith("")).toBe("false");
  });

  it("leaves them on when the operator asks for them", async () => {
    expect(await sourceMapsWith("--enable-source-maps")).toBe("true");
  });
});
