import messages from "@/messages/zh-CN.json";
import { PROGRESS_STATUSES, TEXT_LIMITS } from "@/lib/reporting/schemas";
import type { ProgressStatus } from "@/lib/reporting/traffic-light";

// The round workbook (填报表) of the ledger round-trip: what the portal writes for a unit's owed
// reports in a round and reads back when the unit (or CAST on its behalf) uploads it. One list of
// sheets and columns, used by the writer (./workbook.ts) and the reader (./parse.ts), so the two
// cannot disagree. Chinese only: it is a government ledger, opened in Excel or WPS.

/** Bumped when the columns change; a workbook of another format is refused with a clear message. */
export const LEDGER_FORMAT_VERSION = 1;

export const LEDGER_SHEETS = {
  guide: "填报说明",
  reports: "填报表",
  /** Hidden: which round, which unit, which format, when made. */
  meta: "平台信息",
} as const;

/** The rows of the hidden meta sheet: label in column A, value in column B. */
export const META_LABELS = {
  format: "格式版本",
  roundId: "轮次编号",
  roundName: "轮次名称",
  unitId: "单位编号",
  unitName: "单位名称",
  generatedAt: "生成时间",
} as const;
/** The unit cell of a workbook that holds every unit's reports (CAST's download). */
export const ALL_UNITS = "ALL";

export type LedgerColumnKey =
  | "index"
  | "unit"
  | "number"
  | "title"
  | "role"
  | "state"
  | "returnComment"
  | "status"
  | "completion"
  | "workDone"
  | "problems"
  | "nextSteps"
  | "eventsHeld"
  | "peopleReached"
  | `output${1 | 2 | 3}${"Name" | "Value" | "Unit"}`
  | "identity";

/** How a column is filled: read-only (shown, locked), or one of the editable kinds the sheet validates. */
export type LedgerColumnKind = "readonly" | "status" | "percent" | "whole" | "number" | "text";

export interface LedgerColumn {
  key: LedgerColumnKey;
  header: string;
  width: number;
  kind: LedgerColumnKind;
  /** The longest text an editable text column takes (the report form's limit). */
  maxLength?: number;
  hidden?: boolean;
}

/** How many other outputs (name, value, unit) the workbook has room for; outputs beyond these are kept as they are. */
export const LEDGER_OUTPUT_SLOTS = 3;
/** The report form's limits for an output's name and unit (lib/reporting/schemas.ts outputSchema). */
export const OUTPUT_NAME_MAX = 50;
export const OUTPUT_UNIT_MAX = 10;

const outputColumns = ([1, 2, 3] as const).flatMap((slot): LedgerColumn[] => [
  { key: `output${slot}Name`, header: `其他成果${slot}名称`, width: 16, kind: "text", maxLength: OUTPUT_NAME_MAX },
  { key: `output${slot}Value`, header: `其他成果${slot}数值`, width: 12, kind: "number" },
  { key: `output${slot}Unit`, header: `其他成果${slot}单位`, width: 10, kind: "text", maxLength: OUTPUT_UNIT_MAX },
]);

/** The columns of the 填报表 sheet, in order, from column A. */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: "index", header: "序号", width: 6, kind: "readonly" },
  { key: "unit", header: "填报单位", width: 18, kind: "readonly" },
  { key: "number", header: "编号", width: 10, kind: "readonly" },
  { key: "title", header: "任务", width: 40, kind: "readonly" },
  { key: "role", header: "职责", width: 8, kind: "readonly" },
  { key: "state", header: "报送状态", width: 12, kind: "readonly" },
  { key: "returnComment", header: "退回意见", width: 24, kind: "readonly" },
  { key: "status", header: "推进状态", width: 14, kind: "status" },
  { key: "completion", header: "完成度（%）", width: 10, kind: "percent" },
  { key: "workDone", header: "工作进展", width: 50, kind: "text", maxLength: TEXT_LIMITS.workDone },
  { key: "problems", header: "存在问题", width: 36, kind: "text", maxLength: TEXT_LIMITS.problems },
  { key: "nextSteps", header: "下步计划", width: 36, kind: "text", maxLength: TEXT_LIMITS.nextSteps },
  { key: "eventsHeld", header: "举办活动（场）", width: 12, kind: "whole" },
  { key: "peopleReached", header: "覆盖人数（人次）", width: 14, kind: "whole" },
  ...outputColumns,
  { key: "identity", header: "系统识别码（请勿修改）", width: 14, kind: "readonly", hidden: true },
];

