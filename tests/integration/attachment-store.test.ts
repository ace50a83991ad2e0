import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { readAttachment, removeAttachment, storeAttachment } from "@/lib/reporting/server/attachment-store";
import { TEST_TMP_DIR } from "@/tests/support/paths";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const originalUploadDir = process.env.UPLOAD_DIR;
let uploadDir: string;

beforeEach(() => {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  // A folder that does not exist yet, so the store has to create it.
  uploadDir = path.join(fs.mkdtempSync(path.join(TEST_TMP_DIR, "uploads-")), "nested", "uploads");
  process.env.UPLOAD_DIR = uploadDir;
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
