import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_UPLOAD_DIR } from "@/lib/core/env";

// Attachments live outside `public/` under names the server picks, so nothing a user types
// ever reaches a file path and nothing is reachable without going through an access check.

const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Read on every call rather than at import, so the folder follows the environment it runs in.
function uploadDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.UPLOAD_DIR?.trim() || DEFAULT_UPLOAD_DIR);
}

function pathFor(storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) throw new Error("Invalid attachment storage key");
  return path.join(uploadDir(), storageKey);
}

/** Saves the bytes under a fresh random name and returns that name as the storage key. */
export async function storeAttachment(bytes: Uint8Array): Promise<string> {
  const dir = uploadDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const storageKey = randomUUID();
  // "wx" refuses to overwrite, so even a UUID collision could never clobber another upload.
  await writeFile(path.join(dir, storageKey), bytes, { mode: 0o600, flag: "wx" });
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
