import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rename, stat, statfs, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { DEFAULT_UPLOAD_DIR, uploadMinFreeBytes } from "@/lib/core/env";

/** The evidence folder (UPLOAD_DIR), read on every call so it follows the environment it runs in. */
export function uploadDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.UPLOAD_DIR?.trim() || DEFAULT_UPLOAD_DIR);
}

export interface EvidenceStorageStatus {
  /** A file could be created, written, synced and removed in the folder just now. */
  writable: boolean;
  /** Space left for evidence, in whole MB (null when the folder cannot be examined). */
  freeMegabytes: number | null;
  /** The floor below which the health check fails (UPLOAD_MIN_FREE_MB). */
  minFreeMegabytes: number;
  ok: boolean;
}

const MB = 1024 * 1024;

/**
 * Whether uploads would succeed now: the folder takes a real write (root ignores permission
 * bits, so asking `access` would say yes on a read-only mount's sibling), and enough space is
 * left. Counts only, never the path: the health endpoint is unauthenticated.
 */
export async function evidenceStorageStatus(): Promise<EvidenceStorageStatus> {
  const dir = uploadDir();
  const minFree = uploadMinFreeBytes();
  let writable = false;
  let free: number | null = null;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const probe = path.join(dir, `.health-${randomUUID()}.tmp`);
    const handle = await open(probe, "wx", 0o600);
    try {
      await handle.writeFile("ok");
      await handle.sync();
    } finally {
      await handle.close();
      await unlink(probe).catch(() => {});
    }
    writable = true;
  } catch {
    writable = false;
  }
  try {
    const stats = await statfs(dir);
    free = Number(stats.bavail) * Number(stats.bsize);
  } catch {
    free = null;
  }
  return {
    writable,
    freeMegabytes: free === null ? null : Math.floor(free / MB),
    minFreeMegabytes: Math.round(minFree / MB),
    ok: writable && free !== null && free >= minFree,
  };
}

/** What can be stored: bytes in memory, an uploaded File/Blob (streamed), or any chunk stream. */
export type StoredContent = Uint8Array | Blob | AsyncIterable<Uint8Array>;

/**
 * Where evidence files live, behind one small interface so that every server instance reaches the
 * same files the same way. Keys are random UUIDs the store picks (nothing a user types reaches a
 * path). The default (`evidenceStorage()`) is the folder UPLOAD_DIR, which may be a mount shared by
 * several instances (NFS, CephFS…): a file appears under its key only once it is complete, so an
 * instance never serves a half-written upload another instance is still writing.
 */
export interface EvidenceStorage {
  /** Stores the content under a fresh key and returns the key; all or nothing. */
  put(content: StoredContent): Promise<string>;
  /** The whole file (throws when there is none). */
  get(key: string): Promise<Buffer>;
  /** The file as a stream, for large files (errors on the stream when there is none). */
  stream(key: string): Readable;
  /** The file's size, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Every stored key (complete files only), sorted. */
  list(): Promise<string[]>;
  /** Removes the file; removing a missing one is harmless. */
  remove(key: string): Promise<void>;
}

/** A storage key: a lowercase version-4 UUID, and nothing else (no path can be smuggled in). */
export const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function chunksOf(content: StoredContent): AsyncIterable<Uint8Array> {
  if (content instanceof Uint8Array) {
    return (async function* () {
      yield content;
    })();
  }
  if (content instanceof Blob) return content.stream() as unknown as AsyncIterable<Uint8Array>;
  return content;
}

/** Makes a rename itself durable: the directory entry is on disk once this returns. */
async function syncDirectory(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Evidence in a folder (`dir`, or a function giving it, read on every call). Writes are atomic: the
 * bytes go to a hidden temporary name in the same folder (`.<key>.part`), are synced, and only then
 * renamed to the key — a rename within one folder is atomic on local disks and on NFS — so another
 * instance looking at the folder sees either no file or the whole file. Any failure on the way (a
 * full disk, a broken upload stream, a folder gone read-only) removes the temporary file.
 */
export function directoryStorage(dir: string | (() => string)): EvidenceStorage {
  const folder = typeof dir === "function" ? dir : () => dir;
  const pathFor = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error("Invalid attachment storage key");
    return path.join(folder(), key);
  };
  return {
    async put(content) {
      const target = folder();
      await mkdir(target, { recursive: true, mode: 0o700 });
      const key = randomUUID();
      const temporary = path.join(target, `.${key}.part`);
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
        await rename(temporary, path.join(target, key));
      } catch (error) {
        if (!closed) await handle.close().catch(() => {});
        await unlink(temporary).catch(() => {});
        throw error;
      }
      await syncDirectory(target).catch(() => {});
      return key;
    },
    async get(key) {
      return readFile(pathFor(key));
    },
    stream(key) {
      return createReadStream(pathFor(key));
    },
    async stat(key) {
      try {
        const info = await stat(pathFor(key));
        return info.isFile() ? { size: info.size } : null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async list() {
      try {
        // Temporary `.…part` files and health probes start with a dot and never match a key.
        return (await readdir(folder())).filter((name) => STORAGE_KEY.test(name)).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
    },
    async remove(key) {
      try {
        await unlink(pathFor(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    },
  };
}

const defaultStorage = directoryStorage(uploadDir);

/** The evidence store the app uses: the folder UPLOAD_DIR (read on every call). */
export function evidenceStorage(): EvidenceStorage {
  return defaultStorage;
}
