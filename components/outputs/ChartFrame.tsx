"use client";

import { useState, type ReactNode } from "react";

export interface ChartFrameProps {
  /** Prefix for the element ids inside the frame; must be unique on the page. */
  id: string;
  title: string;
  /** One sentence stating what the chart shows; visible, and the chart's text alternative. */
  summary: string;
  /** Button text while the chart is shown. */
  showTableLabel: string;
  /** Button text while the table is shown. */
  showChartLabel: string;
  /** The data table equivalent of the chart; always in the DOM. */
  table: ReactNode;
  /** The chart itself. */
  children: ReactNode;
}

/**
 * A chart with its caption, a one-line summary and a table equivalent.
 * The table is always rendered: visually hidden (but read by screen readers) while the chart
 * is shown, visible instead of the chart after the toggle, and always visible when printed.
 */
export function ChartFrame({ id, title, summary, showTableLabel, showChartLabel, table, children }: ChartFrameProps) {
  const [showTable, setShowTable] = useState(false);
  const chartId = `${id}-chart`;
  const tableId = `${id}-table`;

  return (
    <figure id={id} className="rounded-lg border border-slate-200 bg-white p-4 print:break-inside-avoid">
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
          {showTable ? showChartLabel : showTableLabel}
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
        {table}
      </div>
    </figure>
  );
}
