/**
 * npm run bench — how the main reads scale with years of reporting, printed as figures.
 *
 * Builds a scratch database (tmp/bench/bench.db, never the app's own) with the real plan,
 * the demo accounts and history, then opens BENCH_ROUNDS further rounds over every section
 * of the plan through the app's own `openRound` and moves their reports through the workflow
 * states with a fixed pseudo-random sequence. Every row it adds is synthetic and lives only in
 * that scratch file. Then it times the dashboard, the round board, the liaison's 我的任务, the
 * review queue, the public page and the bulletin data, and prints the median and 95th
 * percentile of each with the process's memory. Last, BENCH_WRITES (500) audited report saves
 * under synchronous=FULL and again under NORMAL, to show what durability costs. Timing is noisy on a shared machine: read the
 * figures, do not assert on them.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { scratchDatabase } from "./support/bench-database";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WRITES = Number(process.env.BENCH_WRITES ?? 500);
const { file, db, actor } = await scratchDatabase("bench", { demoData: true });
const { openRound, getRoundBoard, listRounds } = await import("@/lib/reporting/server/rounds");
const { getDashboard } = await import("@/lib/outputs/server/dashboard");
const { myTasks, reviewQueue } = await import("@/lib/reporting/server/reports");
const { buildPublicProgress } = await import("@/lib/outputs/server/public-progress");
const { bulletinData } = await import("@/lib/outputs/server/bulletin-data");

const admin = await actor("kxadmin");
const leader = await actor("leader");
const liaison = await actor("jyj");

// A fixed sequence, so two runs build the same data.
let seed = 20251123;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const sections = await db.planItem.findMany({ where: { kind: "SECTION", plan: { kind: "MASTER" } }, select: { id: true } });
const setupStarted = performance.now();
for (let index = 0; index < ROUNDS; index += 1) {
  const year = 2022 + Math.floor(index / 4);
  const quarter = (index % 4) + 1;
  const deadline = `${year}-${String(quarter * 3).padStart(2, "0")}-28`;
  // Opened a month before its (past) deadline, as it would have been: a deadline before today is refused.
  const { round } = await openRound(
    admin,
    { name: `基准测试轮次${index + 1}`, period: `${year}年第${quarter}季度`, deadline, itemIds: sections.map((section) => section.id) },
    new Date(`${deadline.slice(0, 8)}01T10:00:00+08:00`),
  );
  const reports = await db.progressReport.findMany({ where: { roundId: round.id }, select: { id: true } });
  const submittedAt = new Date(`${deadline}T02:00:00Z`);
  for (const report of reports) {
    const roll = random();
    const state = roll < 0.55 ? "APPROVED" : roll < 0.7 ? "SUBMITTED" : roll < 0.8 ? "RETURNED" : roll < 0.9 ? "DRAFT" : "OWED";
    if (state === "OWED") continue;
    await db.progressReport.update({
      where: { id: report.id },
      data: {
        state,
        status: (["ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED", "NOT_STARTED"] as const)[Math.floor(random() * 5)],
        completion: Math.floor(random() * 101),
        workDone: "基准测试数据：开展科普活动若干场。".repeat(8),
        submittedAt: state === "DRAFT" ? null : new Date(submittedAt.getTime() + (random() < 0.8 ? -1 : 3) * 86_400_000),
      },
    });
  }
}
const setupSeconds = (performance.now() - setupStarted) / 1000;
const [reportCount, roundCount] = await Promise.all([db.progressReport.count(), db.reportingRound.count()]);
const latest = (await db.reportingRound.findFirstOrThrow({ orderBy: { id: "desc" } })).id;

async function measure(name: string, run: () => Promise<unknown>) {
  await run(); // warm-up: statement cache, JIT
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)]!;
  return { name, median: at(0.5), p95: at(0.95) };
}

const results = [
  await measure("领导看板 getDashboard (latest round)", () => getDashboard(leader, { roundId: latest })),
  await measure("报送看板 getRoundBoard (latest round)", () => getRoundBoard(admin, latest)),
  await measure("报送轮次 listRounds", () => listRounds(admin)),
  await measure("我的任务 myTasks (市教育局)", () => myTasks(liaison)),
  await measure("审核队列 reviewQueue", () => reviewQueue(admin)),
  // The uncached build: the page itself serves a copy while the public content stamp is unchanged.
  await measure("公开页 buildPublicProgress (uncached)", () => buildPublicProgress()),
  await measure("进展通报 bulletinData (latest round)", () => bulletinData(leader, latest)),
];

// Writes: audited report saves (one transaction each: the report, its version check and an audit
// row with its hash), first under synchronous=FULL (the default: every commit reaches the disk
// before it is acknowledged), then under NORMAL (commits reach the disk at checkpoints), on the
// same connection and the same report. This is the price of surviving a power cut.
const { saveReport } = await import("@/lib/reporting/server/reports");
const { reportFormSchema } = await import("@/lib/reporting/schemas");
const future = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
const { round: writeRound } = await openRound(admin, {
  name: "基准测试写入轮次",
  period: "写入基准",
  deadline: future,
  itemIds: sections.map((section) => section.id),
});
const ownReport = await db.progressReport.findFirstOrThrow({ where: { roundId: writeRound.id, unitId: liaison.unitId! } });
let version = ownReport.version;
async function measureWrites(mode: "FULL" | "NORMAL") {
  await db.$executeRawUnsafe(`PRAGMA synchronous = ${mode}`);
  const [pragma] = await db.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
  const times: number[] = [];
  const started = performance.now();
  for (let index = 0; index < WRITES; index += 1) {
    const input = reportFormSchema.parse({
      reportId: ownReport.id,
      version,
      intent: "save",
      workDone: `基准测试写入 ${mode} 第${index + 1}次：开展科普进校园活动。`,
    });
    const one = performance.now();
    version = (await saveReport(liaison, input)).version;
    times.push(performance.now() - one);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)]!;
  return { mode, level: Number(pragma!.synchronous), total, perSecond: (WRITES / total) * 1000, median: at(0.5), p95: at(0.95) };
}
const writes = [await measureWrites("FULL"), await measureWrites("NORMAL")];
await db.$executeRawUnsafe("PRAGMA synchronous = FULL");

const memory = process.memoryUsage();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

console.log(`\nscratch database: ${file} (${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB)`);
console.log(
  `data: ${roundCount} rounds, ${reportCount} reports (${ROUNDS} synthetic rounds built in ${setupSeconds.toFixed(1)} s); ${RUNS} timed runs each\n`,
);
console.log("read".padEnd(44) + "median".padStart(10) + "p95".padStart(10));
for (const result of results)
  console.log(
    result.name.padEnd(44 - (result.name.match(/[^\x00-\xff]/g)?.length ?? 0)) +
      `${result.median.toFixed(1)} ms`.padStart(10) +
      `${result.p95.toFixed(1)} ms`.padStart(10),
  );
console.log(`\nwrites: ${WRITES} audited report saves (saveReport) each, same connection, same report`);
console.log("synchronous".padEnd(20) + "total".padStart(10) + "saves/s".padStart(10) + "median".padStart(10) + "p95".padStart(10));
for (const result of writes)
  console.log(
    `${result.mode} (${result.level})`.padEnd(20) +
      `${(result.total / 1000).toFixed(2)} s`.padStart(10) +
      result.perSecond.toFixed(0).padStart(10) +
      `${result.median.toFixed(2)} ms`.padStart(10) +
      `${result.p95.toFixed(2)} ms`.padStart(10),
  );
const [full, normal] = writes;
console.log(
  `FULL costs ${(full!.median - normal!.median).toFixed(2)} ms more per save at the median (${((full!.total / normal!.total - 1) * 100).toFixed(0)}% in total)`,
);
console.log(`\nmemory after the runs: rss ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)}`);
await db.$disconnect();
