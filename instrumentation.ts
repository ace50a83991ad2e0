// Runs once when the server starts. The checks need Node.js APIs, so they live in a
// module that only the Node.js runtime imports.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentAtBoot, startAuditAnchoring, startMailRetries } = await import("./lib/core/boot");
    checkEnvironmentAtBoot();
    await startMailRetries();
    await startAuditAnchoring();
    // The public page's HTML cache answers below Next.js where the request hook is preloaded
    // (scripts/support/request-hook.mjs; lib/outputs/server/public-page-server.ts).
    const { installPublicPageHook } = await import("./lib/outputs/server/public-page-server");
    installPublicPageHook();
  }
}
