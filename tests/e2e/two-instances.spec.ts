import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { type APIRequestContext, type BrowserContext, expect, type Page, request, test } from "@playwright/test";
import pg from "pg";
import { freePort, type ThrowawayPostgres, startThrowawayPostgres } from "../../scripts/support/postgres-cluster";
import { DEMO_PASSWORD } from "./auth";

/**
 * Issue 14 item 5: several instances on one PostgreSQL database and one evidence folder.
 *
 * Two instances (`npm run serve`, one server process each) run the production build the e2e server
 * made (.next-e2e; nothing is built here) against one throwaway PostgreSQL database prepared by the
 * one-off job (`npm run db:deploy`) and one evidence folder, behind nginx (scripts/support/nginx.conf.template).
 * The browser opens the portal's one public address (nginx's); in the journeys the test itself plays
 * the load balancer and sends each request to the instance it names — as nginx would, only
 * deterministically — with the headers nginx adds, so a page can come from A and its form go to B.
 * The last test goes through the real nginx, whose round-robin reaches both.
 */

const ROOT = process.cwd();
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-e2e";
const ADDRESS_LIMIT = 4;

type Name = "a" | "b";
interface Instance {
  name: Name;
  origin: string;
  process: ChildProcess;
  log: string[];
}

let postgres: ThrowawayPostgres | undefined;
let databaseUrl: string;
let workDir: string;
let evidenceDir: string;
let publicOrigin: string;
let nginx: ChildProcess | undefined;
const instances = new Map<Name, Instance>();
let context: BrowserContext;
let page: Page;
/** Where the test's load balancer sends the browser's next requests (null: through nginx). */
let target: Name | null = null;
/** Every request the test's load balancer forwarded, and which process answered. */
const forwarded: { method: string; path: string; action: boolean; servedBy: string | undefined }[] = [];

