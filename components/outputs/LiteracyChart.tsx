"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, type ChartTableProps } from "./ChartFrame";

export interface LiteracyPoint {
  year: number;
  actual: number | null;
  target: number | null;
  expected: number | null;
}

export interface LiteracyChartLabels {
  year: string;
  actual: string;
  target: string;
  expected: string;
  /** Unit appended to every value, e.g. "%". */
  percentUnit: string;
  showTable: string;
  showChart: string;
  tableCaption: string;
  /** Shown in the table for a missing value. */
  noValue: string;
}

export interface LiteracyChartProps {
  id: string;
  title: string;
  summary: string;
  labels: LiteracyChartLabels;
  points: LiteracyPoint[];
}

const BRAND = "#1d4f91";
const GREY = "#64748b";
const RED = "#dc2626";
const LEGEND_ORDER = ["actual", "expected", "target"];

/** 18–28% for the 2022–2025 plan; raised in steps of 2 when a later period's target lies higher. */
function yAxis(points: LiteracyPoint[]): { domain: [number, number]; ticks: number[] } {
  const values = points.flatMap((point) => [point.actual, point.target, point.expected]).filter((value): value is number => value !== null);
  const top = Math.max(28, Math.ceil((Math.max(...values, 0) + 1) / 2) * 2);
  const ticks = Array.from({ length: (top - 18) / 2 + 1 }, (_, index) => 18 + index * 2);
  return { domain: [18, top], ticks };
}

function formatValue(value: number | null, unit: string, noValue: string): string {
  return value === null || !Number.isFinite(value) ? noValue : `${value.toFixed(1)}${unit}`;
}

const SERIES_KEYS = ["actual", "expected", "target"] as const;

/** The chart's table: one row per year, one column per series. */
function literacyTable(labels: LiteracyChartLabels, points: LiteracyPoint[]): ChartTableProps {
  return {
    caption: labels.tableCaption,
    rowHeader: labels.year,
    columns: SERIES_KEYS.map((key) => ({ key, label: labels[key] })),
    rows: points.map((point) => ({
      key: point.year,
      label: point.year,
      cells: SERIES_KEYS.map((key) => formatValue(point[key], labels.percentUnit, labels.noValue)),
    })),
  };
}

/** Scientific literacy rate: actual values against the expected path and the target. */
export function LiteracyChart({ labels, points, ...frame }: LiteracyChartProps) {
  const { percentUnit: unit, noValue } = labels;
  const axis = yAxis(points);
  return (
    <ChartFrame {...frame} labels={labels} table={literacyTable(labels, points)}>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={points} margin={{ top: 10, right: 24, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="year" type="category" tick={{ fill: "#334155", fontSize: 12 }} />
          <YAxis
            domain={axis.domain}
            ticks={axis.ticks}
            allowDataOverflow
            unit={unit}
            width={56}
            tick={{ fill: "#334155", fontSize: 12 }}
          />
          <Tooltip
            formatter={(value) => (typeof value === "number" ? formatValue(value, unit, noValue) : String(value ?? noValue))}
            itemStyle={{ color: "#1e293b" }}
            itemSorter={(item) => LEGEND_ORDER.indexOf(String(item.dataKey))}
            labelFormatter={(label) => `${labels.year} ${String(label)}`}
          />
          {/* Series differ by line style and marker as well as colour; the legend shows the dash pattern. */}
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            itemSorter={(item) => LEGEND_ORDER.indexOf(String(item.dataKey))}
            formatter={(value) => <span className="text-slate-800">{value}</span>}
          />
          <Line
            name={labels.expected}
            dataKey="expected"
            type="linear"
            stroke={GREY}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
            activeDot={false}
            connectNulls
            legendType="plainline"
            isAnimationActive={false}
          />
          <Line
            name={labels.target}
            dataKey="target"
            type="linear"
            stroke={RED}
            strokeWidth={2}
            strokeDasharray="2 3"
            dot={{ r: 6, fill: "#fff", stroke: RED, strokeWidth: 2, strokeDasharray: "0" }}
            connectNulls
            legendType="plainline"
            isAnimationActive={false}
          />
          <Line
            name={labels.actual}
            dataKey="actual"
            type="linear"
            stroke={BRAND}
            strokeWidth={3}
            dot={{ r: 4, fill: BRAND, stroke: BRAND }}
            legendType="plainline"
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
