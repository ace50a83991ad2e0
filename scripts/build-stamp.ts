import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Everything that changes the production build. lib/generated follows from the schema.
const INPUTS = [
  "app",
  "components",
  "lib",
  "messages",
  "public",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const SKIP = new Set([path.join("lib", "generated")]);

function collect(relative: string, files: string[]) {
  if (SKIP.has(relative) || !fs.existsSync(relative)) return;
  const stat = fs.statSync(relative);
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(relative).sort()) collect(path.join(relative, entry), files);
  } else {
    files.push(relative);
  }
}

/** A hash over the build's inputs: a changed file means the build is stale. */
export function sourceStamp(): string {
  const files: string[] = [];
  for (const input of INPUTS) collect(input, files);
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

export function buildIsCurrent(stamp: string): boolean {
  const stampFile = path.join(distDir(), "source-stamp");
  return fs.existsSync(path.join(distDir(), "BUILD_ID")) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp;
}

export function recordBuild(stamp: string) {
  fs.writeFileSync(path.join(distDir(), "source-stamp"), stamp);
}
