// Evidence attachments are judged by what their bytes are, not what their names claim:
// a renamed HTML page or executable must never be served back as a "PDF".

export const ATTACHMENT_TYPES = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "jpg", "png"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const MIME_TYPES: Record<AttachmentType, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  jpg: "image/jpeg",
  png: "image/png",
};

/**
 * Types a browser shows by itself, without a plug-in or any script of ours: these open in a
 * preview (inline); everything else is only ever downloaded.
 */
export const PREVIEWABLE_TYPES: readonly AttachmentType[] = ["pdf", "jpg", "png"];

export function isPreviewable(type: string): boolean {
  return (PREVIEWABLE_TYPES as readonly string[]).includes(type);
}

const PDF_MAGIC = ascii("%PDF-");
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_CENTRAL_HEADER = [0x50, 0x4b, 0x01, 0x02];

// Listed in precedence order: a Word file with an embedded Excel chart carries both streams,
// and its own stream should win when only one answer is wanted.
const OLE_STREAMS: ReadonlyArray<readonly [AttachmentType, string]> = [
  ["doc", "WordDocument"],
  ["ppt", "PowerPoint Document"],
  ["xls", "Workbook"],
  ["xls", "Book"], // Excel 5/95 workbooks
];

const OOXML_PARTS: ReadonlyArray<readonly [AttachmentType, string]> = [
  ["docx", "word/document.xml"],
  ["pptx", "ppt/presentation.xml"],
  ["xlsx", "xl/workbook.xml"],
];

/**
 * The content to judge: bytes in memory or an uploaded File/Blob. A Blob is read in small slices
 * (the magic number, the zip's central directory, the compound file's directory), never whole.
 */
export type UploadContent = Uint8Array | Blob;

/** The single most likely type of the content, or null when it is none of the allowed ones. */
export async function detectFileType(content: UploadContent): Promise<AttachmentType | null> {
  return (await contentTypes(reader(content)))[0] ?? null;
}

export function extensionType(fileName: string): AttachmentType | null {
  const dot = fileName.lastIndexOf(".");
  if (dot <= 0) return null;
  const extension = fileName.slice(dot + 1).toLowerCase();
  if (extension === "jpeg") return "jpg";
  return (ATTACHMENT_TYPES as readonly string[]).includes(extension) ? (extension as AttachmentType) : null;
}

export type UploadProblem = "fileEmpty" | "fileTooLarge" | "fileNameInvalid" | "fileTypeNotAllowed" | "fileTypeMismatch";

export type UploadCheck = { ok: true; type: AttachmentType; displayName: string } | { ok: false; problem: UploadProblem };

export async function checkUpload(fileName: string, content: UploadContent): Promise<UploadCheck> {
  const displayName = fileName.trim();
  if (!isSafeDisplayName(displayName)) return { ok: false, problem: "fileNameInvalid" };
  const size = sizeOf(content);
  if (size === 0) return { ok: false, problem: "fileEmpty" };
  if (size > MAX_ATTACHMENT_BYTES) return { ok: false, problem: "fileTooLarge" };
  const claimed = extensionType(displayName);
  if (claimed === null) return { ok: false, problem: "fileTypeNotAllowed" };
  // Membership rather than equality with detectFileType: an .xls with an embedded Word
  // document genuinely contains both streams and is still a valid .xls.
  if (!(await contentTypes(reader(content))).includes(claimed)) return { ok: false, problem: "fileTypeMismatch" };
  return { ok: true, type: claimed, displayName };
}

const MAX_NAME_LENGTH = 200;
// C0/C1 controls, plus bidi overrides that can make "exe.pdf" display as "fdp.exe".
const FORBIDDEN_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function isSafeDisplayName(name: string): boolean {
  if (name.length === 0 || [...name].length > MAX_NAME_LENGTH) return false;
  // Without separators a ".." segment can only be the whole name, which the leading-dot rule catches.
  if (name.includes("/") || name.includes("\\") || name.startsWith(".")) return false;
  return !FORBIDDEN_NAME_CHARS.test(name);
}