function findNginx(): string | null {
  for (const candidate of [process.env.NGINX_BIN, "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

const NGINX_INSTALL_HINT =
  "未找到 nginx：请安装 Debian 的 nginx 软件包（sudo apt-get install nginx-light）/ nginx not found: install Debian's nginx (sudo apt-get install nginx-light), or set NGINX_BIN";

function instanceEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST_DIR,
    DATABASE_URL: databaseUrl,
    DB_POOL_SIZE: "4",
    UPLOAD_DIR: evidenceDir,
    NEXTAUTH_SECRET: "two-instances-e2e-secret-not-for-any-real-deployment-0123456789",
    NEXTAUTH_URL: publicOrigin,
    // The same on every instance (README "Several instances with PostgreSQL").
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: SERVER_ACTIONS_KEY,
    AUDIT_HMAC_KEY: "two-instances-e2e-audit-key-not-for-any-real-deployment-0123456789",
    AUDIT_ANCHOR_DIR: path.join(workDir, "audit-anchors"),
    BACKUP_DIR: path.join(workDir, "backups"),
    // One reverse proxy in front (nginx): the client is the address it saw.
    TRUST_PROXY: "1",
    LOGIN_ADDRESS_MAX_FAILURES: String(ADDRESS_LIMIT),
    LOGIN_MAX_FAILURES: "5",
    SEED_DEMO_ACCOUNTS: "true",
    SEED_DEMO_DATA: "true",
    WEB_CONCURRENCY: "1",
    SMTP_URL: "",
    SMTP_FROM: "",
  };
}
const SERVER_ACTIONS_KEY = randomBytes(32).toString("base64");

function run(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${script} exited with ${code}:\n${output}`))));
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; servedBy?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const call = http.get(url, { agent: false, headers: { connection: "close", ...headers } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, servedBy: response.headers["x-served-by"] as string, body }));
    });
    call.on("error", reject);
  });
}

async function waitForHealth(origin: string, what: () => string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const answer = await get(`${origin}/api/health`).catch(() => null);
    if (answer?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${origin} did not become healthy:\n${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function startInstance(name: Name): Promise<Instance> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    env: { ...instanceEnv(), PORT: String(port), SERVER_INSTANCE: name },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  // "localhost", as the public address: the session cookie (host-only, any port) goes with direct requests too.
  const instance = { name, origin: `http://localhost:${port}`, process: child, log };
  instances.set(name, instance);
  await waitForHealth(instance.origin, () => log.join(""));
  return instance;
}

function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** The headers nginx adds (scripts/support/nginx.conf.template), for a client at `clientIp`. */
function proxyHeaders(clientIp = "127.0.0.1"): Record<string, string> {
  return { "x-forwarded-host": new URL(publicOrigin).host, "x-forwarded-proto": "http", "x-forwarded-for": clientIp };
}

test.describe.configure({ mode: "serial" });
test.setTimeout(90_000);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  const nginxBin = findNginx();
  if (!nginxBin) throw new Error(NGINX_INSTALL_HINT);
  if (!fs.existsSync(path.join(DIST_DIR, "BUILD_ID"))) throw new Error(`no production build in ${DIST_DIR} (the e2e server makes it)`);

  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-two-instances-"));
  evidenceDir = path.join(workDir, "shared-evidence");
  const nginxPort = await freePort();
  publicOrigin = `http://localhost:${nginxPort}`;

  postgres = await startThrowawayPostgres();
  const admin = new pg.Client({ connectionString: postgres.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE "kepu_two_instances"');
  await admin.end();
  databaseUrl = postgres.url("kepu_two_instances");

  // The one-off job, then the instances (which would refuse an unmigrated database).
  await run("scripts/db-deploy.ts", instanceEnv());
  await Promise.all([startInstance("a"), startInstance("b")]);

  // nginx, unprivileged, from the repository's configuration.
  const prefix = path.join(workDir, "nginx");
  fs.mkdirSync(prefix);
  const upstreams = [...instances.values()].map((instance) => `server 127.0.0.1:${new URL(instance.origin).port};`).join("\n    ");
  const conf = fs
    .readFileSync("scripts/support/nginx.conf.template", "utf8")
    .replaceAll("{{PREFIX}}", prefix)
    .replaceAll("{{LISTEN_PORT}}", String(nginxPort))
    .replaceAll("{{UPSTREAM_SERVERS}}", upstreams);
  fs.writeFileSync(path.join(prefix, "nginx.conf"), conf);
  execFileSync(nginxBin, ["-t", "-p", prefix, "-c", path.join(prefix, "nginx.conf")], { stdio: "pipe" });
  nginx = spawn(nginxBin, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], { stdio: "ignore" });
  await waitForHealth(publicOrigin, () =>
    fs.existsSync(path.join(prefix, "error.log")) ? fs.readFileSync(path.join(prefix, "error.log"), "utf8") : "",
  );

  context = await browser.newContext({ baseURL: publicOrigin, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  // The test's load balancer: requests for the public address go to the instance named by `target`.
  await context.route(`${publicOrigin}/**`, async (route) => {
    const name = target;
    if (!name) return route.continue();
    const original = route.request();
    const url = new URL(original.url());
    const headers = { ...(await original.allHeaders()), ...proxyHeaders() };
    delete headers.host;
    const send = () => route.fetch({ url: `${instances.get(name)!.origin}${url.pathname}${url.search}`, headers, maxRedirects: 0 });
    let response: Awaited<ReturnType<typeof send>>;
    try {
      response = await send();
    } catch (error) {
      // A kept-alive connection the instance closed just as this request went out: like nginx
      // (proxy_next_upstream error), the balancer sends an idempotent request again, never a POST.
      if (!["GET", "HEAD"].includes(original.method()) || !/ECONNRESET/.test(String(error))) throw error;
      response = await send();
    }
    forwarded.push({
      method: original.method(),
      path: url.pathname,
      action: Boolean(headers["next-action"]),
      servedBy: response.headers()["x-served-by"],
    });
    await route.fulfill({ response });
  });
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close().catch(() => {});
  await Promise.all([stopProcess(nginx), ...[...instances.values()].map((instance) => stopProcess(instance.process))]);
  postgres?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** An open report of 市教育局 (jyj) from the demo data. */
async function openReportId(): Promise<number> {
  const rows = await query<{ id: number }>(
    `SELECT r.id FROM "ProgressReport" r JOIN "ReportingRound" rr ON rr.id = r."roundId" JOIN "User" u ON u."unitId" = r."unitId"
     WHERE u.username = 'jyj' AND rr.status = 'OPEN' AND r.state IN ('OWED', 'DRAFT') ORDER BY r.id LIMIT 1`,
  );
  expect(rows.length).toBe(1);
  return rows[0]!.id;
}

test("signed in on A, the session goes on on B", async () => {
  target = "a";
  await page.goto("/login");
  await page.getByLabel("用户名").fill("jyj");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  expect(forwarded.filter((entry) => entry.path === "/api/auth/callback/credentials").map((entry) => entry.servedBy)).toEqual(["a/1"]);

  await page.waitForLoadState("networkidle");

  target = "b";
  const onB = await page.goto("/my-tasks");
  expect(onB?.headers()["x-served-by"]).toBe("b/1");
  await expect(page).toHaveURL(/\/my-tasks$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("市教育局").first()).toBeVisible();
});

test("evidence uploaded through A is downloaded through B, byte for byte", async () => {
  const reportId = await openReportId();
  const pdf = Buffer.from(`%PDF-1.4\n% two instances ${randomBytes(8).toString("hex")}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
  target = "a";
  await page.goto(`/reports/${reportId}`);
  await page.waitForLoadState("networkidle");
  forwarded.length = 0;
  await page.getByLabel("上传佐证材料").setInputFiles({ name: "两个实例-佐证.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  const link = page.getByTestId("attachments").getByRole("link", { name: "两个实例-佐证.pdf" });
  await expect(link).toBeVisible();
  expect(forwarded.filter((entry) => entry.action).map((entry) => entry.servedBy)).toEqual(["a/1"]);
  // One complete file in the shared folder, nothing half-written beside it.
  expect(fs.readdirSync(evidenceDir).filter((name) => !name.startsWith("."))).toHaveLength(1);

  const href = (await link.getAttribute("href"))!;
  const download = await page.request.get(`${instances.get("b")!.origin}${href}`, { headers: proxyHeaders() });
  expect(download.status()).toBe(200);
  expect(download.headers()["x-served-by"]).toBe("b/1");
  expect(Buffer.compare(await download.body(), pdf)).toBe(0);
});

test("a form rendered by A is submitted to B (a server action of the same build and key)", async () => {
  const reportId = await openReportId();
  const text = `两个实例之间保存的草稿 ${Date.now().toString(36)}`;
  target = "a";
  const rendered = await page.goto(`/reports/${reportId}`);
  expect(rendered?.headers()["x-served-by"]).toBe("a/1");
  await page.waitForLoadState("networkidle");
  forwarded.length = 0;
  await page.getByLabel("工作进展").fill(text);

  target = "b";
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存。")).toBeVisible();
  expect(forwarded.filter((entry) => entry.action).map((entry) => entry.servedBy)).toEqual(["b/1"]);
  const [saved] = await query<{ workDone: string; state: string }>(`SELECT "workDone", state FROM "ProgressReport" WHERE id = $1`, [
    reportId,
  ]);
  expect(saved).toEqual({ workDone: text, state: "DRAFT" });
});

/** One sign-in attempt straight to an instance, as nginx would forward it for a client at `clientIp`. */
async function attempt(api: APIRequestContext, name: Name, username: string, password: string, clientIp: string): Promise<string> {
  const origin = instances.get(name)!.origin;
  const headers = proxyHeaders(clientIp);
  const { csrfToken } = (await (await api.get(`${origin}/api/auth/csrf`, { headers })).json()) as { csrfToken: string };
  const response = await api.post(`${origin}/api/auth/callback/credentials`, {
    headers,
    form: { csrfToken, username, password, json: "true" },
    maxRedirects: 0,
  });
  expect(response.headers()["x-served-by"]).toBe(`${name}/1`);
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return new URL(body.url ?? response.headers().location ?? "/", publicOrigin).searchParams.get("error") ?? "ok";
}

test("failed logins from one address count on both instances together", async () => {
  const api = await request.newContext();
  try {
    const client = "198.51.100.23";
    // The limit (4) split across the instances: two failures on A, two on B.
    for (const name of ["a", "b", "a", "b"] as const) {
      expect(await attempt(api, name, "leader", "Wrong#password1", client)).toBe("CredentialsSignin");
    }
    const [throttle] = await query<{ count: number }>(`SELECT count FROM "LoginThrottle" WHERE key = $1`, [`ip:${client}`]);
    expect(throttle?.count).toBe(ADDRESS_LIMIT);
    // Now even the right password is refused from that address, on either instance…
    expect(await attempt(api, "a", "leader", DEMO_PASSWORD, client)).toBe("throttled");
    expect(await attempt(api, "b", "leader", DEMO_PASSWORD, client)).toBe("throttled");
    // …while another address signs in.
    expect(await attempt(api, "b", "leader", DEMO_PASSWORD, "198.51.100.24")).toBe("ok");
  } finally {
    await api.dispose();
  }
});

test("through nginx: requests reach both instances, and a client's own X-Forwarded-For is not believed", async () => {
  target = null;
  const seen = new Set<string | undefined>();
  for (let i = 0; i < 12 && seen.size < 2; i++) {
    const answer = await get(`${publicOrigin}/api/health`);
    expect(answer.status).toBe(200);
    seen.add(answer.servedBy);
  }
  expect(seen).toEqual(new Set(["a/1", "b/1"]));

  // A failed sign-in through nginx claiming another address: the address counted is the one nginx saw.
  const api = await request.newContext({ baseURL: publicOrigin });
  try {
    const spoofed = "203.0.113.99";
    const failuresFrom = async (address: string) =>
      (await query<{ count: number }>(`SELECT count FROM "LoginThrottle" WHERE key = $1`, [`ip:${address}`]))[0]?.count ?? 0;
    const before = await failuresFrom("127.0.0.1");
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await api.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": spoofed },
      form: { csrfToken, username: "auditor", password: "Wrong#password1", json: "true" },
      maxRedirects: 0,
    });
    expect(["a/1", "b/1"]).toContain(response.headers()["x-served-by"]);
    expect(await failuresFrom("127.0.0.1")).toBe(before + 1);
    expect(await failuresFrom(spoofed)).toBe(0);
  } finally {
    await api.dispose();
  }
});
