import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MIME_TYPES,
  checkUpload,
  detectFileType,
  extensionType,
  type AttachmentType,
} from "@/lib/core/files/detect-type";
import { buildStoredZip } from "@/tests/support/zip";

const encoder = new TextEncoder();

function bytesOf(...parts: Array<string | number[] | Uint8Array>): Uint8Array {
  const chunks = parts.map((part) =>
    typeof part === "string" ? encoder.encode(part) : part instanceof Uint8Array ? part : Uint8Array.from(part),
  );
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const PDF = bytesOf("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const JPEG = bytesOf([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const HTML = bytesOf("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
const EXE = bytesOf("MZ", new Uint8Array(58), [0x80, 0, 0, 0], "This program cannot be run in DOS mode.");

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const DOCX = buildStoredZip([
  { name: "[Content_Types].xml", data: CONTENT_TYPES },
  { name: "word/document.xml", data: "<w:document><w:body><w:p><w:r><w:t>工作进展</w:t></w:r></w:p></w:body></w:document>" },
]);
const PPTX = buildStoredZip([
  { name: "[Content_Types].xml", data: CONTENT_TYPES },
  { name: "ppt/presentation.xml", data: "<p:presentation/>" },
]);
let XLSX: Uint8Array;

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("进度").addRow(["事项", "完成率"]);
  XLSX = new Uint8Array(await workbook.xlsx.writeBuffer());
});

/** A compound file: the 512-byte header, then one directory sector holding the root and the named streams. */
function ole(...streams: string[]): Uint8Array {
  const entries = ["Root Entry", ...streams];
  const file = new Uint8Array(512 + Math.ceil(entries.length / 4) * 512);
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const view = new DataView(file.buffer);
  view.setUint16(24, 0x3e, true); // minor version
  view.setUint16(26, 3, true); // major version 3: 512-byte sectors
  view.setUint16(28, 0xfffe, true); // little-endian
  view.setUint16(30, 9, true); // sector shift
  view.setUint32(48, 0, true); // first directory sector
  entries.forEach((name, index) => {
    const at = 512 + index * 128;
    for (let i = 0; i < name.length; i++) view.setUint16(at + i * 2, name.charCodeAt(i), true);
    view.setUint16(at + 64, (name.length + 1) * 2, true);
    file[at + 66] = index === 0 ? 5 : 2; // root storage, then streams
  });
  return file;
}

const DOC = ole("WordDocument", "1Table", "\u0005SummaryInformation");
const XLS = ole("Workbook", "\u0005SummaryInformation");
const XLS_95 = ole("Book");
const PPT = ole("PowerPoint Document", "Current User");

describe("detectFileType", () => {
  it.each<[string, () => Uint8Array, AttachmentType]>([
    ["pdf", () => PDF, "pdf"],
    ["png", () => PNG, "png"],
    ["jpeg", () => JPEG, "jpg"],
    ["doc", () => DOC, "doc"],
    ["xls", () => XLS, "xls"],
    ["Excel 95 xls", () => XLS_95, "xls"],
    ["ppt", () => PPT, "ppt"],
    ["docx", () => DOCX, "docx"],
    ["xlsx (written by exceljs)", () => XLSX, "xlsx"],
    ["pptx", () => PPTX, "pptx"],
  ])("recognises %s content", async (_label, sample, expected) => {
    expect(await detectFileType(sample())).toBe(expected);
  });

  it.each<[string, Uint8Array]>([
    ["plain text", bytesOf("第三季度工作总结：已完成。")],
    ["an HTML page", HTML],
    ["a Windows executable", EXE],
    ["an empty file", new Uint8Array(0)],
    ["a zip that is not an Office document", buildStoredZip([{ name: "readme.txt", data: "hello" }])],
    ["a zip that only mentions an Office part in its data", buildStoredZip([{ name: "notes.txt", data: "word/document.xml" }])],
    ["a compound file without a document stream", ole("\u0005SummaryInformation")],
    ["a truncated magic number", bytesOf([0x89, 0x50, 0x4e, 0x47])],
  ])("rejects %s", async (_label, sample) => {
    expect(await detectFileType(sample)).toBeNull();
  });

  it("does not take UTF-16 text inside a compound file for a stream name", async () => {
    // e.g. an Outlook .msg whose body mentions a workbook is still not a spreadsheet
    const text = (value: string) => Uint8Array.from([...value].flatMap((char) => [char.charCodeAt(0), 0]));
    const withText = bytesOf(ole("__substg1.0_1000001F"), text("Workbook\u0000"), new Uint8Array(100), text("Book\u0000"));
    expect(await detectFileType(withText)).toBeNull();
  });
});