// ---- Bounded reading -------------------------------------------------------------------------
// The type check reads only what it needs, so a 20 MB file costs a few kilobytes of reading and
// no scan over its body: the first bytes; for a zip the end record and the central directory
// (which lists every entry's name); for a compound file the header, the sectors of its
// allocation table it needs and the directory chain. Each of those is capped.

/** A zip's end record sits in the last 22 bytes plus at most a 64 KB comment. */
const ZIP_TAIL_BYTES = 22 + 0xffff;
/** An Office file's central directory is a few kilobytes; a larger one is refused, not read. */
export const MAX_ZIP_DIRECTORY_BYTES = 1024 * 1024;
/** Directory sectors of a compound file followed at most (4 entries each at 512 bytes). */
const MAX_OLE_DIRECTORY_SECTORS = 256;
/** DIFAT sectors followed at most: enough for a compound file far above 20 MB. */
const MAX_OLE_DIFAT_SECTORS = 64;

interface Reader {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

function sizeOf(content: UploadContent): number {
  return content instanceof Uint8Array ? content.byteLength : content.size;
}

function reader(content: UploadContent): Reader {
  const size = sizeOf(content);
  return {
    size,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, size));
      const end = Math.max(start, Math.min(offset + length, size));
      if (content instanceof Uint8Array) return content.subarray(start, end);
      return new Uint8Array(await content.slice(start, end).arrayBuffer());
    },
  };
}

/** Every allowed type whose structure the content carries, most likely first. */
async function contentTypes(file: Reader): Promise<AttachmentType[]> {
  const head = await file.read(0, 8);
  if (startsWith(head, PDF_MAGIC)) return ["pdf"];
  if (startsWith(head, PNG_MAGIC)) return ["png"];
  if (startsWith(head, JPEG_MAGIC)) return ["jpg"];
  if (startsWith(head, OLE_MAGIC)) {
    const streams = await oleStreamNames(file);
    return unique(OLE_STREAMS.filter(([, name]) => streams.has(name)).map(([type]) => type));
  }
  if (startsWith(head, ZIP_LOCAL_HEADER)) {
    const entries = await zipEntryNames(file);
    return OOXML_PARTS.filter(([, name]) => entries.has(name)).map(([type]) => type);
  }
  return [];
}

const ZIP_END_RECORD = [0x50, 0x4b, 0x05, 0x06];

/**
 * The entry names of the zip's central directory (none when there is no readable one): only a
 * name recorded there, with its own length field, is an entry; the same text inside some
 * entry's data is not.
 */
async function zipEntryNames(file: Reader): Promise<Set<string>> {
  const names = new Set<string>();
  if (file.size < 22) return names;
  const tailStart = Math.max(0, file.size - ZIP_TAIL_BYTES);
  const tail = await file.read(tailStart, file.size - tailStart);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (matchesAt(tail, at, ZIP_END_RECORD)) {
      end = at;
      break;
    }
  }
  if (end < 0) return names;
  const count = readUint16(tail, end + 10);
  const directorySize = readUint32(tail, end + 12);
  const directoryOffset = readUint32(tail, end + 16);
  // 0xFFFF / 0xFFFFFFFF mean zip64, which no Office file under 20 MB needs.
  if (count === 0xffff || directorySize > MAX_ZIP_DIRECTORY_BYTES || directoryOffset + directorySize > file.size) return names;
  const directory = await file.read(directoryOffset, directorySize);
  const decoder = new TextDecoder();
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || !matchesAt(directory, at, ZIP_CENTRAL_HEADER)) break;
    const nameLength = readUint16(directory, at + 28);
    if (at + 46 + nameLength > directory.length) break;
    names.add(decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + readUint16(directory, at + 30) + readUint16(directory, at + 32);
  }
  return names;
}

