import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readAttachment, removeAttachment, storeAttachment } from "@/lib/reporting/server/attachment-store";
import { TEST_TMP_DIR } from "@/tests/support/paths";

// A disk that fills up: once `afterBytes` is set, a write past that many bytes fails with
// ENOSPC, as the kernel answers on a full disk — through a file handle, and through writeFile
// (which, like the real one, has written what fit before it fails).
const diskFull = vi.hoisted(() => ({ afterBytes: null as number | null }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28 });
  const open: typeof real.open = async (...args: Parameters<typeof real.open>) => {
    const handle = await real.open(...args);
    const limit = diskFull.afterBytes;
    if (limit === null) return handle;
    let written = 0;
    const write = handle.write.bind(handle) as (...rest: unknown[]) => Promise<{ bytesWritten: number }>;
    Object.assign(handle, {
      write: async (buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset, position?: number | null) => {
        const room = limit - written;
        if (room <= 0) throw enospc();
        const result = await write(buffer, offset, Math.min(length, room), position);
        written += result.bytesWritten;
        return result;
      },
    });
    return handle;
  };
  const writeFile: typeof real.writeFile = async (file, data, options) => {
    const limit = diskFull.afterBytes;
    if (limit === null || !(data instanceof Uint8Array)) return real.writeFile(file, data, options);
    await real.writeFile(file, data.subarray(0, limit), options);
    throw enospc();
  };
  return { ...real, open, writeFile };
});

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const originalUploadDir = process.env.UPLOAD_DIR;
let uploadDir: string;

beforeEach(() => {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  // A folder that does not exist yet, so the store has to create it.
  uploadDir = path.join(fs.mkdtempSync(path.join(TEST_TMP_DIR, "uploads-")), "nested", "uploads");
  process.env.UPLOAD_DIR = uploadDir;
});

afterEach(() => {
  diskFull.afterBytes = null;
});

afterAll(() => {
  if (originalUploadDir === undefined) delete process.env.UPLOAD_DIR;
  else process.env.UPLOAD_DIR = originalUploadDir;
});

describe("attachment store", () => {
  it("stores bytes under a random UUID and reads them back unchanged", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.4\n第三季度工作总结\n%%EOF\n");
    const key = await storeAttachment(bytes);

    expect(key).toMatch(UUID_V4);
    expect(fs.readdirSync(uploadDir)).toEqual([key]);
    const stored = await readAttachment(key);
    expect(Buffer.compare(stored, Buffer.from(bytes))).toBe(0);
  });

  it("keeps the file private to the server's own user", async () => {
    const key = await storeAttachment(new Uint8Array([1, 2, 3]));
    const mode = fs.statSync(path.join(uploadDir, key)).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it("gives every upload of the same bytes its own key", async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    const first = await storeAttachment(bytes);
    const second = await storeAttachment(bytes);
    expect(first).not.toBe(second);
    expect(fs.readdirSync(uploadDir).sort()).toEqual([first, second].sort());
  });

  it("removes a stored file, and removing it again is harmless", async () => {
    const key = await storeAttachment(new Uint8Array([1]));
    await removeAttachment(key);
    expect(fs.readdirSync(uploadDir)).toEqual([]);
    await expect(readAttachment(key)).rejects.toThrow();
    await expect(removeAttachment(key)).resolves.toBeUndefined();
  });

  it.each([
    "../etc/passwd",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd",
    "",
    "report.pdf",
    "3F2504E0-4F89-41D3-9A0C-0305E82C3301", // uppercase
    "3f2504e0-4f89-11d3-9a0c-0305e82c3301", // version 1, not 4
    "3f2504e0-4f89-41d3-9a0c-0305e82c3301/../x",
    "3f2504e0-4f89-41d3-9a0c-0305e82c3301\n",
  ])("refuses the key %j", async (key) => {
    await expect(readAttachment(key)).rejects.toThrow(/storage key/);
    await expect(removeAttachment(key)).rejects.toThrow(/storage key/);
  });

  it("leaves a file next to the folder alone when asked to remove it by a relative path", async () => {
    await storeAttachment(new Uint8Array([1]));
    const outside = path.join(path.dirname(uploadDir), "victim.txt");
    fs.writeFileSync(outside, "keep me");
    await expect(removeAttachment("../victim.txt")).rejects.toThrow();
    expect(fs.readFileSync(outside, "utf8")).toBe("keep me");
  });
});

describe("attachment store: an upload that fails half-way leaves nothing behind (issue 17)", () => {
  const twoMegabytes = () => new Uint8Array(2 * 1024 * 1024).fill(0x25);

  it("when the disk fills up half-way through the file", async () => {
    diskFull.afterBytes = 1024 * 1024;
    await expect(storeAttachment(twoMegabytes())).rejects.toMatchObject({ code: "ENOSPC" });
    expect(fs.readdirSync(uploadDir)).toEqual([]);
  });

  it("when the disk fills up half-way through a streamed File", async () => {
    diskFull.afterBytes = 1024 * 1024;
    await expect(storeAttachment(new Blob([twoMegabytes()]))).rejects.toMatchObject({ code: "ENOSPC" });
    expect(fs.readdirSync(uploadDir)).toEqual([]);
  });

  it("when the upload stream breaks off half-way", async () => {
    async function* brokenUpload() {
      yield new Uint8Array(64 * 1024).fill(1);
      throw new Error("connection reset by the client");
    }
    await expect(storeAttachment(brokenUpload())).rejects.toThrow("connection reset");
    expect(fs.readdirSync(uploadDir)).toEqual([]);
  });

  it("keeps the files stored before the failure, and stores again once there is room", async () => {
    const kept = await storeAttachment(new Uint8Array([1, 2, 3]));
    diskFull.afterBytes = 10;
    await expect(storeAttachment(twoMegabytes())).rejects.toMatchObject({ code: "ENOSPC" });
    diskFull.afterBytes = null;
    const next = await storeAttachment(new Blob([twoMegabytes()]));
    expect(fs.readdirSync(uploadDir).sort()).toEqual([kept, next].sort());
    expect((await readAttachment(next)).byteLength).toBe(2 * 1024 * 1024);
  });
});
