/**
 * npm run build — the production build, made once and shipped to every instance: `next build`
 * into `.next/` (NEXT_DIST_DIR), then the stamp of the sources it was made from
 * (`.next/source-stamp`, scripts/build-stamp.ts), which `npm run serve` checks before serving.
 * Needs no database and no secrets. Next.js telemetry is off (an intranet has no route to it).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { recordBuild, sourceStamp } from "./build-stamp";

const require = createRequire(import.meta.url);
process.env.NEXT_TELEMETRY_DISABLED = "1";
(process.env as Record<string, string>).NODE_ENV = "production";

// Stamped before building: a file edited while the build runs makes the stamp stale, not the build "current".
const stamp = sourceStamp();
console.log("▶ 构建生产版本 / building the production app");
const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], { stdio: "inherit" });
if (build.status !== 0) {
  console.error(`✖ 构建失败 / the build failed (exit ${build.status ?? build.signal})`);
  process.exit(build.status ?? 1);
}
recordBuild(stamp);
console.log(
  `✔ 构建完成 / built into ${process.env.NEXT_DIST_DIR || ".next"}: ship it with node_modules and the sources, then run npm run serve`,
);
