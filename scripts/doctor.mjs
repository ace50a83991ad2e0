// npm run doctor: are this machine's Node.js, npm and build tools able to install and run the
// portal? Needs nothing installed (runs before or after a failed `npm ci`). Exit 0 ready, 1 not.
//
// `--npm-only` (the root `preinstall`) checks only npm's version.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  MIN_NPM,
  checkNativeBuild,
  findBuildTools,
  findNodeHeaders,
  formatProblems,
  npmVersionFromUserAgent,
  versionAtLeast,
  versionInRange,
} from "./native-build/check.mjs";

const root = path.resolve(import.meta.dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const npmOnly = process.argv.includes("--npm-only");

function npmVersion() {
  const fromAgent = npmVersionFromUserAgent(process.env.npm_config_user_agent);
  if (fromAgent) return fromAgent;
  try {
    return execFileSync("npm", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

const npm = npmVersion();
if (npmOnly) {
  if (npm && !versionAtLeast(npm, MIN_NPM)) {
    console.error(`\n${formatProblems([{ kind: "npm", npmVersion: npm }])}\n`);
    process.exit(1);
  }
  process.exit(0);
}

const lines = [];
const nodeRange = manifest.engines?.node ?? "";
const nodeOk = versionInRange(process.version, nodeRange);
lines.push(
  `${nodeOk ? "✓" : "✗"} Node.js ${process.version}（要求 / required: ${nodeRange}；生产环境用 22 或 24 LTS / production: 22 or 24 LTS）`,
);
lines.push(`${npm && versionAtLeast(npm, MIN_NPM) ? "✓" : "✗"} npm ${npm ?? "?"}（要求 / required: ≥ ${MIN_NPM}）`);
const headers = findNodeHeaders({ configuredNodedir: process.env.npm_config_nodedir });
lines.push(`${headers.ok ? "✓" : "✗"} Node.js 头文件 / headers: ${headers.nodeH}`);
const tools = findBuildTools();
for (const tool of tools) lines.push(`${tool.ok ? "✓" : "✗"} ${tool.name} (${tool.command})`);
console.log(lines.join("\n"));

const problems = checkNativeBuild({ headers, tools, npmVersion: npm ?? undefined });
if (!nodeOk) {
  console.error(
    `\nNode.js ${process.version} 不在支持范围 ${nodeRange} 内：请安装 Node.js 22 或 24 LTS。\nNode.js ${process.version} is outside ${nodeRange}: install Node.js 22 or 24 LTS.`,
  );
}
if (problems.length > 0) console.error(`\n${formatProblems(problems)}`);
if (!nodeOk || problems.length > 0) process.exit(1);
console.log("\n可以安装：npm ci / Ready to install: npm ci");
