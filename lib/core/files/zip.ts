import { inflateRawSync } from "node:zlib";

// Just enough of a zip reader to judge an uploaded workbook before a spreadsheet library opens
// it: the entry names of the central directory and, on request, one small entry's text.

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The most text one small entry ([Content_Types].xml is a few kilobytes) may inflate to. */
export const MAX_ENTRY_TEXT_BYTES = 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
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
      if (!entry || entry.localOffset + 30 > zip.length || zip.readUInt32LE(entry.localOffset) !== LOCAL_FILE_HEADER) return null;
      const start = entry.localOffset + 30 + zip.readUInt16LE(entry.localOffset + 26) + zip.readUInt16LE(entry.localOffset + 28);
      const data = zip.subarray(start, start + entry.compressedSize);
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
  };
}
