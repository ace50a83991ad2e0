import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { REQUEST_HOOK, type RequestHook } from "@/lib/core/server/request-hooks";

/**
 * A real HTTP server with the worker preload `npm start` gives each server process
 * (scripts/support/request-hook.mjs), so the app's request hooks see each request before the
 * server's own handler, which stands in for Next.js.
 */
export async function startHookedServer(handler: http.RequestListener): Promise<{ server: http.Server; base: string }> {
  // A path, so the preload stays plain JavaScript as in production.
  const preload: string = new URL("../../scripts/support/request-hook.mjs", import.meta.url).href;
  await import(/* @vite-ignore */ preload);
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export function stopHookedServer(server: http.Server): Promise<unknown> {
  installHook(undefined);
  return new Promise((resolve) => server.close(resolve));
}

/** Puts the hook where the preload looks for it (undefined: none). */
export function installHook(hook: RequestHook | undefined) {
  (globalThis as { [REQUEST_HOOK]?: RequestHook })[REQUEST_HOOK] = hook;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent (gzip when the answer says so). */
  raw: Buffer;
  gzip: boolean;
  /** The body decoded. */
  text: string;
}

/** One request with exactly these headers (fetch would add its own Accept-Encoding and decode the body). */
export function rawRequest(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const raw = Buffer.concat(chunks);
        const gzip = response.headers["content-encoding"] === "gzip";
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          raw,
          gzip,
          text: (gzip ? gunzipSync(raw) : raw).toString("utf8"),
        });
      });
    });
    request.on("error", reject);
    request.end(method === "POST" ? "x" : undefined);
  });
}
