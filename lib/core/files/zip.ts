import { createInflateRaw, inflateRawSync } from "node:zlib";

// Just enough of a zip reader to judge an uploaded workbook before a spreadsheet library opens
// it: the entry names of the central directory and, on request, one small entry's text; and the
// bounds that keep a zip bomb from reaching the spreadsheet library, which inflates every entry
// whole in memory.

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The most text one small entry ([Content_Types].xml is a few kilobytes) may inflate to. */
export const MAX_ENTRY_TEXT_BYTES = 1024 * 1024;
/** The most a whole upload may inflate to (a 10 MB workbook of text is a few tens of megabytes unpacked). */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
/**
 * The highest compression ratio an entry of more than a megabyte may declare: spreadsheet XML packs
 * 5 to 30 times, deflate's ceiling (runs of one byte) is about 1,000.
 */
export const MAX_COMPRESSION_RATIO = 200;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the central directory declares it: a bomb may lie, see `inflatesWithinBounds`. */
  size: number;
  localOffset: number;
}

function readEntries(zip: Buffer): Entry[] | null {
  if (zip.length < 22) return null;
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let index = 0; index < count; index++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString("utf8", at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

export interface ZipListing {
  names: string[];
  /** An entry's content as UTF-8 text, or null when it is missing or unreadable. */
  text(name: string): string | null;
  /** Whether the sizes the central directory declares stay within MAX_UNZIPPED_BYTES and MAX_COMPRESSION_RATIO. */
  declaredWithinBounds(): boolean;
  /**
   * Inflates every entry without keeping its output, counting: "tooLarge" as soon as an entry
   * inflates past its declared size (a lie) or the whole past MAX_UNZIPPED_BYTES, "unreadable" for
   * an entry that is corrupt or compressed some other way.
   */
  inflatesWithinBounds(): Promise<"ok" | "tooLarge" | "unreadable">;
}

function entryData(zip: Buffer, entry: Entry): Buffer | null {
  if (entry.localOffset + 30 > zip.length || zip.readUInt32LE(entry.localOffset) !== LOCAL_FILE_HEADER) return null;
  const start = entry.localOffset + 30 + zip.readUInt16LE(entry.localOffset + 26) + zip.readUInt16LE(entry.localOffset + 28);
  return zip.subarray(start, start + entry.compressedSize);
}

/** How many bytes the deflated data inflates to; "over" once past `limit` (inflation stops there), "corrupt" when unreadable. */
function inflatedSize(data: Buffer, limit: number): Promise<number | "over" | "corrupt"> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let total = 0;
    let settled = false;
    const settle = (result: number | "over" | "corrupt") => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        settle("over");
        inflate.destroy();
      }
    });
    inflate.on("end", () => settle(total));
    inflate.on("error", () => settle("corrupt"));
    inflate.on("close", () => settle("corrupt"));
    inflate.end(data);
  });
}

/** The zip's entries, or null when the bytes are not a readable zip. */
export function listZip(bytes: Uint8Array): ZipListing | null {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readEntries(zip);
  if (!entries) return null;
  return {
    names: entries.map((entry) => entry.name),
    text(name) {
      const entry = entries.find((candidate) => candidate.name === name);
      const data = entry && entryData(zip, entry);
      if (!entry || !data) return null;
      try {
        if (entry.method === 0) return data.byteLength > MAX_ENTRY_TEXT_BYTES ? null : data.toString("utf8");
        // Bounded: a few kilobytes of deflated data can claim gigabytes (a zip bomb); past the
        // bound the entry is unreadable rather than inflated whole on the request's thread.
        if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_ENTRY_TEXT_BYTES }).toString("utf8");
      } catch {
        return null;
      }
      return null;
    },
    declaredWithinBounds() {
      let total = 0;
      for (const entry of entries) {
        total += entry.size;
        if (total > MAX_UNZIPPED_BYTES) return false;
        if (entry.size > MAX_ENTRY_TEXT_BYTES && entry.size > MAX_COMPRESSION_RATIO * Math.max(1, entry.compressedSize)) return false;
      }
      return true;
    },
    async inflatesWithinBounds() {
      let total = 0;
      for (const entry of entries) {
        const data = entryData(zip, entry);
        if (!data || (entry.method !== 0 && entry.method !== 8)) return "unreadable";
        // A stored entry is its own size; a deflated one may inflate to no more than it declared.
        const size = entry.method === 0 ? data.byteLength : await inflatedSize(data, Math.min(entry.size, MAX_UNZIPPED_BYTES - total));
        if (size === "corrupt") return "unreadable";
        if (size === "over") return "tooLarge";
        total += size;
        if (total > MAX_UNZIPPED_BYTES) return "tooLarge";
      }
      return "ok";
    },
  };
}
