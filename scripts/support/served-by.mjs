// Preloaded into each server process of scripts/support/cluster-server.ts (node --import …): every
// response names the worker slot that served it (X-Served-By: 1…WEB_CONCURRENCY), so an operator —
// and the end-to-end test of several processes — can tell the processes apart. A slot number, not
// a pid: it says nothing about the host beyond how many processes serve.
import http from "node:http";

// With several instances (npm run serve), SERVER_INSTANCE names this one: the header is then
// `<instance>/<slot>`, e.g. `b/2`.
const slot = process.env.SERVER_WORKER;
const instance = process.env.SERVER_INSTANCE;
const value = instance && /^[A-Za-z0-9_-]{1,32}$/.test(instance) ? `${instance}/${slot}` : slot;
if (slot && /^\d+$/.test(slot)) {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, request, response, ...rest) {
    if (event === "request" && response && typeof response.setHeader === "function" && !response.headersSent) {
      response.setHeader("X-Served-By", value);
    }
    return emit.call(this, event, request, response, ...rest);
  };
}
