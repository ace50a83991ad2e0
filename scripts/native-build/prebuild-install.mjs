#!/usr/bin/env node
// better-sqlite3 installs with `prebuild-install || node-gyp rebuild --release`. package.json's
// `overrides` put this file in place of prebuild-install, so that step never asks GitHub for a
// prebuilt binary; instead it checks what the compiler needs (check.mjs) and, when all is there,
// runs node-gyp itself against the running Node's own headers (`npm_config_nodedir`), so node-gyp
// does not download them from nodejs.org either. Nothing depends on a machine's npm configuration.
//
// Exit 0: the driver is built. Exit 1 with the report: better-sqlite3's own fallback
// (`node-gyp rebuild --release`) runs next, as upstream — it needs nodejs.org, so on an intranet
// the install stops and the report above its output names what is missing.
import { spawnSync } from "node:child_process";
import { checkNativeBuild, findBuildTools, findNodeHeaders, formatProblems, npmVersionFromUserAgent } from "./check.mjs";

const headers = findNodeHeaders({ configuredNodedir: process.env.npm_config_nodedir });
const problems = checkNativeBuild({
  headers,
  tools: findBuildTools(),
  npmVersion: npmVersionFromUserAgent(process.env.npm_config_user_agent),
});
if (problems.length > 0) {
  console.error(`\n${formatProblems(problems)}\n`);
  process.exit(1);
}

console.error(`better-sqlite3: 使用本机 Node.js 头文件编译 / compiling against this Node.js's headers in ${headers.dir}`);
const result = spawnSync("node-gyp", ["rebuild", "--release"], {
  stdio: "inherit",
  env: { ...process.env, npm_config_nodedir: headers.dir },
});
if (result.error) console.error(`node-gyp: ${result.error.message}`);
process.exit(result.status ?? 1);
