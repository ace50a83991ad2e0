/**
 * npm run bench:load — the production server under 20 concurrent connections at the target size
 * of issue 16 (1,500 work items, about 60,000 reports, 200,000 audit rows).
 *
 * 1. Builds tmp/bench/load.db through the app's own code paths, or reuses it (scripts/support/load-data.ts).
 * 2. Starts the server exactly as `npm start` does (scripts/start.ts as a child, which builds the
 *    production app first when the sources changed) on BENCH_LOAD_PORT (default 3400).
 * 3. Signs in once each as kxadmin, leader and jyj through the real login (next-auth credentials).
 * 4. One GET of every page (must answer 2xx: the run stops otherwise and says which), with its HTML
 *    size and the share of it that is the next-intl message payload.
 * 5. For each row, BENCH_LOAD_SECONDS (10) of autocannon with BENCH_LOAD_CONNECTIONS (20), one at a
 *    time: a static asset (the floor), /api/health, the signed-in pages (with a browser's
 *    Accept-Encoding, answered from the session's kept copy after the first view; the "first views"
 *    rows give every request a query string of its own, so each is rendered), /progress (without
 *    and with a browser's Accept-Encoding), the draft save through its server action (each connection its own
 *    report; every acknowledged save is then looked up in the database), and a burst (/progress
 *    anonymous, gzip, and the leader's /dashboard at once).
 *    Meanwhile /api/health is probed every 200 ms from a separate client, and the resident memory
 *    of every process of the server tree is sampled.
 *
 * Figures are printed, never asserted (the machine is shared). Exits non-zero only when the server
 * does not start or a page does not answer 2xx to its first GET.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { benchDatabase, describeBenchDatabase, startBenchPostgres } from "./support/bench-postgres";
import { LIAISONS, loadDatabase, loadEnvironment } from "./support/load-data";
import {
  actionBody,
  findActionId,
  formatBytes,
  formatTable,
  messagesPayloadBytes,
  savedVersion,
  summarize,
  type ActionManifest,
  type Row,
} from "./support/load-summary";

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 20);
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const STATIC_ROW = "static asset";
/** BENCH_LOAD_ONLY=static,save,… runs only the rows whose names contain one of the words (all when unset). */
const ONLY = (process.env.BENCH_LOAD_ONLY ?? "")
  .split(",")
  .map((word) => word.trim())
  .filter(Boolean);
const wanted = (name: string) => ONLY.length === 0 || ONLY.some((word) => name.includes(word));
const PASSWORD = "Kepu#2025";

const started = performance.now();
const data = await loadDatabase({ rebuild: process.env.BENCH_LOAD_REBUILD === "1" });
console.log(
  `data: ${data.counts.workItems} work items, ${data.counts.reports} reports, ${data.counts.rounds} rounds, ${data.counts.auditRows} audit rows` +
    (data.built ? ` (built in ${data.buildSeconds!.toFixed(0)} s)` : " (reused)"),
);
// BENCH_DATABASE=postgresql (or --postgresql): the same rows copied into a durable throwaway
// PostgreSQL server (scripts/support/bench-postgres.ts), and the server under test pointed at it.
const provider = benchDatabase();
const postgres = provider === "postgresql" ? await startBenchPostgres(data.databaseUrl, (line) => console.log(line)) : null;
if (postgres) {
  process.env.DATABASE_URL = postgres.url;
  process.on("exit", () => postgres.stop());
}
const databaseLine = describeBenchDatabase(provider);
console.log(databaseLine);
const { db } = await import("@/lib/core/db");

/* ------------------------------------------------------------------ the server */

const logFile = path.resolve("tmp/bench/load-server.log");
const serverLog = fs.createWriteStream(logFile);
const server: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
  env: {
    ...process.env,
    ...loadEnvironment(data.file),
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    PORT: String(PORT),
    NEXTAUTH_URL: BASE,
    BACKUP_DIR: path.resolve("tmp/bench/load-backups"),
    AUDIT_ANCHOR_DIR: path.resolve("tmp/bench/load-anchors"),
  },
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
server.stdout!.pipe(serverLog);
server.stderr!.pipe(serverLog);
let serverExited = false;
server.on("exit", () => (serverExited = true));

function stopServer() {
  // The whole process group the start script made (start.ts and every server process under it).
  if (!serverExited && server.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
process.on("exit", stopServer);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    stopServer();
    process.exit(1);
  });

