/**
 * PostgreSQL's own dump and restore programs (pg_dump, pg_restore) for backups: found in
 * POSTGRES_BIN, Debian's /usr/lib/postgresql/<major>/bin (newest first) or on PATH, and checked
 * against the server's major version (pg_dump refuses a server newer than itself). The connection
 * is passed through libpq's environment variables, never on the command line, so no password shows
 * in the process list.
 */
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { BackupError } from "./errors";

const run = promisify(execFile);

export type PgTool = "pg_dump" | "pg_restore";

/** libpq environment for a `postgresql://` URL (host, port, user, password, database, TLS settings). */
export function libpqEnvironment(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  const env: Record<string, string> = {};
  const host = url.searchParams.get("host") ?? decodeURIComponent(url.hostname);
  if (host) env.PGHOST = host;
  if (url.port) env.PGPORT = url.port;
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (database) env.PGDATABASE = database;
  const params: Record<string, string> = {
    sslmode: "PGSSLMODE",
    sslrootcert: "PGSSLROOTCERT",
    sslcert: "PGSSLCERT",
    sslkey: "PGSSLKEY",
    connect_timeout: "PGCONNECT_TIMEOUT",
  };
  for (const [param, variable] of Object.entries(params)) {
    const value = url.searchParams.get(param);
    if (value) env[variable] = value;
  }
  return env;
}

/** Folders that may hold PostgreSQL's programs, the most specific first. */
function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.POSTGRES_BIN) dirs.push(process.env.POSTGRES_BIN);
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const majors = fs
      .readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) dirs.push(path.join(debian, major, "bin"));
  }
  return dirs;
}

function onPath(name: string): string | null {
  const which = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found : null;
}

export async function toolMajorVersion(program: string): Promise<number> {
  const { stdout } = await run(program, ["--version"]);
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout) ?? /(\d+)(?:\.\d+)/.exec(stdout);
  if (!match) throw new Error(`cannot read the version of ${program}: ${stdout.trim()}`);
  return Number(match[1]);
}

/**
 * The program to use: the first one found whose major version is at least `minMajor` (the
 * server's, or the archive's). Refuses with a Chinese and English message when none is installed
 * or all are older.
 */
export async function findPgTool(tool: PgTool, minMajor: number): Promise<{ program: string; major: number }> {
  const programs = candidateDirs()
    .map((dir) => path.join(dir, tool))
    .filter((file) => fs.existsSync(file));
  const fromPath = onPath(tool);
  if (fromPath) programs.push(fromPath);
  if (programs.length === 0) {
    throw new BackupError(
      "tool_missing",
      `未找到 ${tool}：PostgreSQL 的备份与恢复需要它。安装：sudo apt-get install postgresql-client（Debian 软件包；须不低于服务器的主版本 ${minMajor}），或设置 POSTGRES_BIN 为其所在目录。\n` +
        `${tool} was not found: PostgreSQL backups and restores need it. Install it with \`sudo apt-get install postgresql-client\` ` +
        `(Debian's package; its major version must be at least the server's, ${minMajor}), or set POSTGRES_BIN to the folder holding it.`,
    );
  }
  const seen: string[] = [];
  for (const program of programs) {
    const major = await toolMajorVersion(program);
    if (major >= minMajor) return { program, major };
    seen.push(`${program} (${major})`);
  }
  throw new BackupError(
    "tool_too_old",
    `${tool} 版本过低：需要 PostgreSQL ${minMajor} 或更新版本的 ${tool}，找到的是 ${seen.join("、")}。请安装与服务器主版本相同的 postgresql-client，或设置 POSTGRES_BIN。\n` +
      `${tool} is too old: PostgreSQL ${minMajor} or newer is needed, found ${seen.join(", ")}. Install the postgresql-client matching the server's major version, or set POSTGRES_BIN.`,
  );
}

/** The server's major version (15 for 15.10). */
export async function serverMajorVersion(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
  return Math.floor(Number(rows[0]!.server_version_num) / 10000);
}

/** Runs one of the programs with the connection in its environment; its error output becomes the error. */
export async function runPgTool(program: string, args: string[], databaseUrl: string): Promise<void> {
  try {
    await run(program, args, {
      env: { ...process.env, ...libpqEnvironment(databaseUrl), PGAPPNAME: "kepu-backup" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${path.basename(program)} failed${stderr ? `: ${stderr}` : ""}`, { cause: error });
  }
}

/** One connection to the database, closed afterwards. */
export async function withPostgres<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "kepu-backup" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
