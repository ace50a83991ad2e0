"use client";

import { useState, type ReactNode } from "react";
import { Card } from "@/components/ui/Card";

export interface ChartTableColumn {
  key: string;
  label: string;
  /** A total column: set in bold. */
  total?: boolean;
}

export interface ChartTableRow {
  key: string | number;
  /** The row's name, in the first column. */
  label: ReactNode;
  /** One cell per column, in the columns' order. */
  cells: ReactNode[];
}

/** The table equivalent of a chart: a caption, the row names in the first column, numbers right-aligned. */
export interface ChartTableProps {
  caption: string;
  /** Header of the first column (what the rows are: years, units…). */
  rowHeader: string;
  columns: ChartTableColumn[];
  rows: ChartTableRow[];
}

export function ChartTable({ caption, rowHeader, columns, rows }: ChartTableProps) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="mb-2 text-left text-sm font-medium text-slate-800">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300 bg-slate-50 text-slate-700">
          <th scope="col" className="px-3 py-2 text-left font-medium">
            {rowHeader}
          </th>
          {columns.map((column) => (
            <th key={column.key} scope="col" className={`px-3 py-2 text-right ${column.total ? "font-semibold" : "font-medium"}`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-slate-200 last:border-b-0">
            <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
              {row.label}
            </th>
            {columns.map((column, index) => (
              <td
                key={column.key}
                className={`px-3 py-2 text-right tabular-nums ${column.total ? "font-semibold text-slate-900" : "text-slate-800"}`}
              >
                {row.cells[index]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ChartFrameProps {
  /** Prefix for the element ids inside the frame; must be unique on the page. */
  id: string;
  title: string;
  /** One sentence stating what the chart shows; visible, and the chart's text alternative. */
  summary: string;
  /** The toggle's text: `showTable` while the chart is shown, `showChart` while the table is. */
  labels: { showTable: string; showChart: string };
  /** The data table equivalent of the chart; always in the DOM. */
  table: ChartTableProps;
  /** The chart itself. */
  children: ReactNode;
}

/**
 * A chart with its caption, a one-line summary and a table equivalent.
 * The table is always rendered: visually hidden (but read by screen readers) while the chart
 * is shown, visible instead of the chart after the toggle, and always visible when printed.
 */
export function ChartFrame({ id, title, summary, labels, table, children }: ChartFrameProps) {
  const [showTable, setShowTable] = useState(false);
  const chartId = `${id}-chart`;
  const tableId = `${id}-table`;

  return (
    <Card as="figure" id={id} className="print:break-inside-avoid">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <figcaption className="min-w-0 flex-1">
          <span id={`${id}-title`} className="block text-base font-semibold text-slate-900">
            {title}
          </span>
          <p className="mt-1 text-sm text-slate-700">{summary}</p>
        </figcaption>
        <button
          type="button"
          aria-controls={`${chartId} ${tableId}`}
          onClick={() => setShowTable((value) => !value)}
          className="inline-flex shrink-0 items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 print:hidden"
        >
          {showTable ? labels.showChart : labels.showTable}
        </button>
      </div>
      <div id={chartId} role="img" aria-label={summary} hidden={showTable} className="mt-4">
        {children}
      </div>
      <div
        id={tableId}
        className={showTable ? "mt-4 block overflow-x-auto" : "sr-only print:not-sr-only print:mt-4 print:block"}
        {...(showTable ? { role: "region", "aria-labelledby": `${id}-title`, tabIndex: 0 } : {})}
      >
        <ChartTable {...table} />
      </div>
    </Card>
  );
}
