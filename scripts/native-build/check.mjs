// What compiling the native SQLite driver (better-sqlite3, through node-gyp) needs on this machine,
// checked before the compiler runs, so a missing piece is named in Chinese and English instead of
// surfacing as node-gyp trying to download Node's headers from nodejs.org (which fails on an
// intranet that mirrors only the npm registry and Debian).
//
// No dependencies: this runs while `npm ci` is still installing packages.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** npm releases before this ignore the install-script denials in package.json's `allowScripts`. */
export const MIN_NPM = "11.16.0";

/** `[major, minor, patch]` of "v20.20.2", "11.19.1" or "11.16.0-pre"; NaN parts for junk. */
function parts(version) {
  return String(version)
    .replace(/^v/, "")
    .split(/[.-]/)
    .slice(0, 3)
    .map((part) => Number(part));
}

/** Whether `version` is at least `floor` (both "x.y.z"). */
export function versionAtLeast(version, floor) {
  const a = parts(version);
  const b = parts(floor);
  if (a.some((n) => Number.isNaN(n))) return false;
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** Whether `version` satisfies a range written as `^a.b || ^c.d || >=e` (the form engines.node uses). */
export function versionInRange(version, range) {
  return String(range)
    .split("||")
    .some((alternative) => {
      const term = alternative.trim();
      if (term.startsWith(">=")) return versionAtLeast(version, term.slice(2));
      if (term.startsWith("^")) {
        const floor = term.slice(1);
        return parts(version)[0] === parts(floor)[0] && versionAtLeast(version, floor);
      }
      return false;
    });
}

/** The npm version in npm's user agent for scripts ("npm/11.19.1 node/v20.20.2 linux x64 …"), or null. */
export function npmVersionFromUserAgent(userAgent) {
  const match = /(?:^|\s)npm\/(\d+\.\d+\.\d+\S*)/.exec(userAgent ?? "");
  return match ? match[1] : null;
}

/** The folder holding `bin/node` of the running Node: its headers are in `<prefix>/include/node`. */
export function nodePrefix(execPath = process.execPath) {
  let real = execPath;
  try {
    real = fs.realpathSync(execPath);
  } catch {
    // keep the path as given
  }
  return path.dirname(path.dirname(real));
}

/** The version `<dir>/include/node/node_version.h` declares, or null when it cannot be read. */
export function headerVersion(dir) {
  try {
    const text = fs.readFileSync(path.join(dir, "include", "node", "node_version.h"), "utf8");
    const get = (name) => new RegExp(`#define\\s+${name}\\s+(\\d+)`).exec(text)?.[1];
    const [major, minor, patch] = [get("NODE_MAJOR_VERSION"), get("NODE_MINOR_VERSION"), get("NODE_PATCH_VERSION")];
    return major && minor && patch ? `${major}.${minor}.${patch}` : null;
  } catch {
    return null;
  }
}

/**
 * Where node-gyp should take Node's headers from: an explicit `npm_config_nodedir` when it holds
 * them, else the running Node's own prefix. `ok` only when `node.h` and `common.gypi` are there and
 * `node_version.h` is the running version (headers of another version build a driver Node refuses).
 */
export function findNodeHeaders({ nodeVersion = process.version, execPath = process.execPath, configuredNodedir } = {}) {
  const candidates = [];
  if (configuredNodedir) candidates.push(configuredNodedir);
  candidates.push(nodePrefix(execPath));
  const want = nodeVersion.replace(/^v/, "");
  for (const dir of candidates) {
    const nodeH = path.join(dir, "include", "node", "node.h");
    const commonGypi = path.join(dir, "include", "node", "common.gypi");
    if (!fs.existsSync(nodeH) || !fs.existsSync(commonGypi)) continue;
    const found = headerVersion(dir);
    if (found === want) return { ok: true, dir, nodeH };
    return { ok: false, dir, nodeH, reason: "version", found, want };
  }
  const dir = candidates[candidates.length - 1];
  return { ok: false, dir, nodeH: path.join(dir, "include", "node", "node.h"), reason: "missing", want };
}

/** Whether `command --version` runs (ENOENT or a failing run count as missing). */
export function commandWorks(command) {
  const result = spawnSync(command, ["--version"], { stdio: "ignore", timeout: 20_000 });
  return !result.error && result.status === 0;
}

/**
 * The compilers and tools node-gyp runs: Python 3 (or `PYTHON` / `npm_config_python`), make and a
 * C++ compiler (`CXX`, default g++).
 */
export function findBuildTools(env = process.env, works = commandWorks) {
  const python = env.npm_config_python || env.PYTHON || "python3";
  const cxx = (env.CXX || "g++").split(/\s+/)[0];
  return [
    { name: "python3", command: python, ok: works(python) },
    { name: "make", command: "make", ok: works("make") },
    { name: "g++", command: cxx, ok: works(cxx) },
  ];
}

/**
 * Everything the native build needs, as a list of problems (empty = ready). `npmVersion` is checked
 * only when known (inside npm scripts).
 */
export function checkNativeBuild({ headers, tools, npmVersion } = {}) {
  const problems = [];
  if (npmVersion && !versionAtLeast(npmVersion, MIN_NPM)) problems.push({ kind: "npm", npmVersion });
  if (headers && !headers.ok) problems.push({ kind: "headers", ...headers });
  for (const tool of tools ?? []) if (!tool.ok) problems.push({ kind: "tool", name: tool.name, command: tool.command });
  return problems;
}

/** The report for `problems`: Chinese first, then English; empty string when there are none. */
export function formatProblems(problems) {
  if (problems.length === 0) return "";
  const zh = ["无法安装：本机缺少以下安装条件（在编译 SQLite 驱动 better-sqlite3 之前检查）。"];
  const en = ["Cannot install: this machine lacks what the install needs (checked before compiling the SQLite driver, better-sqlite3)."];
  const tools = problems.filter((p) => p.kind === "tool").map((p) => p.name);
  for (const p of problems) {
    if (p.kind === "npm") {
      zh.push(
        `  ✗ npm 版本 ${p.npmVersion} 过旧，需要 npm ≥ ${MIN_NPM}（旧版会忽略 package.json 中 allowScripts 的安装脚本禁止，Prisma 的引擎包随后会尝试从外网下载）。升级：npm install -g npm@11`,
      );
      en.push(
        `  ✗ npm ${p.npmVersion} is too old: npm ≥ ${MIN_NPM} is required (older npm ignores the install-script denials in package.json's allowScripts, and Prisma's engines package would then try to download binaries). Upgrade: npm install -g npm@11`,
      );
    } else if (p.kind === "headers" && p.reason === "version") {
      zh.push(`  ✗ Node.js 头文件版本不符：${p.dir}/include/node 是 ${p.found ?? "未知版本"}，当前 Node.js 是 ${p.want}`);
      en.push(`  ✗ Node.js headers of another version: ${p.dir}/include/node is ${p.found ?? "unknown"}, this Node.js is ${p.want}`);
    } else if (p.kind === "headers") {
      zh.push(`  ✗ 缺少 Node.js 头文件：${p.nodeH}`);
      en.push(`  ✗ Node.js headers missing: ${p.nodeH}`);
    }
  }
  if (tools.length > 0) {
    zh.push(`  ✗ 缺少编译工具：${tools.join("、")}`);
    en.push(`  ✗ build tools missing: ${tools.join(", ")}`);
  }
  if (problems.some((p) => p.kind === "headers")) {
    zh.push(
      "  头文件随 Node.js 一起提供：nodejs.org 的官方二进制包（node-vX-linux-x64.tar.xz，解压后含 include/node）或 NodeSource 的 nodejs 软件包都带有它们；请用与头文件同一安装中的 node 运行 npm，或设置 npm_config_nodedir=<含 include/node 的目录>。",
    );
    en.push(
      "  The headers come with Node.js itself: the official nodejs.org binary tarball (node-vX-linux-x64.tar.xz, which contains include/node) and NodeSource's nodejs package both ship them; run npm with the node of that same installation, or set npm_config_nodedir=<folder containing include/node>.",
    );
  }
  if (tools.length > 0) {
    zh.push("  Debian/Ubuntu 安装编译工具：sudo apt-get install python3 make g++");
    en.push("  Debian/Ubuntu: sudo apt-get install python3 make g++");
  }
  zh.push("  补齐后重新运行 npm ci；npm run doctor 可随时复查。");
  en.push("  Then run npm ci again; npm run doctor checks again at any time.");
  return [...zh, "", ...en].join("\n");
}
