/**
 * Helpers of the "scale" project (tests/e2e/scale.spec.ts): the figures its server's database was
 * built with, one signed-in API session per account per worker, timed GETs, and readers for what
 * pages and exports state (the pager's count, CSV and workbook rows).
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { request, type APIRequestContext } from "@playwright/test";
import { MARKER_PATTERN, type ScaleFigures } from "../../support/scale-figures";
import { DEMO_PASSWORD } from "../auth";

/** Written by scripts/e2e-scale-server.ts before its server starts. */
const FIGURES_FILE = path.resolve(import.meta.dirname, "../../../data/e2e-scale.json");
/** Target 6 of issue 16: no page sends more than this much HTML at the target size. */
export const MAX_HTML_BYTES = 500 * 1024;
/** lib/core/paging.ts COUNT_CAP: a count stops there and the pager says 超过 10,000 条. */
export const COUNT_CAP = 10_000;

let figures: ScaleFigures | undefined;
export function scaleFigures(): ScaleFigures {
  figures ??= JSON.parse(fs.readFileSync(FIGURES_FILE, "utf8")) as ScaleFigures;
  return figures;
}

const sessions = new Map<string, Promise<APIRequestContext>>();

/**
 * An API request context signed in as `username` (null: anonymous), shared by the tests of one
 * worker: signs in through next-auth's credentials endpoint as tests/e2e/auth.ts signInAs does.
 */
export function sessionFor(username: string | null, baseURL: string): Promise<APIRequestContext> {
  const key = username ?? "";
  let session = sessions.get(key);
  if (!session) {
    session = (async () => {
      const context = await request.newContext({ baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" } as Parameters<
        typeof request.newContext
      >[0]);
      if (username === null) return context;
      const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await context.post("/api/auth/callback/credentials", {
        form: { csrfToken, username, password: DEMO_PASSWORD, json: "true" },
      });
      const cookies = (await context.storageState()).cookies;
      if (!response.ok() || !cookies.some((cookie) => cookie.name.endsWith("next-auth.session-token"))) {
        throw new Error(`sign-in as ${username} failed (${response.status()})`);
      }
      return context;
    })();
    sessions.set(key, session);
  }
  return session;
}

export interface Fetched {
  status: number;
  contentType: string;
  body: Buffer;
  milliseconds: number;
}

/** One GET, not following redirects, timed; printed as a line of the run's table. */
export async function timedGet(context: APIRequestContext, label: string, url: string): Promise<Fetched> {
  const started = performance.now();
  const get = () => context.get(url, { maxRedirects: 0, timeout: 120_000 });
  // A kept-alive connection the server closed while idle resets the next request sent on it (a
  // transport race, not an answer): a GET is safe to send once more, and a dead server fails again.
  const response = await get().catch((error: unknown) => {
    if (!String(error).includes("ECONNRESET")) throw error;
    console.log(`[scale] ${label} ${url}: connection reset, sent again`);
    return get();
  });
  const body = await response.body();
  const milliseconds = Math.round(performance.now() - started);
  const fetched = { status: response.status(), contentType: response.headers()["content-type"] ?? "", body, milliseconds };
  console.log(
    `[scale] ${label.padEnd(10)} ${url.padEnd(60)} ${fetched.status} ${(body.length / 1024).toFixed(1).padStart(9)} KB ${String(milliseconds).padStart(6)} ms`,
  );
  return fetched;
}

/**
 * What a list states as its length: the pager's (components/ui/Pager.tsx) 共 N 条，第 p / P 页 or
 * 超过 N 条，第 p 页, or the report search's own 共找到 N 份报告.
 */
export function statedCount(html: string): { total: number; capped: boolean } | null {
  const exact = /共\s*([\d,]+)\s*条，第/.exec(html) ?? /共找到\s*([\d,]+)\s*份报告/.exec(html);
  if (exact) return { total: Number(exact[1]!.replace(/,/g, "")), capped: false };
  const capped = /超过\s*([\d,]+)\s*条，第/.exec(html);
  if (capped) return { total: Number(capped[1]!.replace(/,/g, "")), capped: true };
  return null;
}

/** The count a paged list of `expected` rows must state: exact below the cap, 超过 10,000 from it. */
export function expectedCount(expected: number): { total: number; capped: boolean } {
  return expected >= COUNT_CAP ? { total: COUNT_CAP, capped: true } : { total: expected, capped: false };
}

/** Data rows of a CSV export (UTF-8 with BOM, CR LF lines, one header line). */
export function csvRows(body: Buffer): number {
  const lines = body
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .split("\r\n");
  return lines.filter((line) => line !== "").length - 1;
}

/** The rows of a workbook sheet for which `isRow` holds (cells as ExcelJS gives them, from column 1). */
export async function workbookRows(body: Buffer, sheetName: string, isRow: (values: unknown[]) => boolean): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName} in the workbook (${workbook.worksheets.map((each) => each.name).join(", ")})`);
  let count = 0;
  sheet.eachRow((row) => {
    if (isRow((row.values as unknown[]).slice(1))) count++;
  });
  return count;
}

/** The report markers in a text: unit id and whether the marker says approved. */
export function markersIn(text: string): { unitId: number; approved: boolean; marker: string }[] {
  return [...text.matchAll(MARKER_PATTERN)].map((match) => ({
    unitId: Number(match[2]),
    approved: match[1] === "已审定",
    marker: match[0],
  }));
}
