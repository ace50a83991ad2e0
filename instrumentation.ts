// Runs once when the server starts. The checks need Node.js APIs, so they live in a
// module that only the Node.js runtime imports.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentAtBoot, startAuditAnchoring, startMailRetries } = await import("./lib/core/boot");
    checkEnvironmentAtBoot();
    await startMailRetries();
    await startAuditAnchoring();
    // The health check, the public page's HTML cache and the signed-in pages' per-session copies
    // answer below Next.js where the request hook is preloaded (scripts/support/request-hook.mjs;
    // lib/core/server/request-hooks.ts and the three hooks' modules).
    // Whatever goes on to Next.js waits for one of a few turns per process (RequestTurns).
    const { installRequestHooks, requestConcurrency, RequestTurns } = await import("./lib/core/server/request-hooks");
    const { healthHook } = await import("./lib/core/server/health-hook");
    const { isPublicPageRender, publicPageHook } = await import("./lib/outputs/server/public-page-server");
    const { sessionPageHook } = await import("./lib/outputs/server/page-cache-server");
    installRequestHooks([healthHook(), publicPageHook(), sessionPageHook()], {
      turns: new RequestTurns(requestConcurrency()),
      exempt: (request) => isPublicPageRender(request),
    });
  }
}
