// Runs once when the server starts. The checks need Node.js APIs, so they live in a
// module that only the Node.js runtime imports.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentAtBoot, startAuditAnchoring, startMailRetries } = await import("./lib/core/boot");
    checkEnvironmentAtBoot();
    await startMailRetries();
    await startAuditAnchoring();
    // The public page's HTML cache and the signed-in pages' per-session copies answer below
    // Next.js where the request hook is preloaded (scripts/support/request-hook.mjs;
    // lib/outputs/server/public-page-server.ts, lib/outputs/server/page-cache-server.ts).
    const { installRequestHooks, publicPageHook } = await import("./lib/outputs/server/public-page-server");
    const { sessionPageHook } = await import("./lib/outputs/server/page-cache-server");
    installRequestHooks([publicPageHook(), sessionPageHook()]);
  }
}
