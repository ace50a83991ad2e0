// Preloaded into each server process of `npm start` and the e2e server (node --import …), first of
// the preloads so the others (forwarded headers, X-Served-By) have run when it decides: a request
// the app's hook wants (lib/core/server/request-hooks.ts, installed on globalThis by
// instrumentation.ts once Next.js has loaded the app) is offered to it before Next.js sees it; the
// hook answers it, or hands it back and Next.js handles it as usual. Today the hooks answer the
// health check, GETs of the public page from its HTML cache and of the heaviest signed-in pages
// from the session's kept copy (sending the compressed copy Next.js's own response path cannot
// send), and every other request but Next.js's static files waits for one of a few turns per
// process before it is handed back (RequestTurns). Until the hook is installed, and without this
// preload, Next.js gets every request.
import http from "node:http";
import https from "node:https";

const HOOK = Symbol.for("kepu-portal.request-hook");

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, request, response, ...rest) {
    const hook = event === "request" ? globalThis[HOOK] : undefined;
    if (!hook?.wants(request)) return emit.call(this, event, request, response, ...rest);
    const toNext = () => emit.call(this, event, request, response, ...rest);
    hook.serve(request, response).then(
      (served) => {
        if (!served) toNext();
      },
      () => {
        // A failure inside the hook never costs the visitor the page: Next.js renders it.
        if (!response.headersSent) toNext();
      },
    );
    return true;
  };
}
