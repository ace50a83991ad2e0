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

/** The single most likely type of the content, or null when it is none of the allowed ones. */
export function detectFileType(bytes: Uint8Array): AttachmentType | null {
  return contentTypes(bytes)[0] ?? null;
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

export function checkUpload(fileName: string, bytes: Uint8Array): UploadCheck {
  const displayName = fileName.trim();
  if (!isSafeDisplayName(displayName)) return { ok: false, problem: "fileNameInvalid" };
  if (bytes.length === 0) return { ok: false, problem: "fileEmpty" };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, problem: "fileTooLarge" };
  const claimed = extensionType(displayName);
  if (claimed === null) return { ok: false, problem: "fileTypeNotAllowed" };
  // Membership rather than equality with detectFileType: an .xls with an embedded Word
  // document genuinely contains both streams and is still a valid .xls.
  if (!contentTypes(bytes).includes(claimed)) return { ok: false, problem: "fileTypeMismatch" };
  return { ok: true, type: claimed, displayName };
}

const MAX_NAME_LENGTH = 200;
// C0/C1 controls, plus bidi overrides that can make "exe.pdf" display as "fdp.exe".
const FORBIDDEN_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function isSafeDisplayName(name: string): boolean {
  if (name.length === 0 || [...name].length > MAX_NAME_LENGTH) return false;
  // Without separators a ".." segment can only be the whole name, which the leading-dot rule catches.
  if (name.includes("/") || name.includes("\\") || name.startsWith(".")) return false;
  return !FORBIDDEN_NAME_CHARS.test(name);
}

/** Every allowed type whose structure the content carries, most likely first. */
function contentTypes(bytes: Uint8Array): AttachmentType[] {
  if (startsWith(bytes, PDF_MAGIC)) return ["pdf"];
  if (startsWith(bytes, PNG_MAGIC)) return ["png"];
  if (startsWith(bytes, JPEG_MAGIC)) return ["jpg"];
  if (startsWith(bytes, OLE_MAGIC)) {
    return unique(OLE_STREAMS.filter(([, name]) => hasOleStream(bytes, name)).map(([type]) => type));
  }
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) {
    return OOXML_PARTS.filter(([, name]) => hasZipEntry(bytes, ascii(name))).map(([type]) => type);
  }
  return [];
}

// A compound-file directory entry is 128 bytes, always 128-aligned in the file: a UTF-16LE
// name with its terminator, the name's byte length at +64 and the object type at +66.
// Requiring that shape keeps a document's own UTF-16 text (say, the word "Book") from counting.
const OLE_ENTRY_SIZE = 128;
const OLE_STREAM_OBJECT = 2;

function hasOleStream(bytes: Uint8Array, name: string): boolean {
  const encoded = utf16le(`${name}\u0000`);
  for (const at of occurrences(bytes, encoded)) {
    if (at % OLE_ENTRY_SIZE !== 0 || at + 67 > bytes.length) continue;
    if (readUint16(bytes, at + 64) === encoded.length && bytes[at + 66] === OLE_STREAM_OBJECT) return true;
  }
  return false;
}

// Only a name that sits in a local or central header, with the matching length field,
// is an entry; the same text inside some entry's data is not.
function hasZipEntry(bytes: Uint8Array, name: Uint8Array): boolean {
  for (const at of occurrences(bytes, name)) {
    if (at >= 30 && matchesAt(bytes, at - 30, ZIP_LOCAL_HEADER) && readUint16(bytes, at - 4) === name.length) return true;
    if (at >= 46 && matchesAt(bytes, at - 46, ZIP_CENTRAL_HEADER) && readUint16(bytes, at - 18) === name.length) return true;
  }
  return false;
}

function* occurrences(haystack: Uint8Array, needle: Uint8Array): Generator<number> {
  const first = needle[0];
  if (first === undefined) return;
  const last = haystack.length - needle.length;
  for (let at = haystack.indexOf(first); at !== -1 && at <= last; at = haystack.indexOf(first, at + 1)) {
    if (matchesAt(haystack, at, needle)) yield at;
  }
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

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i * 2] = code & 0xff;
    out[i * 2 + 1] = code >> 8;
  }
  return out;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
