"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReactNode } from "react";
import { ChartFrame, type ChartTableProps } from "./ChartFrame";

export type StackedSeriesColor = "red" | "amber" | "green" | "blue" | "slate";

export interface StackedSeries {
  key: string;
  label: string;
  color: StackedSeriesColor;
}

export interface StackedRow {
  name: string;
  values: Record<string, number>;
}

export interface StackedCountChartLabels {
  /** Header of the first table column (the row names). */
  category: string;
  showTable: string;
  showChart: string;
  tableCaption: string;
  /** Header of the total column; defaults to "Σ". */
  total?: string;
}

export interface StackedCountChartProps {
  id: string;
  title: string;
  summary: string;
  labels: StackedCountChartLabels;
  series: StackedSeries[];
  rows: StackedRow[];
}

const STACKED_COLORS: Record<StackedSeriesColor, string> = {
  red: "#dc2626",
  amber: "#d97706",
  green: "#16a34a",
  blue: "#1d4f91",
  slate: "#64748b",
};

/**
 * Each colour also gets its own texture, so segments can be told apart without colour vision
 * (WCAG 1.4.1); the legend swatches use the same fills.
 */
const TEXTURES: Record<StackedSeriesColor, () => ReactNode> = {
  red: () => <path d="M0 0V8" stroke="#fff" strokeOpacity={0.55} strokeWidth={3} />,
  amber: () => <circle cx={4} cy={4} r={1.6} fill="#78350f" fillOpacity={0.7} />,
  green: () => null,
  blue: () => <path d="M0 4H8" stroke="#fff" strokeOpacity={0.5} strokeWidth={2} />,
  slate: () => <path d="M0 4H8M4 0V8" stroke="#fff" strokeOpacity={0.5} strokeWidth={1.5} />,
};

function patternId(chartId: string, color: StackedSeriesColor) {
  return `${chartId}-pattern-${color}`;
}

function valueOf(row: StackedRow, key: string): number {
  const value = row.values[key];
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** The chart's table: one row per category, one column per series and a total. */
function countTable(labels: StackedCountChartLabels, series: StackedSeries[], rows: StackedRow[]): ChartTableProps {
  return {
    caption: labels.tableCaption,
    rowHeader: labels.category,
    columns: [...series.map((s) => ({ key: s.key, label: s.label })), { key: "total", label: labels.total ?? "Σ", total: true }],
    rows: rows.map((row) => ({
      key: row.name,
      label: row.name,
      cells: [...series.map((s) => valueOf(row, s.key)), series.reduce((sum, s) => sum + valueOf(row, s.key), 0)],
    })),
  };
}

/** Counts per category, one horizontal stacked bar per row and one segment per series. */
export function StackedCountChart({ labels, series, rows, ...frame }: StackedCountChartProps) {
  const { id } = frame;
  const height = Math.max(160, 36 * rows.length);
  const colors = [...new Set(series.map((s) => s.color))];
  const order = (label: unknown) => series.findIndex((s) => s.label === label);

  return (
    <ChartFrame {...frame} labels={labels} table={countTable(labels, series, rows)}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <defs>
            {colors.map((color) => (
              <pattern
                key={color}
                id={patternId(id, color)}
                width={8}
                height={8}
                patternUnits="userSpaceOnUse"
                patternTransform={color === "red" ? "rotate(45)" : undefined}
              >
                <rect width={8} height={8} fill={STACKED_COLORS[color]} />
                {TEXTURES[color]()}
              </pattern>
            ))}
          </defs>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fill: "#334155", fontSize: 12 }} />
          <YAxis type="category" dataKey="name" width={140} interval={0} tick={{ fill: "#334155", fontSize: 12 }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} itemStyle={{ color: "#1e293b" }} itemSorter={(item) => order(item.name)} />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            iconSize={12}
            itemSorter={(item) => order(item.value)}
            formatter={(value) => <span className="text-slate-800">{value}</span>}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              name={s.label}
              dataKey={(row: StackedRow) => valueOf(row, s.key)}
              stackId="count"
              fill={`url(#${patternId(id, s.color)})`}
              stroke="#fff"
              strokeWidth={1}
              maxBarSize={24}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