// A compound-file directory entry is 128 bytes: a UTF-16LE name with its terminator, the name's
// byte length at +64 and the object type at +66. Only entries in the directory's own sector
// chain count, so a document's UTF-16 text (say, the word "Book") never does.
const OLE_ENTRY_SIZE = 128;
const OLE_STREAM_OBJECT = 2;
const OLE_HEADER_DIFAT_ENTRIES = 109;
const OLE_LAST_REGULAR_SECTOR = 0xfffffffa;

/** The names of the stream entries in a compound file's directory, read sector by sector. */
async function oleStreamNames(file: Reader): Promise<Set<string>> {
  const names = new Set<string>();
  const header = await file.read(0, 512);
  if (header.length < 512) return names;
  const sectorShift = readUint16(header, 30);
  if (sectorShift !== 9 && sectorShift !== 12) return names;
  const sectorSize = 1 << sectorShift;
  const entriesPerFatSector = sectorSize / 4;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const isSector = (sector: number) => sector <= OLE_LAST_REGULAR_SECTOR && sectorOffset(sector) + sectorSize <= file.size;
  const fatSectors = new Map<number, Uint8Array>();
  const difatSectors: number[] = [];
  let difatNext = readUint32(header, 68);

  /** Which sector holds FAT sector number `fatIndex`: the header's 109 DIFAT entries, then its chain. */
  async function fatSectorNumber(fatIndex: number): Promise<number | null> {
    if (fatIndex < OLE_HEADER_DIFAT_ENTRIES) return readUint32(header, 76 + fatIndex * 4);
    const perDifat = entriesPerFatSector - 1;
    const which = Math.floor((fatIndex - OLE_HEADER_DIFAT_ENTRIES) / perDifat);
    while (difatSectors.length <= which) {
      if (!isSector(difatNext) || difatSectors.length >= MAX_OLE_DIFAT_SECTORS) return null;
      difatSectors.push(difatNext);
      const sector = await file.read(sectorOffset(difatNext), sectorSize);
      difatNext = readUint32(sector, sectorSize - 4);
    }
    const sector = await file.read(sectorOffset(difatSectors[which]!), sectorSize);
    return readUint32(sector, ((fatIndex - OLE_HEADER_DIFAT_ENTRIES) % perDifat) * 4);
  }

  async function nextSector(sector: number): Promise<number | null> {
    const fatSector = await fatSectorNumber(Math.floor(sector / entriesPerFatSector));
    if (fatSector === null || !isSector(fatSector)) return null;
    let fat = fatSectors.get(fatSector);
    if (!fat) {
      fat = await file.read(sectorOffset(fatSector), sectorSize);
      fatSectors.set(fatSector, fat);
    }
    return readUint32(fat, (sector % entriesPerFatSector) * 4);
  }

  const visited = new Set<number>();
  let sector: number | null = readUint32(header, 48);
  while (sector !== null && isSector(sector) && !visited.has(sector) && visited.size < MAX_OLE_DIRECTORY_SECTORS) {
    visited.add(sector);
    const directory = await file.read(sectorOffset(sector), sectorSize);
    for (let at = 0; at + OLE_ENTRY_SIZE <= directory.length; at += OLE_ENTRY_SIZE) {
      const nameBytes = readUint16(directory, at + 64);
      if (directory[at + 66] !== OLE_STREAM_OBJECT || nameBytes < 2 || nameBytes > 64 || nameBytes % 2 !== 0) continue;
      if (readUint16(directory, at + nameBytes - 2) !== 0) continue;
      let name = "";
      for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(readUint16(directory, at + i));
      names.add(name);
    }
    sector = await nextSector(sector);
  }
  return names;
}

function matchesAt(bytes: Uint8Array, offset: number, expected: ArrayLike<number>): boolean {
  if (offset + expected.length > bytes.length) return false;
  for (let i = 0; i < expected.length; i++) {
    if (bytes[offset + i] !== expected[i]) return false;
  }
  return true;
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  return matchesAt(bytes, 0, prefix);
}

function readUint16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (readUint16(bytes, offset) + readUint16(bytes, offset + 2) * 0x10000) >>> 0;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
