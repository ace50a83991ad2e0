// Preloaded into the Next.js server by `npm start` and the e2e server (node --import …):
// before Next.js reads a request, its forwarded headers are rewritten by the TRUST_PROXY rules of
// lib/core/trusted-proxy.ts, using the connection's own address, which Next.js does not keep.
// Without this preload (e.g. `next dev`) lib/core/request.ts records no client address at all
// rather than one a client could have written.
import http from "node:http";
import https from "node:https";
import { tsImport } from "tsx/esm/api";

const { FORWARDED_HEADERS_FLAG, FORWARDED_HEADERS_NORMALIZED, normalizeForwardedHeaders, parseTrustProxy } = await tsImport(
  "../../lib/core/trusted-proxy.ts",
  import.meta.url,
);

// Read at the first request: Next.js loads .env files after this preload has run.
let trust;
function currentTrust() {
  trust ??= parseTrustProxy(process.env.TRUST_PROXY);
  return trust;
}

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, request, ...rest) {
    if (event === "request" && request?.headers) {
      normalizeForwardedHeaders(request.headers, request.socket?.remoteAddress, currentTrust());
    }
    return emit.call(this, event, request, ...rest);
  };
}

process.env[FORWARDED_HEADERS_FLAG] = FORWARDED_HEADERS_NORMALIZED;
