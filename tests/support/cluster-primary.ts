// The primary of tests/integration/cluster-server.test.ts: scripts/support/cluster-server.ts with
// tests/support/fake-next.mjs in place of Next.js's CLI.
import { serveWithWorkers } from "../../scripts/support/cluster-server";

serveWithWorkers({
  port: Number(process.env.TEST_PORT),
  workers: Number(process.env.WEB_CONCURRENCY),
  nextBin: new URL("./fake-next.mjs", import.meta.url).pathname,
  preloads: [new URL("../../scripts/support/served-by.mjs", import.meta.url).href],
});
