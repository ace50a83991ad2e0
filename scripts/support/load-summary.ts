/**
 * The pure parts of `npm run bench:load` (scripts/bench-load.ts): percentiles, the printed table,
 * the saveReport action id from the build's server-reference manifest, the server action's request
 * body and answer, and the share of a page's HTML that is the next-intl message payload. Kept apart
 * so a unit test can check the instrument without a server or any load.
 */

/** The value at `share` (0–1) of the sorted list, nearest-rank; NaN for an empty list. */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(share * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
  };
}

export interface Row {
  name: string;
  requestsPerSecond: number;
  latency: LatencySummary;
  errors: number;
  /** Resident memory per server process, MB (max over the run), in process order. */
  rssMb: number[];
  htmlBytes: number | null;
  /** What else to say on the row (e.g. the messages' share of the HTML). */
  note?: string;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms` : "—");

/** How many times more requests per second the static asset served than this row. */
export function floorRatio(staticPerSecond: number, perSecond: number): string {
  if (!(staticPerSecond > 0)) return "—";
  if (!(perSecond > 0)) return "∞";
  const ratio = staticPerSecond / perSecond;
  return `${ratio < 10 ? ratio.toFixed(1) : ratio.toFixed(0)}×`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Display width: CJK characters take two columns. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\uffff]/.test(char) && !/[–—×…→]/.test(char) ? 2 : 1;
  return columns;
}

const pad = (text: string, columns: number, right = false) =>
  right ? " ".repeat(Math.max(0, columns - width(text))) + text : text + " ".repeat(Math.max(0, columns - width(text)));

/** The table the benchmark prints: one line per row, the ratio taken against `staticRow`. */
export function formatTable(rows: readonly Row[], staticRow: string): string {
  const floor = rows.find((row) => row.name === staticRow)?.requestsPerSecond ?? 0;
  const header = ["row", "req/s", "p50", "p95", "p99", "errors", "÷ static", "max RSS/process", "HTML"];
  const lines = rows.map((row) => [
    row.name,
    row.requestsPerSecond.toFixed(row.requestsPerSecond < 10 ? 1 : 0),
    ms(row.latency.p50),
    ms(row.latency.p95),
    ms(row.latency.p99),
    String(row.errors),
    row.name === staticRow ? "1×" : floorRatio(floor, row.requestsPerSecond),
    row.rssMb.length === 0 ? "—" : row.rssMb.map((mb) => `${mb.toFixed(0)}`).join("/") + " MB",
    formatBytes(row.htmlBytes) + (row.note ? ` ${row.note}` : ""),
  ]);
  const widths = header.map((title, column) => Math.max(width(title), ...lines.map((line) => width(line[column]!))));
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column]!, column > 0 && column < 7))
      .join("  ")
      .trimEnd();
  return [render(header), widths.map((columns) => "-".repeat(columns)).join("  "), ...lines.map(render)].join("\n");
}

/** The part of the server-reference manifest this needs (Next 16: `{ node: { [id]: { exportedName, filename, workers } } }`). */
export interface ActionManifest {
  node?: Record<string, { exportedName?: string; filename?: string; workers?: Record<string, unknown> }>;
  edge?: Record<string, { exportedName?: string; filename?: string; workers?: Record<string, unknown> }>;
}

/**
 * The id of the server action `exportedName` from `file` (a path ending), preferring the one a
 * worker whose name contains `page` uses; null when the manifest has none.
 */
export function findActionId(manifest: ActionManifest, exportedName: string, file: string, page?: string): string | null {
  const candidates = Object.entries({ ...manifest.edge, ...manifest.node }).filter(
    ([, entry]) =>
      entry.exportedName === exportedName && (entry.filename === undefined || entry.filename.replace(/\\/g, "/").endsWith(file)),
  );
  if (candidates.length === 0) return null;
  const onPage = page
    ? candidates.find(([, entry]) => Object.keys(entry.workers ?? {}).some((worker) => worker.includes(page)))
    : undefined;
  return (onPage ?? candidates[0]!)[0];
}

/**
 * The multipart body a `useActionState` form action sends when called from the browser: the
 * arguments (previous state, FormData) encoded as React's reply format — the form fields prefixed
 * with `_` and the FormData's part id (`_1_`), and part `0` the argument list pointing at it (`$K1`).
 */
export function actionBody(fields: Record<string, string>, boundary: string): Buffer {
  const parts = [...Object.entries(fields).map(([name, value]) => [`_1_${name}`, value] as const), ["0", '[null,"$K1"]'] as const];
  const text =
    parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
    `--${boundary}--\r\n`;
  return Buffer.from(text, "utf8");
}

/** A saved report's answer in the action's RSC response: `{"ok":true,"data":{"state":…,"version":N…}}`, or null. */
export function savedVersion(body: string): number | null {
  const match = /"ok":true,"data":\{[^}]*"version":(\d+)/.exec(body);
  return match ? Number(match[1]) : null;
}

/**
 * The bytes of the next-intl message catalogue in a page's HTML: the `"messages":{…}` object the
 * NextIntlClientProvider receives, as serialised (escaped) in the RSC payload, summed over every
 * occurrence. Braces are counted until the object closes; ICU placeholders ({count}) are balanced.
 */
export function messagesPayloadBytes(html: string): number {
  let total = 0;
  const pattern = /\\?"messages\\?":\{/g;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < html.length; end += 1) {
      const char = html[end];
      if (char === "{") depth += 1;
      else if (char === "}" && --depth === 0) break;
    }
    total += Buffer.byteLength(html.slice(match.index, end + 1), "utf8");
    pattern.lastIndex = end + 1;
  }
  return total;
}
