import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkNativeBuild,
  findBuildTools,
  findNodeHeaders,
  formatProblems,
  npmVersionFromUserAgent,
  versionInRange,
} from "@/scripts/native-build/check.mjs";

/**
 * Issue 14 item 7: `npm ci` on an intranet that mirrors only the npm registry and Debian. The native
 * SQLite driver compiles through our stand-in for prebuild-install (scripts/native-build), which checks
 * what the compiler needs first and names what is missing in Chinese and English, then builds against
 * the running Node's own headers — no machine npm setting, no download from GitHub or nodejs.org.
 */

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "native-build-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A folder laid out like a Node installation (`bin/node`), with headers of `version` or none. */
function fakePrefix(name: string, version?: string): { prefix: string; execPath: string } {
  const prefix = path.join(scratch, name);
  fs.mkdirSync(path.join(prefix, "bin"), { recursive: true });
  fs.writeFileSync(path.join(prefix, "bin", "node"), "");
  if (version) {
    const [major, minor, patch] = version.split(".");
    const include = path.join(prefix, "include", "node");
    fs.mkdirSync(include, { recursive: true });
    fs.writeFileSync(path.join(include, "node.h"), "");
    fs.writeFileSync(path.join(include, "common.gypi"), "{}");
    fs.writeFileSync(
      path.join(include, "node_version.h"),
      `#define NODE_MAJOR_VERSION ${major}\n#define NODE_MINOR_VERSION ${minor}\n#define NODE_PATCH_VERSION ${patch}\n`,
    );
  }
  return { prefix, execPath: path.join(prefix, "bin", "node") };
}

describe("the native build check", () => {
  it("a Node installation without headers: the report names <prefix>/include/node/node.h and how to get it, in Chinese then English", () => {
    const { prefix, execPath } = fakePrefix("no-headers");
    const headers = findNodeHeaders({ execPath, nodeVersion: "v22.12.0" });
    expect(headers).toMatchObject({ ok: false, reason: "missing", nodeH: path.join(prefix, "include", "node", "node.h") });
    const report = formatProblems(checkNativeBuild({ headers, tools: [] }));
    expect(report).toContain(`缺少 Node.js 头文件：${path.join(prefix, "include", "node", "node.h")}`);
    expect(report).toContain(`Node.js headers missing: ${path.join(prefix, "include", "node", "node.h")}`);
    expect(report).toContain("npm_config_nodedir");
    expect(report.indexOf("无法安装")).toBeLessThan(report.indexOf("Cannot install"));
  });

  it("headers of the running version are found under the Node's own prefix; another version's are refused by name", () => {
    const { prefix, execPath } = fakePrefix("with-headers", "22.12.0");
    expect(findNodeHeaders({ execPath, nodeVersion: "v22.12.0" })).toMatchObject({ ok: true, dir: prefix });
    const wrong = findNodeHeaders({ execPath, nodeVersion: "v24.1.0" });
    expect(wrong).toMatchObject({ ok: false, reason: "version", found: "22.12.0", want: "24.1.0" });
    expect(formatProblems(checkNativeBuild({ headers: wrong }))).toContain("是 22.12.0，当前 Node.js 是 24.1.0");
  });

  it("an npm_config_nodedir holding the headers wins; one without them falls back to the Node's prefix", () => {
    const own = fakePrefix("own", "24.1.0");
    const configured = fakePrefix("configured", "24.1.0");
    const empty = fakePrefix("configured-empty");
    expect(findNodeHeaders({ execPath: own.execPath, nodeVersion: "v24.1.0", configuredNodedir: configured.prefix })).toMatchObject({
      ok: true,
      dir: configured.prefix,
    });
    expect(findNodeHeaders({ execPath: own.execPath, nodeVersion: "v24.1.0", configuredNodedir: empty.prefix })).toMatchObject({
      ok: true,
      dir: own.prefix,
    });
  });

  it("this machine's Node has its headers where the check looks (the build here uses them)", () => {
    expect(findNodeHeaders()).toMatchObject({ ok: true });
  });

  it("missing python3, make or g++ are named, with the Debian command that installs them", () => {
    const tools = findBuildTools({ CXX: "clang++ -std=c++20" }, (command) => command === "make");
    expect(tools).toEqual([
      { name: "python3", command: "python3", ok: false },
      { name: "make", command: "make", ok: true },
      { name: "g++", command: "clang++", ok: false },
    ]);
    const report = formatProblems(checkNativeBuild({ tools }));
    expect(report).toContain("缺少编译工具：python3、g++");
    expect(report).toContain("build tools missing: python3, g++");
    expect(report).toContain("sudo apt-get install python3 make g++");
    expect(report).not.toContain("头文件随");
  });

  it("npm older than 11.16 is refused (it would ignore allowScripts' denials); 11.16 and later pass", () => {
    expect(npmVersionFromUserAgent("npm/11.19.1 node/v20.20.2 linux x64 workspaces/false")).toBe("11.19.1");
    expect(npmVersionFromUserAgent("yarn/1.22.0 npm/? node/v20")).toBeNull();
    expect(checkNativeBuild({ npmVersion: "10.9.2" })).toEqual([{ kind: "npm", npmVersion: "10.9.2" }]);
    expect(checkNativeBuild({ npmVersion: "11.15.9" })).toHaveLength(1);
    expect(checkNativeBuild({ npmVersion: "11.16.0" })).toEqual([]);
    expect(checkNativeBuild({ npmVersion: "12.0.0" })).toEqual([]);
    expect(formatProblems(checkNativeBuild({ npmVersion: "10.9.2" }))).toContain("npm 版本 10.9.2 过旧，需要 npm ≥ 11.16.0");
  });

  it("nothing missing: no report", () => {
    expect(formatProblems([])).toBe("");
  });
});