describe("extensionType", () => {
  it.each<[string, AttachmentType | null]>([
    ["report.pdf", "pdf"],
    ["REPORT.PDF", "pdf"],
    ["photo.jpeg", "jpg"],
    ["photo.JPG", "jpg"],
    ["scan.png", "png"],
    ["总结.doc", "doc"],
    ["总结.Docx", "docx"],
    ["表.xls", "xls"],
    ["表.xlsx", "xlsx"],
    ["汇报.ppt", "ppt"],
    ["汇报.pptx", "pptx"],
    ["archive.tar.gz", null],
    ["page.html", null],
    ["setup.exe", null],
    ["report.pdf.exe", null],
    ["README", null],
    ["trailing.", null],
  ])("%s → %s", async (name, expected) => {
    expect(extensionType(name)).toBe(expected);
  });
});

describe("MIME_TYPES", () => {
  it("gives each allowed type its registered media type", async () => {
    expect(Object.keys(MIME_TYPES).sort()).toEqual([...ATTACHMENT_TYPES].sort());
    expect(MIME_TYPES).toMatchObject({
      pdf: "application/pdf",
      jpg: "image/jpeg",
      png: "image/png",
      doc: "application/msword",
      xls: "application/vnd.ms-excel",
      ppt: "application/vnd.ms-powerpoint",
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    });
  });
});

describe("checkUpload", () => {
  it.each<[string, () => Uint8Array, AttachmentType]>([
    ["第三季度工作总结.docx", () => DOCX, "docx"],
    ["进度台账.xlsx", () => XLSX, "xlsx"],
    ["汇报材料.pptx", () => PPTX, "pptx"],
    ["旧版总结.doc", () => DOC, "doc"],
    ["旧版台账.xls", () => XLS, "xls"],
    ["旧版汇报.ppt", () => PPT, "ppt"],
    ["批复文件.pdf", () => PDF, "pdf"],
    ["现场照片.jpeg", () => JPEG, "jpg"],
    ["截图.PNG", () => PNG, "png"],
  ])("accepts %s and keeps the name as given", async (name, sample, type) => {
    expect(await checkUpload(name, sample())).toEqual({ ok: true, type, displayName: name });
  });

  it("trims surrounding whitespace, including full-width spaces, from the display name", async () => {
    expect(await checkUpload("  第三季度工作总结.docx\u3000", DOCX)).toEqual({
      ok: true,
      type: "docx",
      displayName: "第三季度工作总结.docx",
    });
  });

  it("accepts a legacy file that embeds another Office document, under its own extension only", async () => {
    const xlsWithWordObject = ole("Workbook", "WordDocument");
    expect(await checkUpload("台账.xls", xlsWithWordObject)).toMatchObject({ ok: true, type: "xls" });
    expect(await checkUpload("台账.ppt", xlsWithWordObject)).toEqual({ ok: false, problem: "fileTypeMismatch" });
  });

  it.each<[string, string]>([
    ["path traversal", "../../etc/passwd.pdf"],
    ["a Windows path", "..\\evil.docx"],
    ["a folder", "a/b.pdf"],
    ["an absolute path", "/tmp/report.pdf"],
    ["a hidden file", ".report.pdf"],
    ["a parent segment", ".."],
    ["blank", "   "],
    ["empty", ""],
    ["a NUL byte", "report\u0000.pdf"],
    ["a newline", "report\n.pdf"],
    ["a right-to-left override", "report\u202Efdp.exe.pdf"],
    ["a name over 200 characters", `${"总".repeat(197)}.pdf`],
  ])("rejects a name with %s", async (_label, name) => {
    expect(await checkUpload(name, PDF)).toEqual({ ok: false, problem: "fileNameInvalid" });
  });

  it("allows a name of exactly 200 characters", async () => {
    expect(await checkUpload(`${"总".repeat(196)}.pdf`, PDF)).toMatchObject({ ok: true });
  });

  it("checks the name before anything else", async () => {
    expect(await checkUpload("../x.pdf", new Uint8Array(0))).toEqual({ ok: false, problem: "fileNameInvalid" });
  });

  it("rejects an empty file", async () => {
    expect(await checkUpload("report.pdf", new Uint8Array(0))).toEqual({ ok: false, problem: "fileEmpty" });
  });

  it("rejects a file one byte over 20 MB and accepts one at exactly 20 MB", async () => {
    const tooLarge = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    tooLarge.set(PDF);
    expect(await checkUpload("report.pdf", tooLarge)).toEqual({ ok: false, problem: "fileTooLarge" });
    expect(await checkUpload("report.pdf", tooLarge.subarray(0, MAX_ATTACHMENT_BYTES))).toMatchObject({ ok: true, type: "pdf" });
  });

  it.each<[string, Uint8Array]>([
    ["page.html", HTML],
    ["setup.exe", EXE],
    ["archive.zip", buildStoredZip([{ name: "a.txt", data: "a" }])],
    ["notes", PDF],
  ])("rejects %s as a type that is not allowed", async (name, bytes) => {
    expect(await checkUpload(name, bytes)).toEqual({ ok: false, problem: "fileTypeNotAllowed" });
  });

  it.each<[string, string, () => Uint8Array]>([
    ["PNG bytes named as a PDF", "报告.pdf", () => PNG],
    ["an HTML page named as a PDF", "x.pdf", () => HTML],
    ["an executable named as a Word file", "通知.docx", () => EXE],
    ["an xlsx named as a docx", "总结.docx", () => XLSX],
    ["a docx named as a legacy doc", "总结.doc", () => DOCX],
    ["a ppt named as an xls", "台账.xls", () => PPT],
    ["a JPEG named as a PNG", "照片.png", () => JPEG],
    ["plain text named as a spreadsheet", "台账.xlsx", () => bytesOf("事项,完成率\n")],
  ])("rejects %s", async (_label, name, sample) => {
    expect(await checkUpload(name, sample())).toEqual({ ok: false, problem: "fileTypeMismatch" });
  });
});