function fail(message: string): never {
  console.error(`\n✖ ${message}\n  server log: ${logFile}`);
  stopServer();
  process.exit(1);
}

console.log(`starting the production server (scripts/start.ts, port ${PORT}; builds first if the sources changed) …`);
const startWait = performance.now();
for (;;) {
  if (serverExited) fail(`the server exited before answering (see the log)`);
  if (performance.now() - startWait > 20 * 60_000) fail("the server did not answer /api/health within 20 minutes");
  const health = await fetch(`${BASE}/api/health`).catch(() => null);
  if (health?.ok) break;
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
console.log(`server up after ${((performance.now() - startWait) / 1000).toFixed(0)} s`);

/* ------------------------------------------------------------------ processes and memory */

/** Every descendant of `root` with its command line (from /proc). */
function descendants(root: number): { pid: number; command: string }[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited meanwhile
    }
  }
  const found: { pid: number; command: string }[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      let command = "";
      try {
        command = fs.readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0").join(" ").trim();
      } catch {
        continue;
      }
      found.push({ pid: child, command });
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** The processes that serve requests: `next start` (or a server the start script runs). */
function serverProcesses() {
  const all = descendants(server.pid!);
  const serving = all.filter((process) => /next(?:\/dist\/bin\/next)? start|next-server|server\.js|start-server/.test(process.command));
  return serving.length > 0 ? serving : all;
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples every server process's resident memory every 250 ms until stopped; max per process in MB. */
function sampleMemory() {
  const max = new Map<number, number>();
  const sample = () => {
    for (const { pid } of serverProcesses()) max.set(pid, Math.max(max.get(pid) ?? 0, rssKb(pid)));
  };
  sample();
  const timer = setInterval(sample, 250);
  return () => {
    clearInterval(timer);
    sample();
    return [...max.entries()].sort(([a], [b]) => a - b).map(([, kb]) => kb / 1024);
  };
}

/** Probes /api/health every 200 ms from its own client while a load runs. */
function probeHealth() {
  const times: number[] = [];
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const begun = performance.now();
      const answer = await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
      if (answer?.ok) {
        await answer.arrayBuffer();
        times.push(performance.now() - begun);
      } else failures += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 200 - (performance.now() - begun))));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { ...summarize(times), failures };
  };
}

/* ------------------------------------------------------------------ sign-in */

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
}

async function signIn(username: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const answer = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, json: "true" }),
  });
  const cookies = [...jar, ...cookiesOf(answer)];
  if (!cookies.some((cookie) => /next-auth\.session-token/.test(cookie)))
    fail(`sign-in as ${username} failed (HTTP ${answer.status}): no session cookie`);
  return cookies.join("; ");
}

const cookie = { kxadmin: await signIn("kxadmin"), leader: await signIn("leader"), jyj: await signIn("jyj") };

/* ------------------------------------------------------------------ what is measured */

const liaison = await db.user.findUniqueOrThrow({ where: { username: LIAISONS[0] }, select: { unitId: true } });
const newest = await db.reportingRound.findFirstOrThrow({ where: { status: "OPEN" }, orderBy: { id: "desc" }, select: { id: true } });
const ownReports = await db.progressReport.findMany({
  where: { roundId: newest.id, unitId: liaison.unitId!, state: { in: ["OWED", "DRAFT", "RETURNED"] } },
  orderBy: { id: "asc" },
  select: { id: true },
});
if (ownReports.length === 0) fail("市教育局 has no editable report in the open round");
const reportPage = `/reports/${ownReports[0]!.id}`;

const chunks = path.resolve(".next/static/chunks");
const chunk = fs
  .readdirSync(chunks)
  .filter((name) => name.endsWith(".js"))
  .sort()[0];
if (!chunk) fail(`no .js file in ${chunks}`);

