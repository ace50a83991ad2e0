/**
 * Serving an existing production build, shared by `npm start` (one server) and `npm run serve`
 * (each of several instances): checks that the build in NEXT_DIST_DIR (default `.next`) exists
 * and was made from these sources, then runs WEB_CONCURRENCY server processes on PORT.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { buildIsCurrent, sourceStamp } from "../build-stamp";
import { serveWithWorkers } from "./cluster-server";

const require = createRequire(import.meta.url);

export function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

/** Why the build cannot be served (Chinese, then English), or null when it can. */
export function buildProblem(stamp = sourceStamp()): string | null {
  const dir = distDir();
  if (!fs.existsSync(path.join(dir, "BUILD_ID"))) {
    return `没有生产构建（${dir}/BUILD_ID 不存在）：请先运行 npm run build，或随发布包一同分发 ${dir}/ / no production build in ${dir}/: run npm run build first (or ship the ${dir}/ built for this release)`;
  }
  if (!buildIsCurrent(stamp)) {
    return `${dir}/ 中的构建不是由当前源代码生成的：请用这些源代码重新运行 npm run build，或分发与之配套的构建 / the build in ${dir}/ was made from other sources: run npm run build with these sources (or ship the build made from them)`;
  }
  return null;
}

/** Serves the build on `port` with `workers` server processes (scripts/support/cluster-server.ts). */
export function serveBuild({ port, workers }: { port: number; workers: number }): void {
  // The preloads: the app's request hook answers the public page from its cache below Next.js
  // (lib/outputs/server/public-page-server.ts); TRUST_PROXY decides which forwarded headers Next.js sees
  // (lib/core/trusted-proxy.ts); X-Served-By names the process (and SERVER_INSTANCE the instance)
  // that answered.
  serveWithWorkers({
    port,
    workers,
    nextBin: require.resolve("next/dist/bin/next"),
    preloads: [
      new URL("./request-hook.mjs", import.meta.url).href,
      new URL("./trusted-proxy.mjs", import.meta.url).href,
      new URL("./served-by.mjs", import.meta.url).href,
    ],
  });
}
