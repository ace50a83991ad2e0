import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { uploadDir } from "@/lib/core/files/storage";

// Attachments live outside `public/` under names the server picks, so nothing a user types
// ever reaches a file path and nothing is reachable without going through an access check.

const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function pathFor(storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error("Invalid attachment storage key");
  return path.join(uploadDir(), storageKey);
}

/** What can be stored: bytes in memory, an uploaded File/Blob (streamed), or any chunk stream. */
export type AttachmentContent = Uint8Array | Blob | AsyncIterable<Uint8Array>;

function chunksOf(content: AttachmentContent): AsyncIterable<Uint8Array> {
  if (content instanceof Uint8Array) {
    return (async function* () {
      yield content;
    })();
  }
  if (content instanceof Blob) return content.stream() as unknown as AsyncIterable<Uint8Array>;
  return content;
}

/** Makes the rename itself durable: the directory entry is on disk once this returns. */
async function syncDirectory(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Saves the content under a fresh random name and returns that name as the storage key.
 *
 * All or nothing: the bytes go to a temporary name in the same folder, are synced to disk, and
 * only then renamed to the key (a rename within one folder is atomic). Any failure on the way —
 * a full disk, a broken upload stream, a folder gone read-only — removes the temporary file, so
 * a half-written file never sits under a key and never lingers beside the evidence.
 */
export async function storeAttachment(content: AttachmentContent): Promise<string> {
  const dir = uploadDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const storageKey = randomUUID();
  const temporary = path.join(dir, `.${storageKey}.part`);
  // "wx" refuses to overwrite, so even a UUID collision could never clobber another upload.
  const handle = await open(temporary, "wx", 0o600);
  let closed = false;
  try {
    for await (const chunk of chunksOf(content)) {
      let written = 0;
      while (written < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, written, chunk.byteLength - written);
        written += bytesWritten;
      }
    }
    await handle.sync();
    await handle.close();
    closed = true;
    await rename(temporary, path.join(dir, storageKey));
  } catch (error) {
    if (!closed) await handle.close().catch(() => {});
    await unlink(temporary).catch(() => {});
    throw error;
  }
  await syncDirectory(dir).catch(() => {});
  return storageKey;
}

export async function readAttachment(storageKey: string): Promise<Buffer> {
  return readFile(pathFor(storageKey));
}

/** Idempotent, so cleanup after a failed transaction can run without checking first. */
export async function removeAttachment(storageKey: string): Promise<void> {
  try {
    await unlink(pathFor(storageKey));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