interface Page {
  name: string;
  path: string;
  as: keyof typeof cookie | null;
  /** Request headers beyond the session cookie. */
  headers?: Record<string, string>;
  /**
   * Every request a first view: a query string of its own (which the page ignores), so no copy kept
   * for the session (lib/outputs/session-page-cache.ts) answers it and each one is rendered.
   */
  firstViews?: boolean;
}
/** What a browser sends: every browser asks for a compressed answer (autocannon alone does not). */
const BROWSER_ENCODING = { "accept-encoding": "gzip, deflate, br, zstd" };
const pages: Page[] = [
  { name: STATIC_ROW, path: `/_next/static/chunks/${chunk}`, as: null },
  { name: "/api/health", path: "/api/health", as: null },
  { name: "/dashboard (leader)", path: "/dashboard", as: "leader", headers: BROWSER_ENCODING },
  { name: "/dashboard (leader, first views)", path: "/dashboard", as: "leader", headers: BROWSER_ENCODING, firstViews: true },
  { name: "/division (leader)", path: "/division", as: "leader", headers: BROWSER_ENCODING },
  { name: "/review (kxadmin)", path: "/review", as: "kxadmin", headers: BROWSER_ENCODING },
  { name: "/rounds (kxadmin)", path: "/rounds", as: "kxadmin", headers: BROWSER_ENCODING },
  { name: `/rounds/${newest.id} (kxadmin)`, path: `/rounds/${newest.id}`, as: "kxadmin", headers: BROWSER_ENCODING },
  { name: "/my-tasks (jyj)", path: "/my-tasks", as: "jyj", headers: BROWSER_ENCODING },
  { name: "/my-tasks (jyj, first views)", path: "/my-tasks", as: "jyj", headers: BROWSER_ENCODING, firstViews: true },
  { name: `${reportPage} (jyj)`, path: reportPage, as: "jyj", headers: BROWSER_ENCODING },
  { name: "/progress (anonymous)", path: "/progress", as: null },
  { name: "/progress (anonymous, gzip)", path: "/progress", as: null, headers: BROWSER_ENCODING },
];
const headersFor = (page: Page): Record<string, string> => ({ ...page.headers, ...(page.as ? { cookie: cookie[page.as] } : {}) });

// One GET of each: it must answer 2xx (a redirect to the login would measure the wrong page).
const sizes = new Map<string, { bytes: number; messages: number }>();
const broken: string[] = [];
const failing = new Set<string>();
for (const page of pages) {
  const answer = await fetch(BASE + page.path + (page.firstViews ? "?view=0" : ""), { headers: headersFor(page), redirect: "manual" });
  const body = await answer.text();
  if (answer.status < 200 || answer.status > 299) {
    broken.push(`${page.path} as ${page.as ?? "anonymous"}: HTTP ${answer.status}`);
    failing.add(page.name);
  }
  if ((answer.headers.get("content-type") ?? "").includes("text/html"))
    sizes.set(page.name, { bytes: Buffer.byteLength(body, "utf8"), messages: messagesPayloadBytes(body) });
}
// A failing page is not loaded (its figures would measure the error page); the run goes on with
// the others and exits non-zero at the end, naming it.
if (broken.length > 0) console.log(`\n✖ pages that did not answer 2xx (not loaded):\n  ${broken.join("\n  ")}\n`);

function summaryNote(name: string) {
  const size = sizes.get(name);
  if (!size || size.messages === 0) return undefined;
  return `(messages ${formatBytes(size.messages)}, ${((100 * size.messages) / size.bytes).toFixed(0)} %)`;
}

