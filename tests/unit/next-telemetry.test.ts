import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Issue 14 item 7: no build or server of the portal sends Next.js telemetry (closed networks), not
 * only `npm start`. Three ways in: package.json scripts (`npm run build`, `npm run dev`, …), the
 * scripts that spawn Next's CLI themselves (start, e2e, bench through start), and a bare
 * `npx next build`, which only next.config.ts reaches.
 */

const manifest = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
const nextBin = path.resolve("node_modules/next/dist/bin/next");
const home = fs.mkdtempSync(path.join(os.tmpdir(), "next-telemetry-"));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

/** The `&&`/`||`/`;`-separated commands of a script that run Next's CLI (`next …` or `npx next …`). */
function nextCommands(script: string): string[] {
  return script
    .split(/&&|\|\||;/)
    .map((part) => part.trim())
    .filter((part) => /(^|\s)(npx\s+)?next\s/.test(`${part} `) && !/^(node|tsx|npx\s+tsx)\s/.test(part));
}

/** `next telemetry status` in a clean home (no earlier opt-out on disk) with `env` added. */
function telemetryStatus(env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [nextBin, "telemetry", "status"], {
    encoding: "utf8",
    // In the clean home, not the project: where Next thinks it runs in a container it keeps its
    // telemetry settings in ./cache beside the working directory.
    cwd: home,
    env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: home, XDG_CONFIG_HOME: path.join(home, ".config"), NO_COLOR: "1", ...env },
    timeout: 60_000,
  });
  const status = /Status:\s*(Enabled|Disabled)/.exec(`${result.stdout}${result.stderr}`);
  if (!status) throw new Error(`next telemetry status said: ${result.stdout}${result.stderr}`);
  return status[1]!;
}

describe("Next.js telemetry is off for every way the portal builds or serves", () => {
  it("every package.json script that runs Next's CLI sets NEXT_TELEMETRY_DISABLED=1 for it", () => {
    const invoking = Object.entries(manifest.scripts).flatMap(([name, script]) =>
      nextCommands(script).map((command) => ({ name, command })),
    );
    // dev and typecheck (`next typegen`) at least; a new one is checked the same way.
    expect(invoking.map((entry) => entry.name)).toEqual(expect.arrayContaining(["dev", "typecheck"]));
    for (const { name, command } of invoking) expect(`${name}: ${command}`).toMatch(/: NEXT_TELEMETRY_DISABLED=1 (npx )?next /);
  });

  it("npm run build, dev and start reach Next only with telemetry off (directly or through a script that sets it)", () => {
    for (const name of ["build", "dev", "start"]) {
      const script = manifest.scripts[name];
      expect(script, name).toBeDefined();
      const direct = nextCommands(script!);
      const files = [...script!.matchAll(/(?:^|\s)(scripts\/[\w./-]+\.(?:ts|mjs))/g)].map((match) => match[1]!);
      const viaScript = files.some((file) => /^process\.env\.NEXT_TELEMETRY_DISABLED = "1";$/m.test(fs.readFileSync(file, "utf8")));
      expect(direct.length > 0 || viaScript, `${name}: ${script}`).toBe(true);
      for (const command of direct) expect(`${name}: ${command}`).toMatch(/: NEXT_TELEMETRY_DISABLED=1 (npx )?next /);
    }
  });

  it("the variable as the scripts set it turns this Next.js version's telemetry off (and the check can see it on)", () => {
    expect(telemetryStatus({})).toBe("Enabled");
    expect(telemetryStatus({ NEXT_TELEMETRY_DISABLED: "1" })).toBe("Disabled");
  });

  it("every script that spawns Next's CLI itself (or through a helper in scripts/support) disables telemetry first", () => {
    const resolvesNext = (file: string) => /resolve\(\s*["']next\/dist\/bin\/next["']\s*\)/.test(fs.readFileSync(file, "utf8"));
    const helpers = fs
      .readdirSync("scripts/support")
      .filter((file) => /\.(ts|mjs)$/.test(file) && resolvesNext(path.join("scripts/support", file)))
      .map((file) => file.replace(/\.(ts|mjs)$/, ""));
    const entries = fs
      .readdirSync("scripts")
      .filter((file) => /\.(ts|mjs)$/.test(file))
      .map((file) => path.join("scripts", file))
      .filter((file) => {
        const text = fs.readFileSync(file, "utf8");
        return resolvesNext(file) || helpers.some((helper) => text.includes(`./support/${helper}`));
      });
    expect(entries).toEqual(expect.arrayContaining(["scripts/start.ts", "scripts/e2e-server.ts", "scripts/e2e-scale-server.ts"]));
    for (const file of entries) {
      // At module level, so every child the script spawns inherits it.
      expect(fs.readFileSync(file, "utf8"), file).toMatch(/^process\.env\.NEXT_TELEMETRY_DISABLED = "1";$/m);
    }
  });

  it("next.config.ts disables it, so a bare `npx next build` or `next start` (which load it before creating their Telemetry) sends nothing", async () => {
    const before = process.env.NEXT_TELEMETRY_DISABLED;
    delete process.env.NEXT_TELEMETRY_DISABLED;
    try {
      await import("@/next.config");
      expect(process.env.NEXT_TELEMETRY_DISABLED).toBe("1");
    } finally {
      if (before === undefined) delete process.env.NEXT_TELEMETRY_DISABLED;
      else process.env.NEXT_TELEMETRY_DISABLED = before;
    }
  });
});
