// Stands in for Next.js's CLI in tests/integration/cluster-server.test.ts: `fake-next.mjs start --port N`
// serves the worker's pid and slot, and stops gracefully on SIGTERM/SIGINT as `next start` does.
import http from "node:http";

const port = Number(process.argv[process.argv.indexOf("--port") + 1]);
// A server that cannot start (as `next start` with its port taken or no build).
if (process.env.FAKE_NEXT_FAIL === "1") process.exit(1);
const server = http.createServer((request, response) => {
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify({ pid: process.pid, slot: process.env.SERVER_WORKER, execArgv: process.execArgv }));
});
server.listen(port);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(signal === "SIGINT" ? 130 : 143)));
}
