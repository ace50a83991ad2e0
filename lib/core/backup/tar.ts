/**
 * A minimal POSIX ustar writer and reader for backup archives: regular files only, written and
 * read through file handles in 1 MB slices (never a whole file in memory), each file hashed with
 * SHA-256 on the way. Any `tar` reads the archives (`tar -tvf kepu-backup-….tar`). Sizes past
 * ustar's 8 GiB octal field use GNU tar's base-256 form, which GNU tar and bsdtar also read.
 * Written here rather than taken from npm: about a hundred lines, no dependency to keep current.
 */
import { createHash } from "node:crypto";
import type { FileHandle } from "node:fs/promises";

const BLOCK = 512;
const SLICE = 1024 * 1024;

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TarFormatError";
  }
}

function writeString(header: Buffer, value: string, offset: number, length: number) {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > length) throw new TarFormatError(`tar field too long: ${value}`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, value: number, offset: number, length: number) {
  writeString(header, `${value.toString(8).padStart(length - 1, "0")}\0`, offset, length);
}

function writeSize(header: Buffer, size: number) {
  if (size < 8 ** 11) return writeOctal(header, size, 124, 12);
  // GNU base-256: the high bit of the first byte set, the number big-endian in the rest.
  header[124] = 0x80;
  let rest = BigInt(size);
  for (let i = 135; i > 124; i--) {
    header[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

/** Splits a path into ustar's name (100 bytes) and prefix (155 bytes) fields. */
function splitName(name: string): { name: string; prefix: string } {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: "" };
  for (let cut = name.indexOf("/"); cut !== -1; cut = name.indexOf("/", cut + 1)) {
    const prefix = name.slice(0, cut);
    const rest = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { name: rest, prefix };
  }
  throw new TarFormatError(`path too long for a tar archive: ${name}`);
}

export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const header = Buffer.alloc(BLOCK);
  const parts = splitName(name);
  writeString(header, parts.name, 0, 100);
  writeOctal(header, 0o600, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeSize(header, size);
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12);
  header.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  header[156] = 0x30; // "0": a regular file
  writeString(header, "ustar\0", 257, 6);
  writeString(header, "00", 263, 2);
  writeString(header, parts.prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  writeString(header, `${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return header;
}

/** Appends entries to an archive opened for writing; `finish` writes the end-of-archive blocks. */
export class TarWriter {
  private position = 0;
  constructor(private readonly out: FileHandle) {}

  private async write(bytes: Uint8Array) {
    let written = 0;
    while (written < bytes.byteLength) {
      const { bytesWritten } = await this.out.write(bytes, written, bytes.byteLength - written, this.position + written);
      written += bytesWritten;
    }
    this.position += bytes.byteLength;
  }

  private async pad(size: number) {
    const rest = size % BLOCK;
    if (rest !== 0) await this.write(Buffer.alloc(BLOCK - rest));
  }

  /** Adds bytes held in memory (the manifest). */
  async addBuffer(name: string, content: Buffer, mtime = new Date()): Promise<void> {
    await this.write(tarHeader(name, content.length, mtime));
    await this.write(content);
    await this.pad(content.length);
  }

  /**
   * Copies a file of the given size into the archive and returns its SHA-256. A file that turns
   * out shorter or longer than announced fails the backup (files are never changed in place).
   */
  async addFile(name: string, source: FileHandle, size: number, mtime: Date): Promise<string> {
    await this.write(tarHeader(name, size, mtime));
    const hash = createHash("sha256");
    const buffer = Buffer.alloc(Math.min(SLICE, Math.max(size, 1)));
    let copied = 0;
    while (copied < size) {
      const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, size - copied), copied);
      if (bytesRead === 0) throw new TarFormatError(`${name} became shorter while it was copied`);
      const slice = buffer.subarray(0, bytesRead);
      hash.update(slice);
      await this.write(slice);
      copied += bytesRead;
    }
    const extra = await source.read(Buffer.alloc(1), 0, 1, size);
    if (extra.bytesRead !== 0) throw new TarFormatError(`${name} grew while it was copied`);
    await this.pad(size);
    return hash.digest("hex");
  }

  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Where the entry's bytes start in the archive. */
  offset: number;
}

function readString(header: Buffer, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString("utf8");
}

function readNumber(header: Buffer, offset: number, length: number): number {
  if (header[offset]! & 0x80) {
    let value = 0n;
    for (let i = offset + 1; i < offset + length; i++) value = (value << 8n) | BigInt(header[i]!);
    return Number(value);
  }
  const text = readString(header, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError("not a tar archive (bad number field)");
  return text === "" ? 0 : parseInt(text, 8);
}

/** Lists the regular files of an archive (their names and where their bytes are), checking each header. */
export async function listTar(archive: FileHandle): Promise<TarEntry[]> {
  const { size: total } = await archive.stat();
  const entries: TarEntry[] = [];
  const header = Buffer.alloc(BLOCK);
  let position = 0;
  while (position + BLOCK <= total) {
    const { bytesRead } = await archive.read(header, 0, BLOCK, position);
    if (bytesRead < BLOCK) break;
    if (header.every((byte) => byte === 0)) return entries;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
    if (readNumber(header, 148, 8) !== sum) throw new TarFormatError(`damaged tar header at byte ${position}`);
    const size = readNumber(header, 124, 12);
    const prefix = readString(header, 345, 155);
    const name = prefix ? `${prefix}/${readString(header, 0, 100)}` : readString(header, 0, 100);
    const type = String.fromCharCode(header[156]!);
    const offset = position + BLOCK;
    if (offset + size > total) throw new TarFormatError(`the archive ends inside ${name}`);
    if (type === "0" || type === "\0") entries.push({ name, size, offset });
    position = offset + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new TarFormatError("the archive is truncated (no end-of-archive marker)");
}

/**
 * Streams one entry's bytes to `sink` (when given) in slices and returns their SHA-256.
 */
export async function readTarEntry(archive: FileHandle, entry: TarEntry, sink?: (slice: Buffer) => Promise<void>): Promise<string> {
  const hash = createHash("sha256");
  const buffer = Buffer.alloc(Math.min(SLICE, Math.max(entry.size, 1)));
  let done = 0;
  while (done < entry.size) {
    const { bytesRead } = await archive.read(buffer, 0, Math.min(buffer.length, entry.size - done), entry.offset + done);
    if (bytesRead === 0) throw new TarFormatError(`the archive ends inside ${entry.name}`);
    const slice = buffer.subarray(0, bytesRead);
    hash.update(slice);
    if (sink) await sink(slice);
    done += bytesRead;
  }
  return hash.digest("hex");
}