/** A Blob that counts the bytes read through slices and refuses to be read whole. */
class CountingBlob extends Blob {
  bytesRead = 0;
  override slice(start?: number, end?: number, contentType?: string): Blob {
    const from = start ?? 0;
    const to = Math.min(end ?? this.size, this.size);
    this.bytesRead += Math.max(0, to - from);
    return new Blob([super.slice(from, to, contentType)]);
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    throw new Error("read whole");
  }
  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    throw new Error("read whole");
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    throw new Error("read whole");
  }
  override text(): Promise<string> {
    throw new Error("read whole");
  }
}

/** 20 MB that looks like a zip: local-header signatures and Office part names all the way through. */
function archiveShaped(fill: "names" | "letter"): Uint8Array {
  const bytes = new Uint8Array(MAX_ATTACHMENT_BYTES);
  if (fill === "letter")
    bytes.fill(0x77); // "w", the first letter of word/document.xml, everywhere
  else {
    const unit = encoder.encode("PK\u0003\u0004word/document.xml");
    for (let at = 0; at + unit.length <= bytes.length; at += unit.length) bytes.set(unit, at);
  }
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  return bytes;
}

describe("the type check reads only what it needs (issue 17: a 20 MB archive-shaped file)", () => {
  const BOUND = 66 * 1024 + 512; // the zip end record's window, plus the first bytes

  it.each<["names" | "letter"]>([["names"], ["letter"]])(
    "refuses a 20 MB zip-shaped file (%s) after reading at most 67 KB of it, in well under a second",
    async (fill) => {
      const blob = new CountingBlob([archiveShaped(fill) as BlobPart]);
      const started = performance.now();
      expect(await checkUpload("第三季度总结.docx", blob)).toEqual({ ok: false, problem: "fileTypeMismatch" });
      const elapsed = performance.now() - started;
      expect(blob.bytesRead).toBeLessThanOrEqual(BOUND);
      // Today's full scan took 0.3–1.3 s on this machine for these files; the bounded check takes milliseconds.
      expect(elapsed).toBeLessThan(250);
    },
  );

  it("does not read a central directory that claims to be larger than an Office file's", async () => {
    const body = archiveShaped("names");
    // An end record at the very end that points at a 10 MB "directory".
    const end = new Uint8Array(22);
    const view = new DataView(end.buffer);
    view.setUint32(0, 0x06054b50, true);
    view.setUint16(10, 60000, true);
    view.setUint32(12, 10 * 1024 * 1024, true);
    view.setUint32(16, 1024, true);
    body.set(end, body.length - 22);
    const blob = new CountingBlob([body as BlobPart]);
    expect(await checkUpload("总结.docx", blob)).toEqual({ ok: false, problem: "fileTypeMismatch" });
    expect(blob.bytesRead).toBeLessThanOrEqual(BOUND);
  });

  it("refuses a 20 MB compound-file-shaped file after reading a few sectors", async () => {
    const bytes = new Uint8Array(MAX_ATTACHMENT_BYTES).fill(0x57); // "W" of WordDocument everywhere
    bytes.set(ole().subarray(0, 512));
    const blob = new CountingBlob([bytes as BlobPart]);
    const started = performance.now();
    expect(await checkUpload("总结.doc", blob)).toEqual({ ok: false, problem: "fileTypeMismatch" });
    expect(performance.now() - started).toBeLessThan(250);
    expect(blob.bytesRead).toBeLessThanOrEqual(64 * 1024);
  });

  it("accepts real Office files from an uploaded File, reading slices only", async () => {
    for (const [name, sample, type] of [
      ["进度台账.xlsx", XLSX, "xlsx"],
      ["总结.docx", DOCX, "docx"],
      ["旧版总结.doc", DOC, "doc"],
    ] as const) {
      const blob = new CountingBlob([sample as BlobPart]);
      expect(await checkUpload(name, blob)).toEqual({ ok: true, type, displayName: name });
      // A small file is read about twice (its tail window, then its directory): still bounded by the file.
      expect(blob.bytesRead).toBeLessThanOrEqual(2 * sample.byteLength + 512);
    }
  });

  it("judges the size of a File by its size, without reading it", async () => {
    const blob = new CountingBlob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)]);
    expect(await checkUpload("report.pdf", blob)).toEqual({ ok: false, problem: "fileTooLarge" });
    expect(blob.bytesRead).toBe(0);
  });
});
