import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidEnvironmentError, isAesKeyInBase64, parseEnv } from "@/lib/core/env";
import { ensureEnvFile } from "@/scripts/env-file";

// Issue 14 item 5: several instances must encrypt server actions with one key, given in
// NEXT_SERVER_ACTIONS_ENCRYPTION_KEY (Next.js: base64 of a 16-, 24- or 32-byte AES key).

const base = { NEXTAUTH_SECRET: "x".repeat(40) };

describe("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", () => {
  it.each([16, 24, 32])("accepts base64 of %i bytes", (bytes) => {
    const key = Buffer.alloc(bytes, 7).toString("base64");
    expect(parseEnv({ ...base, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(key);
  });

  it("is optional (the build's own key is used)", () => {
    expect(parseEnv(base).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBeUndefined();
  });

  it.each([
    ["a key of the wrong length", Buffer.alloc(20, 1).toString("base64")],
    ["text that is not base64", "not a key at all, just words"],
    ["base64url instead of base64", Buffer.alloc(32, 0xfb).toString("base64url")],
  ])("refuses %s, naming the variable without echoing it", (_what, key) => {
    expect(isAesKeyInBase64(key)).toBe(false);
    let error: unknown;
    try {
      parseEnv({ ...base, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const message = (error as Error).message;
    expect(message).toContain("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be base64 of 16, 24 or 32 random bytes");
    expect(message).not.toContain(key);
  });
});

describe("npm start's .env", () => {
  const folders: string[] = [];
  afterEach(() => {
    vi.unstubAllEnvs();
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  function folderWithExample(): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-env-"));
    folders.push(folder);
    fs.copyFileSync(".env.example", path.join(folder, ".env.example"));
    return folder;
  }

  it("gets a server-action key of 32 random bytes on first start, and keeps it afterwards", () => {
    vi.stubEnv("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.spyOn(console, "log").mockImplementation(() => {});
    const folder = folderWithExample();
    ensureEnvFile(folder);
    const first = fs.readFileSync(path.join(folder, ".env"), "utf8");
    const key = /^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=(\S+)$/m.exec(first)?.[1];
    expect(key).toBeDefined();
    expect(Buffer.from(key!, "base64").byteLength).toBe(32);
    expect(isAesKeyInBase64(key!)).toBe(true);
    expect(first.match(/^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=/gm)).toHaveLength(1);

    ensureEnvFile(folder);
    expect(fs.readFileSync(path.join(folder, ".env"), "utf8")).toBe(first);
  });

  it("leaves the key alone when the environment gives one", () => {
    vi.stubEnv("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", Buffer.alloc(32, 3).toString("base64"));
    vi.spyOn(console, "log").mockImplementation(() => {});
    const folder = folderWithExample();
    ensureEnvFile(folder);
    expect(fs.readFileSync(path.join(folder, ".env"), "utf8")).toMatch(/^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY=$/m);
  });
});