describe("the stand-in for prebuild-install and npm run doctor, as npm runs them", () => {
  const run = (file: string, args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [file, ...args], {
      encoding: "utf8",
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: scratch, ...env },
    });

  it("with no compiler tools on PATH the install step stops before compiling, naming them (so better-sqlite3's fallback is what fails)", () => {
    const result = run("scripts/native-build/prebuild-install.mjs", [], { PATH: path.join(scratch, "empty-path") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("缺少编译工具：python3、make、g++");
    expect(result.stderr).not.toContain("compiling against");
  });

  it("npm 11.15 running the install step: refused with the upgrade command", () => {
    const result = run("scripts/native-build/prebuild-install.mjs", [], { npm_config_user_agent: "npm/11.15.0 node/v20.20.2 linux x64" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("npm install -g npm@11");
  });

  it("the root preinstall (`doctor --npm-only`) refuses npm 11.15 and accepts 11.16", () => {
    expect(run("scripts/doctor.mjs", ["--npm-only"], { npm_config_user_agent: "npm/11.15.0 node/v20.20.2 linux x64" }).status).toBe(1);
    expect(run("scripts/doctor.mjs", ["--npm-only"], { npm_config_user_agent: "npm/11.16.0 node/v20.20.2 linux x64" }).status).toBe(0);
  });

  it("npm run doctor on this machine: Node, npm, headers and tools all ready", () => {
    const result = run("scripts/doctor.mjs", [], { npm_config_user_agent: "npm/11.19.1 node/v20.20.2 linux x64" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("✓ Node.js");
    expect(result.stdout).toContain("可以安装");
  });
});

describe("package.json pins what the install needs", () => {
  const manifest = JSON.parse(fs.readFileSync("package.json", "utf8")) as {
    engines: { node: string; npm: string };
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    overrides: Record<string, string>;
  };
  const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as {
    packages: Record<string, { version?: string; resolved?: string; integrity?: string }>;
  };

  it("engines: npm ≥ 11.16; Node 20.19+ (where the tests ran) and the 22 and 24 LTS lines, not pinned to 20", () => {
    expect(manifest.engines.npm).toBe(">=11.16");
    for (const version of ["20.19.0", "20.20.2", "22.12.0", "22.20.0", "24.0.0", "24.11.1"])
      expect(versionInRange(version, manifest.engines.node), version).toBe(true);
    for (const version of ["18.20.0", "20.18.3", "22.11.0", "23.0.0"])
      expect(versionInRange(version, manifest.engines.node), version).toBe(false);
    expect(manifest.scripts.preinstall).toBe("node scripts/doctor.mjs --npm-only");
  });

  it("better-sqlite3's prebuild-install is the local stand-in, locked to the committed tarball, whose files are the sources beside it", () => {
    const tarball = manifest.dependencies["prebuild-install"]!.replace(/^file:/, "");
    const { version } = JSON.parse(fs.readFileSync("scripts/native-build/package.json", "utf8")) as { version: string };
    expect(tarball).toBe(`scripts/native-build/prebuild-install-${version}.tgz`);
    expect(fs.readdirSync("scripts/native-build").filter((file) => file.endsWith(".tgz"))).toEqual([path.basename(tarball)]);
    expect(manifest.overrides["prebuild-install"]).toBe("$prebuild-install");
    const locked = lock.packages["node_modules/prebuild-install"]!;
    expect(locked.resolved).toBe(`file:${tarball}`);
    expect(locked.integrity).toBe(`sha512-${crypto.createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`);
    // A stale tarball would install old code: rebuild it with `npm pack` in scripts/native-build.
    const unpacked = path.join(scratch, "unpacked");
    fs.mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", path.resolve(tarball), "-C", unpacked]);
    const files = fs.readdirSync(path.join(unpacked, "package")).sort();
    expect(files).toEqual(["check.mjs", "package.json", "prebuild-install.mjs"]);
    for (const file of files) {
      expect(fs.readFileSync(path.join(unpacked, "package", file), "utf8"), file).toBe(
        fs.readFileSync(path.join("scripts/native-build", file), "utf8"),
      );
    }
    expect(fs.statSync(path.join(unpacked, "package", "prebuild-install.mjs")).mode & 0o111).not.toBe(0);
  });
});