export const LEDGER_HEADER = LEDGER_COLUMNS.map((column) => column.header);

/** The 1-based column number of a column. */
export function ledgerColumnNumber(key: LedgerColumnKey): number {
  return LEDGER_COLUMNS.findIndex((column) => column.key === key) + 1;
}

/** The five progress statuses by the words the report form shows (the drop-down's list). */
export const STATUS_WORDS: Readonly<Record<string, ProgressStatus>> = Object.fromEntries(
  PROGRESS_STATUSES.map((status) => [messages.reports.statuses[status], status]),
);
export const statusWord = (status: ProgressStatus) => messages.reports.statuses[status];
export const stateWord = (state: keyof typeof messages.reports.states) => messages.reports.states[state];
export const roleWord = (role: "LEAD" | "SUPPORT") => messages.plans.roles[role];

/**
 * A report's identity in the workbook: its id and the version the workbook was made from, e.g.
 * `R1234-V5`. Applying a row checks the report is the uploader's unit's (or the unit CAST enters
 * for) and, when the portal's text has changed since, shows a conflict instead of overwriting it.
 */
export function encodeIdentity(reportId: number, version: number): string {
  return `R${reportId}-V${version}`;
}

export function decodeIdentity(text: string): { reportId: number; version: number } | null {
  const match = /^R(\d{1,10})-V(\d{1,10})$/.exec(text.trim());
  if (!match) return null;
  const reportId = Number(match[1]);
  const version = Number(match[2]);
  if (reportId < 1 || reportId > 2_147_483_647 || version < 1 || version > 2_147_483_647) return null;
  return { reportId, version };
}

/** What a row says about a report: the values of the editable cells. */
export interface LedgerValues {
  status: ProgressStatus | null;
  completion: number | null;
  workDone: string;
  problems: string;
  nextSteps: string;
  eventsHeld: number | null;
  peopleReached: number | null;
  /** Up to LEDGER_OUTPUT_SLOTS outputs, blank slots left out. */
  outputs: { name: string; value: number; unit: string }[];
}

/** One report as the workbook shows it (the writer's input). */
export interface LedgerSourceRow {
  reportId: number;
  version: number;
  unitName: string;
  itemNumber: string | null;
  itemTitle: string;
  role: "LEAD" | "SUPPORT";
  state: "OWED" | "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED";
  /** The comment of the last return, for a returned report. */
  returnComment: string | null;
  values: LedgerValues;
}

export interface LedgerMeta {
  round: { id: number; name: string; period: string; deadline: Date };
  /** The unit whose reports the workbook holds, or null for every unit's (CAST's download). */
  unit: { id: number; name: string } | null;
  generatedAt: Date;
}

/** A problem found reading the workbook: where (sheet, row, column letter; none for the file as a whole) and what, in Chinese. */
export interface LedgerProblem {
  sheet: string;
  row?: number;
  column?: string;
  message: string;
}

/** One data row as read back (./parse.ts): the report it names and what its editable cells say. */
export interface ParsedLedgerRow {
  /** The row number in the 填报表 sheet. */
  row: number;
  /** From the hidden 系统识别码 cell; null when it is missing or unreadable (a problem says so). */
  identity: { reportId: number; version: number } | null;
  /** The read-only cells as the workbook shows them, for the preview (the portal's own values decide). */
  shown: { unit: string; number: string; title: string };
  values: LedgerValues;
  /** Problems of this row's cells; a row with any is skipped when the import is applied. */
  problems: LedgerProblem[];
}

export interface ParsedLedgerWorkbook {
  /** From the hidden meta sheet; null when missing or unreadable (a file-level problem says so). */
  meta: { format: number; roundId: number; unitId: number | typeof ALL_UNITS } | null;
  rows: ParsedLedgerRow[];
  /** Problems of the file as a whole (refused file, missing sheet, changed header, another format). */
  problems: LedgerProblem[];
}
