/**
 * A throwaway PostgreSQL server for tests and scripts: Debian's `postgresql` binaries, a data
 * directory under a temporary folder, a free local port on 127.0.0.1, trust authentication for
 * the local superuser, and `pg_ctl stop` + removal afterwards. No containers, no system service.
 *
 * `initdb` refuses to run as root; as root the cluster runs as the `postgres` OS user the Debian
 * package creates (the folder is handed to it), otherwise as the current user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const SEARCH_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

export const POSTGRES_INSTALL_HINT =
  "未找到 PostgreSQL（需要 initdb、pg_ctl、pg_dump）。安装：sudo apt-get install postgresql（Debian 软件包，PostgreSQL 15）；" +
  "或设置 POSTGRES_BIN 为其 bin 目录。\n" +
  "PostgreSQL was not found (initdb, pg_ctl and pg_dump are needed). Install it with `sudo apt-get install postgresql` " +
  "(Debian's package, PostgreSQL 15), or set POSTGRES_BIN to the folder holding those programs.";

const hasServerTools = (dir: string) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));

/**
 * The folder holding initdb/pg_ctl/pg_dump, or null when PostgreSQL is not installed. POSTGRES_BIN,
 * when set, is the only folder looked at: a wrong setting is reported (null, then the install
 * hint), never silently replaced by another installed version. Otherwise Debian's folders, newest
 * first, then `initdb` on PATH.
 */
export function findPostgresBin(env: Record<string, string | undefined> = process.env): string | null {
  if (env.POSTGRES_BIN) return hasServerTools(env.POSTGRES_BIN) ? env.POSTGRES_BIN : null;
  for (const dir of SEARCH_DIRS) if (hasServerTools(dir)) return dir;
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8", env: env as NodeJS.ProcessEnv });
  const found = which.stdout.trim();
  return which.status === 0 && found ? path.dirname(fs.realpathSync(found)) : null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ThrowawayPostgres {
  port: number;
  /** The folder holding the server's programs (pg_dump, psql…). */
  bin: string;
  /** A URL for the given database as the superuser `postgres` (trust authentication, 127.0.0.1 only). */
  url(database?: string): string;
  /** Stops the server and removes its data directory. */
  stop(): void;
}

function runAs(user: string | null, command: string, args: string[], options: { env?: Record<string, string> } = {}) {
  const [file, argv] = user ? ["runuser", ["-u", user, "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } });
}

/**
 * Starts a fresh cluster under `parentDir` (a temporary folder by default). Tests run it without
 * durability (fsync, synchronous_commit and full-page writes off: nothing survives a crash, and
 * nothing needs to). `durable: true` keeps PostgreSQL's own defaults — every commit flushed to disk
 * before it is acknowledged — so a benchmark compares it fairly with SQLite's synchronous=FULL.
 */
export async function startThrowawayPostgres(options: { parentDir?: string; durable?: boolean } = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(POSTGRES_INSTALL_HINT);
  const base = fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), "pg-"));
  const dataDir = path.join(base, "data");
  const socketDir = path.join(base, "socket");
  fs.mkdirSync(socketDir);
  const user = process.getuid?.() === 0 ? "postgres" : null;
  if (user) {
    // The parent folders must be traversable by that user.
    for (let dir = base; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
      if (dir === os.tmpdir() || dir === "/") break;
    }
    execFileSync("chown", ["-R", "postgres:postgres", base]);
  }
  runAs(user, path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], {
    env: { LC_ALL: "C.UTF-8" },
  });
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${socketDir}`,
    ...(options.durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
    "-c max_connections=300",
    "-c shared_buffers=64MB",
    "-c timezone=UTC",
  ].join(" ");
  runAs(user, path.join(bin, "pg_ctl"), ["-D", dataDir, "-o", settings, "-l", path.join(base, "server.log"), "-w", "-t", "60", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      runAs(user, path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already gone: remove the folder anyway.
    }
    fs.rmSync(base, { recursive: true, force: true });
  };
  return {
    port,
    bin,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop,
  };
}
