/**
 * The production server of `npm start` and of the end-to-end tests: WEB_CONCURRENCY processes
 * (default one per CPU core, at most 8) sharing one port through Node's `cluster` module, so both
 * cores of a small server answer requests. The primary only forks and watches; each worker runs
 * Next.js's own `next start` (the same HTTP server, keep-alive timeouts, graceful shutdown, server
 * actions, proxy.ts, headers and static files as a single `next start`). Everything the workers
 * share lives in the database (sessions, the login throttle, the audit chain, the public page's
 * content stamp), never in one process's memory.
 *
 * A worker that dies is replaced after a short back-off (longer while it keeps dying soon after its
 * start); one that cannot even start (the port is taken, no build) three times in a row stops the
 * server with exit code 1. SIGINT/SIGTERM stop every worker gracefully (in-flight requests finish)
 * before the primary exits.
 */
import cluster, { type Worker } from "node:cluster";
import os from "node:os";

/** Heap ceiling of each worker (MB) unless NODE_OPTIONS sets one: keeps a process well under 500 MB resident. */
export const WORKER_HEAP_MB = 384;

/** One worker per core (os.availableParallelism), at least 1 and at most 8, unless WEB_CONCURRENCY says otherwise. */
export function defaultServerProcesses(): number {
  return Math.min(8, Math.max(1, os.availableParallelism()));
}

export interface ClusterOptions {
  port: number;
  /** How many server processes (WEB_CONCURRENCY). */
  workers: number;
  /** Path of Next.js's CLI (`next/dist/bin/next`). */
  nextBin: string;
  /** Modules each worker preloads with --import (file URLs). */
  preloads: string[];
}

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** A worker that lived this long is considered healthy: its replacement starts after the shortest back-off. */
const STABLE_MS = 60_000;
/** A slot whose worker exits this many times in a row before listening stops the server (exit 1). */
const MAX_START_FAILURES = 3;
/** Workers that have not exited this long after the stop signal are killed. */
const STOP_TIMEOUT_MS = 15_000;

function log(line: string) {
  console.log(`[server] ${new Date().toISOString()} ${line}`);
}

/** The Node options of a worker: a heap ceiling (unless NODE_OPTIONS has one) and the preloads. */
export function workerExecArgv(preloads: string[], nodeOptions = process.env.NODE_OPTIONS ?? ""): string[] {
  const heap = /--max-old-space-size/.test(nodeOptions) ? [] : [`--max-old-space-size=${WORKER_HEAP_MB}`];
  return [...heap, ...preloads.flatMap((preload) => ["--import", preload])];
}

/** Runs in the primary: forks the workers and keeps them running until SIGINT/SIGTERM. */
export function serveWithWorkers({ port, workers, nextBin, preloads }: ClusterOptions): void {
  if (!cluster.isPrimary) throw new Error("serveWithWorkers runs in the primary process only");
  cluster.setupPrimary({ exec: nextBin, args: ["start", "--port", String(port)], execArgv: workerExecArgv(preloads) });

  let stopping = false;
  const slots = new Map<number, { worker: Worker; startedAt: number; failures: number; startFailures: number }>();

  const start = (slot: number, failures = 0, startFailures = 0) => {
    // SERVER_WORKER names the slot (1…N), kept by a replacement; the X-Served-By header shows it.
    // MALLOC_ARENA_MAX: glibc gives each thread that allocates its own malloc arena, and a busy Node
    // process keeps memory in all of them; two arenas keep a worker's resident memory near its heap.
    const worker = cluster.fork({ SERVER_WORKER: String(slot), MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" });
    let listening = false;
    slots.set(slot, { worker, startedAt: Date.now(), failures, startFailures });
    worker.once("listening", () => {
      listening = true;
      log(`服务进程 ${slot} 已就绪 / worker ${slot} listening (pid ${worker.process.pid})`);
    });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      const entry = slots.get(slot);
      const lived = Date.now() - (entry?.startedAt ?? Date.now());
      const nextStartFailures = listening ? 0 : (entry?.startFailures ?? 0) + 1;
      if (nextStartFailures >= MAX_START_FAILURES) {
        // The port is taken, the build is missing…: restarting would only repeat the same error.
        log(
          `服务进程 ${slot} 连续 ${nextStartFailures} 次未能启动，服务停止 / worker ${slot} failed to start ` +
            `${nextStartFailures} times in a row (${signal ?? `code ${code}`}); stopping`,
        );
        stop("SIGTERM", 1);
        return;
      }
      const nextFailures = lived >= STABLE_MS ? 0 : (entry?.failures ?? 0) + 1;
      const delay = BACKOFF_MS[Math.min(nextFailures, BACKOFF_MS.length - 1)]!;
      log(
        `服务进程 ${slot}（pid ${worker.process.pid}）已退出 / worker ${slot} (pid ${worker.process.pid}) exited ` +
          `(${signal ?? `code ${code}`}) after ${Math.round(lived / 1000)} s; restarting in ${delay / 1000} s`,
      );
      setTimeout(() => {
        if (!stopping) start(slot, nextFailures, nextStartFailures);
      }, delay);
    });
  };

  log(`启动 ${workers} 个服务进程 / starting ${workers} server process${workers === 1 ? "" : "es"} on port ${port}`);
  for (let slot = 1; slot <= workers; slot++) start(slot);

  function stop(signal: NodeJS.Signals, exitCode = 0) {
    if (stopping) return;
    stopping = true;
    if (exitCode === 0) log(`收到 ${signal}，正在停止服务进程 / ${signal}: stopping the server processes`);
    const running = [...slots.values()].map(({ worker }) => worker).filter((worker) => !worker.isDead());
    if (running.length === 0) process.exit(exitCode);
    let left = running.length;
    for (const worker of running) {
      worker.once("exit", () => {
        if (--left === 0) process.exit(exitCode);
      });
      // Next.js stops accepting connections, finishes the requests in flight, then exits.
      worker.process.kill(signal);
    }
    setTimeout(() => {
      for (const worker of running) if (!worker.isDead()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
  }
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}
