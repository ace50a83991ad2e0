import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { directoryStorage, evidenceStorage } from "@/lib/core/files/storage";
import { TEST_TMP_DIR } from "@/tests/support/paths";

// Issue 14 item 5: several instances keep their evidence in one folder (a shared mount). Two
// storage objects on one folder stand for two instances: each must see the other's files, and
// never a file the other is still writing.

let folder: string;

beforeEach(() => {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  folder = path.join(fs.mkdtempSync(path.join(TEST_TMP_DIR, "shared-evidence-")), "uploads");
});

afterEach(() => {
  fs.rmSync(path.dirname(folder), { recursive: true, force: true });
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe("evidence storage shared by two instances", () => {
  it("a file stored through one instance is listed, read, streamed and removed through the other", async () => {
    const a = directoryStorage(folder);
    const b = directoryStorage(folder);
    const bytes = Buffer.from("%PDF-1.4\n福田区科普活动总结\n%%EOF\n");

    const key = await a.put(new Blob([bytes]));
    expect(await b.list()).toEqual([key]);
    expect(await b.stat(key)).toEqual({ size: bytes.byteLength });
    expect(Buffer.compare(await b.get(key), bytes)).toBe(0);
    expect(Buffer.compare(await readAll(b.stream(key)), bytes)).toBe(0);

    const second = await b.put(new Uint8Array([1, 2, 3]));
    expect(await a.list()).toEqual([key, second].sort());

    await b.remove(key);
    expect(await a.list()).toEqual([second]);
    expect(await a.stat(key)).toBeNull();
    await expect(a.remove(key)).resolves.toBeUndefined();
  });

  it("while one instance is still writing a file, the other sees no file at all; then the whole file", async () => {
    const writer = directoryStorage(folder);
    const reader = directoryStorage(folder);
    let release!: () => void;
    const halfWritten = new Promise<void>((resolve) => (release = resolve));
    let firstHalfOnDisk!: () => void;
    const firstHalfWritten = new Promise<void>((resolve) => (firstHalfOnDisk = resolve));
    const half = new Uint8Array(256 * 1024).fill(0x41);

    const upload = writer.put(
      (async function* () {
        yield half;
        // The first chunk has been handed to the store; the second waits for the check below.
        setTimeout(firstHalfOnDisk, 50);
        await halfWritten;
        yield half;
      })(),
    );
    await firstHalfWritten;
    // Something is in the folder (the temporary file), but nothing any instance would serve.
    expect(fs.readdirSync(folder).length).toBe(1);
    expect(await reader.list()).toEqual([]);
    release();
    const key = await upload;

    expect(await reader.list()).toEqual([key]);
    expect(await reader.stat(key)).toEqual({ size: 2 * half.byteLength });
    expect(fs.readdirSync(folder)).toEqual([key]);
  });

  it("an empty or missing folder lists nothing, and a missing key has no size", async () => {
    const storage = directoryStorage(folder);
    expect(await storage.list()).toEqual([]);
    expect(await storage.stat("3f2504e0-4f89-41d3-9a0c-0305e82c3301")).toBeNull();
    await expect(storage.get("3f2504e0-4f89-41d3-9a0c-0305e82c3301")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it.each(["../etc/passwd", "/etc/passwd", ".3f2504e0-4f89-41d3-9a0c-0305e82c3301.part"])("refuses the key %j", async (key) => {
    const storage = directoryStorage(folder);
    await expect(storage.get(key)).rejects.toThrow(/storage key/);
    await expect(storage.stat(key)).rejects.toThrow(/storage key/);
    expect(() => storage.stream(key)).toThrow(/storage key/);
    await expect(storage.remove(key)).rejects.toThrow(/storage key/);
  });

  it("the app's storage follows UPLOAD_DIR", async () => {
    const previous = process.env.UPLOAD_DIR;
    process.env.UPLOAD_DIR = folder;
    try {
      const key = await evidenceStorage().put(new Uint8Array([7]));
      expect(await directoryStorage(folder).list()).toEqual([key]);
    } finally {
      if (previous === undefined) delete process.env.UPLOAD_DIR;
      else process.env.UPLOAD_DIR = previous;
    }
  });
});
