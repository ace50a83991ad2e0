/**
 * Issue 16 (use the machine): `npm start` serves with WEB_CONCURRENCY processes on one port
 * (scripts/support/cluster-server.ts). Here the primary runs with a stand-in for Next.js's CLI
 * (tests/support/fake-next.mjs), so the process handling is tested without a production build:
 * every worker answers on the shared port with its slot in X-Served-By and its heap capped, a worker
 * that dies is replaced in its slot, and SIGTERM stops them all.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { WORKER_HEAP_MB, workerExecArgv } from "@/scripts/support/cluster-server";

interface Answer {
  pid: number;
  slot: string;
  servedBy: string;
  execArgv: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One request on its own connection, so the primary hands it to the next worker. */
function ask(port: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http
      .get({ host: "127.0.0.1", port, path: "/", agent: false, timeout: 2_000 }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ ...JSON.parse(body), servedBy: response.headers["x-served-by"] }));
      })
      .on("error", reject)
      .on("timeout", () => request.destroy(new Error("no answer")));
  });
}

async function until<T>(what: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await what().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Asks until every slot has answered; returns the latest answer of each. */
async function answersBySlot(port: number, slots: number): Promise<Map<string, Answer>> {
  const seen = new Map<string, Answer>();
  await until(async () => {
    const answer = await ask(port);
    seen.set(answer.servedBy, answer);
    return seen.size === slots ? true : undefined;
  });
  return seen;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let primary: ChildProcess | undefined;
afterAll(() => {
  if (primary && primary.exitCode === null) primary.kill("SIGKILL");
});

describe("the multi-process server (scripts/support/cluster-server.ts)", () => {
  it("caps each worker's heap unless NODE_OPTIONS sets a cap, and preloads the given modules", () => {
    expect(workerExecArgv(["file:///a.mjs", "file:///b.mjs"], "")).toEqual([
      `--max-old-space-size=${WORKER_HEAP_MB}`,
      "--import",
      "file:///a.mjs",
      "--import",
      "file:///b.mjs",
    ]);
    expect(workerExecArgv([], "--max-old-space-size=1024")).toEqual([]);
  });

  it("serves from every worker on one port, replaces a worker that dies, and stops them all on SIGTERM", async () => {
    const port = await freePort();
    let log = "";
    primary = spawn(process.execPath, ["--import", "tsx", "tests/support/cluster-primary.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, TEST_PORT: String(port), WEB_CONCURRENCY: "2", NODE_OPTIONS: "" },
    });
    primary.stdout!.on("data", (chunk) => (log += chunk));
    primary.stderr!.on("data", (chunk) => (log += chunk));

    const first = await answersBySlot(port, 2);
    expect([...first.keys()].sort()).toEqual(["1", "2"]);
    for (const [slot, answer] of first) {
      expect(answer.slot).toBe(slot);
      expect(answer.execArgv).toContain(`--max-old-space-size=${WORKER_HEAP_MB}`);
    }
    expect(first.get("1")!.pid).not.toBe(first.get("2")!.pid);

    // Worker 2 dies: a new process takes its slot.
    process.kill(first.get("2")!.pid, "SIGKILL");
    const replaced = await until(async () => {
      const answers = await answersBySlot(port, 2);
      const second = answers.get("2")!;
      return second.pid !== first.get("2")!.pid ? answers : undefined;
    });
    expect(replaced.get("1")!.pid).toBe(first.get("1")!.pid);
    expect(log).toMatch(/worker 2 \(pid \d+\) exited \(SIGKILL\)/);

    const exited = new Promise<number | null>((resolve) => primary!.on("exit", (code) => resolve(code)));
    primary.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const answer of replaced.values()) expect(isAlive(answer.pid)).toBe(false);
  }, 90_000);

  it("stops with exit code 1 when a worker cannot start three times in a row, instead of retrying for ever", async () => {
    const port = await freePort();
    let log = "";
    const failing = spawn(process.execPath, ["--import", "tsx", "tests/support/cluster-primary.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, TEST_PORT: String(port), WEB_CONCURRENCY: "1", NODE_OPTIONS: "", FAKE_NEXT_FAIL: "1" },
    });
    failing.stdout.on("data", (chunk) => (log += chunk));
    const code = await new Promise<number | null>((resolve) => failing.on("exit", (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(log.match(/worker 1 \(pid \d+\) exited \(code 1\)/g)).toHaveLength(2);
    expect(log).toContain("worker 1 failed to start 3 times in a row (code 1); stopping");
  }, 90_000);
});
