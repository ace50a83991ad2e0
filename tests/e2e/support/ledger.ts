import { spawn } from "node:child_process";
import ExcelJS from "exceljs";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

/** A cell as a user types it: text, a number, a formula, or null to empty it. */
export type LedgerCell = string | number | null | { formula: string };

/** One row to fill: found by report id (its hidden 系统识别码), sheet row number or 任务 text; cells by header. */
export type LedgerEdit = ({ report: number } | { row: number } | { title: string }) & { cells: Record<string, LedgerCell> };

/** A data row of the 填报表 sheet as the filler found it in the downloaded workbook. */
export interface LedgerSheetRow {
  /** The sheet row number (1 is the header), as the preview's 第 N 行 names it. */
  row: number;
  identity: string;
  number: string;
  title: string;
}

const FILLER = fileURLToPath(new URL("./fill-ledger.py", import.meta.url));
const PYTHON = "/usr/bin/python3";

/**
 * Fills a downloaded round workbook with LibreOffice Calc (tests/e2e/support/fill-ledger.py) and
 * saves it as .xlsx with LibreOffice's own writer, as a liaison filling it in an office suite would.
 * The filler runs in its own process group, killed whole (Python, soffice and soffice.bin) when it
 * overruns `timeoutMs` or the test process exits first.
 */
export async function fillLedger(
  input: string,
  edits: LedgerEdit[],
  output: string,
  { timeoutMs = 90_000 }: { timeoutMs?: number } = {},
): Promise<{ rows: LedgerSheetRow[]; seconds: number }> {
  const editsFile = `${output}.edits.json`;
  fs.writeFileSync(editsFile, JSON.stringify({ rows: edits }));
  const started = Date.now();
  const child = spawn(PYTHON, [FILLER, input, editsFile, output], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const group = child.pid!;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-group, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    setTimeout(() => killGroup("SIGKILL"), 5_000).unref();
  }, timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (status) => resolve(status));
    });
    if (timedOut) throw new Error(`LibreOffice filler timed out after ${timeoutMs} ms\n${stderr}`);
    if (code !== 0) throw new Error(`LibreOffice filler failed (exit ${code})\n${stderr}`);
    // soffice has quit by now; anything of the group still alive is stray: end it.
    killGroup("SIGKILL");
    const { rows } = JSON.parse(stdout.trim().split("\n").at(-1)!) as { rows: LedgerSheetRow[] };
    if (!fs.existsSync(output)) throw new Error(`LibreOffice filler wrote no ${output}`);
    return { rows, seconds: (Date.now() - started) / 1000 };
  } finally {
    clearTimeout(timer);
    process.removeListener("exit", onExit);
    fs.rmSync(editsFile, { force: true });
  }
}

/** The data rows of a round workbook's 填报表 sheet as the portal wrote it (read with exceljs, no office suite). */
export async function readLedgerRows(file: string): Promise<LedgerSheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet("填报表");
  if (!sheet) throw new Error(`${file} has no 填报表 sheet`);
  const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ""));
  const column = (header: string) => {
    const index = headers.indexOf(header);
    if (index < 1) throw new Error(`${file}: no column ${header}`);
    return index;
  };
  const [identity, number, title] = [column("系统识别码（请勿修改）"), column("编号"), column("任务")];
  const rows: LedgerSheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    rows.push({
      row: rowNumber,
      identity: row.getCell(identity).text,
      number: row.getCell(number).text,
      title: row.getCell(title).text,
    });
  });
  return rows;
}
