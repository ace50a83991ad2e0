import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Issue 17 item 8: versions with published advisories must not come back through a lockfile
 * refresh or a dependency's own range. Each floor is the first version free of the advisories
 * known when it was set (README, "Dependency notes"); raise it when a new one is published.
 */

/** The version Node's lookup finds for `name` from the folder `from` (nested node_modules first). */
function installedVersion(name: string, from = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "node_modules", name, "package.json");
    if (fs.existsSync(manifest)) return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
    if (dir === path.dirname(dir)) throw new Error(`${name} is not installed`);
  }
}

const packageDir = (name: string) => path.resolve("node_modules", name);

function atLeast(version: string, floor: string): boolean {
  const a = version.split(/[.-]/).map(Number);
  const b = floor.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string }> };

function lockedVersions(name: string): string[] {
  return Object.entries(lock.packages)
    .filter(([key]) => key === `node_modules/${name}` || key.endsWith(`/node_modules/${name}`))
    .map(([, entry]) => entry.version ?? "");
}

describe("dependencies with published advisories", () => {
  it.each([
    // nodemailer ≤ 10.0.8 has high and medium advisories (file read/SSRF via raw, CRLF, recipient bypasses).
    ["nodemailer", "10.6.1"],
    // uuid < 14 (missing buffer bounds check in v3/v5/v6), pulled in at 8.3.2 by exceljs and 11 by next-auth.
    ["uuid", "14.0.0"],
    // prisma 7.10.0's CLI brings mysql2 and deepmerge-ts versions with advisories.
    ["prisma", "7.10.1"],
    ["mysql2", "3.24.4"],
    ["deepmerge-ts", "8.0.2"],
  ])("has every copy of %s at %s or later", (name, floor) => {
    const versions = lockedVersions(name);
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(atLeast(version, floor), `${name}@${version}`).toBe(true);
  });

  it("gives next-auth and exceljs the overridden versions, not their own", () => {
    const nextAuth = packageDir("next-auth");
    const exceljs = packageDir("exceljs");
    expect(installedVersion("nodemailer", nextAuth)).toBe(installedVersion("nodemailer"));
    expect(installedVersion("uuid", exceljs)).toBe("14.0.3");
    expect(installedVersion("uuid", nextAuth)).toBe("14.0.3");
  });

  it("keeps the Prisma packages on one version (the CLI and driver-adapter utilities on the registry's newest)", () => {
    expect(installedVersion("prisma")).toBe("7.10.1");
    expect(installedVersion("@prisma/driver-adapter-utils")).toBe("7.10.1");
    const adapter = packageDir("@prisma/adapter-better-sqlite3");
    expect(installedVersion("@prisma/driver-adapter-utils", adapter)).toBe("7.10.1");
    // @prisma/client and the SQLite adapter have no 7.10.1 release: 7.10.0 is their newest.
    expect(installedVersion("@prisma/client")).toBe("7.10.0");
  });

  it("still lets exceljs make the ids it takes from uuid (a data-bar rule writes one)", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("s");
    sheet.addRow([1]);
    sheet.addRow([2]);
    sheet.addConditionalFormatting({
      ref: "A1:A2",
      rules: [{ type: "dataBar", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: "FF638EC6" } } as never],
    });
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(buffer as never);
    expect(reread.getWorksheet("s")?.getCell("A2").value).toBe(2);
    const { default: JSZip } = await import("jszip");
    const sheetXml = await (await JSZip.loadAsync(buffer)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheetXml).toMatch(/\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[0-9A-F]{4}-[0-9A-F]{12}\}/);
  });
});