/** One autocannon run; resolves with its result and every response's latency (ms). */
function cannon(options: autocannon.Options): Promise<{ result: autocannon.Result; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(options, (error, result) => (error ? reject(error as Error) : resolve({ result, latencies })));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

interface Measured {
  row: Row;
  health: Awaited<ReturnType<ReturnType<typeof probeHealth>>> & { recoverySeconds: number };
}

/**
 * After a load, waits until /api/health answers within 500 ms again (at most two minutes), so one
 * row's backlog does not count against the next; returns the seconds that took.
 */
async function settle(): Promise<number> {
  const begun = performance.now();
  while (performance.now() - begun < 120_000) {
    const one = performance.now();
    const answer = await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (answer) await answer.arrayBuffer();
    if (answer?.ok && performance.now() - one < 500) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return (performance.now() - begun) / 1000;
}

/** One autocannon run with the health probe and memory sampling around it. */
async function measure(name: string, options: autocannon.Options, extraErrors: () => number = () => 0): Promise<Measured> {
  const stopMemory = sampleMemory();
  const stopProbe = probeHealth();
  const { result, latencies } = await cannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  const probed = await stopProbe();
  const rssMb = stopMemory();
  const health = { ...probed, recoverySeconds: await settle() };
  const size = sizes.get(name);
  return {
    row: {
      name,
      requestsPerSecond: result.requests.total / (result.duration || SECONDS),
      latency: summarize(latencies),
      errors: result.non2xx + result.timeouts + result.errors + extraErrors(),
      rssMb,
      htmlBytes: size?.bytes ?? null,
      note: summaryNote(name),
    },
    health,
  };
}

const measured: Measured[] = [];
for (const page of pages.filter((candidate) => !failing.has(candidate.name) && wanted(candidate.name))) {
  process.stdout.write(`  ${page.name} …`);
  let view = 0;
  const firstViews: Partial<autocannon.Options> = page.firstViews
    ? { requests: [{ setupRequest: (request) => ({ ...request, path: `${page.path}?view=${++view}` }) }] }
    : {};
  measured.push(await measure(page.name, { url: BASE + page.path, headers: headersFor(page), ...firstViews }));
  process.stdout.write(` ${measured.at(-1)!.row.requestsPerSecond.toFixed(0)} req/s\n`);
}

/* ------------------------------------------------------------------ the draft save */

/** Saves drafts through the report page's server action; afterwards each acknowledged save is looked up in the database. */
async function measureSave() {
  const manifestFile = path.resolve(".next/server/server-reference-manifest.json");
  const actionId = findActionId(
    JSON.parse(fs.readFileSync(manifestFile, "utf8")) as ActionManifest,
    "saveReportAction",
    "lib/reporting/actions/reports.ts",
    "reports/[id]",
  );
  if (!actionId) fail(`saveReportAction is not in ${manifestFile}`);

  const saveTargets = await db.progressReport.findMany({
    where: { id: { in: ownReports.slice(0, 2 * CONNECTIONS).map((report) => report.id) } },
    select: { id: true, version: true },
  });
  // A request takes a report from the pool and gives it back with its new version when answered:
  // no two requests in flight save the same report (autocannon resets a connection's context after
  // every request, so a report cannot stay with one connection). With more connections than
  // reports (or reports lost to timeouts) requests share one, and some saves conflict (refused).
  const saveQueue = [...saveTargets];
  /** Every acknowledged save: the report, the version it reached and the text it carried. */
  const acknowledged = new Map<number, { version: number; text: string; count: number }>();
  let refusedSaves = 0;
  /** What the first refused save answered, printed to tell a refusal's cause. */
  let firstRefusal = "";
  let saveSequence = 0;
  const boundary = "----benchload7c0ffee";
  interface SaveContext {
    report?: { id: number; version: number };
    text?: string;
  }
  process.stdout.write("  draft save (server action) …");
  const saveRow = await measure(
    "draft save (jyj, server action)",
    {
      url: `${BASE}/reports/${saveTargets[0]!.id}`,
      requests: [
        {
          method: "POST",
          setupRequest: (request, context: SaveContext) => {
            // Each connection its own report (more connections than reports share them, and conflict).
            context.report = saveQueue.shift() ?? saveTargets[saveSequence % saveTargets.length]!;
            context.text = `基准测试数据：草稿保存第${++saveSequence}次。`;
            return {
              ...request,
              path: `/reports/${context.report.id}`,
              headers: {
                ...request.headers,
                cookie: cookie.jyj,
                accept: "text/x-component",
                "next-action": actionId,
                origin: BASE,
                "content-type": `multipart/form-data; boundary=${boundary}`,
              },
              body: actionBody(
                {
                  reportId: String(context.report.id),
                  version: String(context.report.version),
                  submissionKey: "",
                  intent: "save",
                  status: "ON_TRACK",
                  completion: "50",
                  workDone: context.text,
                  problems: "",
                  nextSteps: "",
                  eventsHeld: "",
                  peopleReached: "",
                },
                boundary,
              ),
            };
          },
          onResponse: (status, body, context: SaveContext) => {
            const version = status === 200 ? savedVersion(body) : null;
            if (version === null || !context.report) {
              // As the form would after a conflict: read the report's version again, then use it once more.
              const report = context.report;
              if (report && !saveQueue.includes(report))
                void db.progressReport
                  .findUniqueOrThrow({ where: { id: report.id }, select: { version: true } })
                  .then(({ version: current }) => saveQueue.push(Object.assign(report, { version: current })));
              if (refusedSaves === 0) firstRefusal = `HTTP ${status}: ${body.slice(0, 400)}`;
              refusedSaves += 1;
              return;
            }
            context.report.version = version;
            saveQueue.push(context.report);
            const previous = acknowledged.get(context.report.id);
            acknowledged.set(context.report.id, { version, text: context.text!, count: (previous?.count ?? 0) + 1 });
          },
        },
      ],
    },
    () => refusedSaves,
  );
  measured.push(saveRow);
  process.stdout.write(` ${saveRow.row.requestsPerSecond.toFixed(0)} req/s\n`);

  // Every acknowledged save must be in the database: each report at the version and text last acknowledged.
  const stored = await db.progressReport.findMany({
    where: { id: { in: [...acknowledged.keys()] } },
    select: { id: true, version: true, workDone: true },
  });
  const lost = stored.filter((report) => {
    const last = acknowledged.get(report.id)!;
    // A later version is a save still in flight when the load stopped (sent, never acknowledged).
    return report.version < last.version || (report.version === last.version && report.workDone !== last.text);
  });
  const acknowledgedCount = [...acknowledged.values()].reduce((sum, entry) => sum + entry.count, 0);
  saveRow.row.note = `${acknowledgedCount} saves acknowledged, ${refusedSaves} refused, ${lost.length} reports not as acknowledged`;
  if (firstRefusal) console.log(`\n  first refused save answered ${firstRefusal}\n`);
  return lost;
}

/* ------------------------------------------------------------------ the burst */

/** /progress anonymous and the leader's /dashboard at the same time: the dashboard's figures. */
async function measureBurst() {
  process.stdout.write("  burst: /progress (anonymous, gzip) and /dashboard (leader) at once …");
  const stopBurstMemory = sampleMemory();
  const stopBurstProbe = probeHealth();
  const [{ result: progressResult }, { result: dashboardResult, latencies: dashboardLatencies }] = await Promise.all([
    cannon({ url: `${BASE}/progress`, connections: CONNECTIONS, duration: SECONDS, headers: BROWSER_ENCODING }),
    cannon({ url: `${BASE}/dashboard`, connections: CONNECTIONS, duration: SECONDS, headers: { cookie: cookie.leader } }),
  ]);
  const burstHealth = { ...(await stopBurstProbe()), recoverySeconds: await settle() };
  measured.push({
    row: {
      name: "burst: /dashboard during /progress",
      requestsPerSecond: dashboardResult.requests.total / (dashboardResult.duration || SECONDS),
      latency: summarize(dashboardLatencies),
      errors: dashboardResult.non2xx + dashboardResult.timeouts + dashboardResult.errors,
      rssMb: stopBurstMemory(),
      htmlBytes: null,
      note: `(/progress meanwhile ${(progressResult.requests.total / (progressResult.duration || SECONDS)).toFixed(0)} req/s, ${
        progressResult.non2xx + progressResult.timeouts + progressResult.errors
      } errors)`,
    },
    health: burstHealth,
  });
  process.stdout.write(" done\n");
}

const lost = wanted("save") ? await measureSave() : [];
if (wanted("burst")) await measureBurst();

/* ------------------------------------------------------------------ the report */

const processes = serverProcesses();
console.log(`\n${databaseLine}`);
console.log(
  `load: ${CONNECTIONS} connections, ${SECONDS} s per row, one row at a time; server processes: ${processes.length} (${processes
    .map((process) => process.pid)
    .join(", ")})\n`,
);
console.log(
  formatTable(
    measured.map((entry) => entry.row),
    STATIC_ROW,
  ),
);
console.log(
  "\n/api/health probed every 200 ms from a separate client during each row (the next row starts once it answers within 500 ms):",
);
for (const { row, health } of measured)
  console.log(
    `  ${row.name}: ${health.count} probes, p95 ${health.p95.toFixed(0)} ms, max ${health.max.toFixed(0)} ms` +
      (health.failures > 0 ? `, ${health.failures} failed (10 s timeout)` : "") +
      (health.recoverySeconds >= 1 ? `; answered within 500 ms again ${health.recoverySeconds.toFixed(0)} s after the load` : ""),
  );
if (lost.length > 0)
  console.log(
    `\nsaves acknowledged but not in the database: ${lost.map((report) => `report ${report.id} at version ${report.version}`).join(", ")}`,
  );
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s; server log: ${logFile}`);
await db.$disconnect();
stopServer();
if (broken.length > 0) {
  console.error(`\n✖ pages that did not answer 2xx to their first GET (not loaded):\n  ${broken.join("\n  ")}`);
  process.exit(1);
}
process.exit(0);
