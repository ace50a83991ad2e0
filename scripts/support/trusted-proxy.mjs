// Preloaded into the Next.js server by `npm start` and the e2e server (node --import …):
// before Next.js reads a request, its forwarded headers are rewritten by the TRUST_PROXY rules of
// lib/core/trusted-proxy.ts, using the connection's own address, which Next.js does not keep.
// Without this preload (e.g. `next dev`) lib/core/request.ts records no client address at all
// rather than one a client could have written.
import http from "node:http";
import https from "node:https";
import { tsImport } from "tsx/esm/api";

// tsx turns on Node.js's source maps for the whole process when it loads a module. In a server
// process that would make Node.js read and keep the source map of every server chunk Next.js loads
// (about 50 MB of each process's heap, measured) and map every error stack through them; Next.js
// runs without them in production. So the setting is put back once the module is loaded.
const sourceMapsWereEnabled = process.sourceMapsEnabled;
const { FORWARDED_HEADERS_FLAG, FORWARDED_HEADERS_NORMALIZED, normalizeForwardedHeaders, parseTrustProxy } = await tsImport(
  "../../lib/core/trusted-proxy.ts",
  import.meta.url,
);
process.setSourceMapsEnabled(sourceMapsWereEnabled);

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
