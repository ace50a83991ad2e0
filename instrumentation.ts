// Runs once when the server starts. The checks need Node.js APIs, so they live in a
// module that only the Node.js runtime imports.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentAtBoot, startAuditAnchoring, startMailRetries } = await import("./lib/core/boot");
    checkEnvironmentAtBoot();
    await startMailRetries();
    await startAuditAnchoring();
  }
}
