import type { ParsedItem } from "./types";
import { ITEM_KIND_WORDS, CYCLE_WORDS, wordFor } from "./format";

/** An item of the portal as the workbook would describe it (units by current name). */
export interface ExistingItem {
  id: number;
  /** PlanItem.key, or `item-<id>` for an item created without one. */
  key: string;
  parentKey: string | null;
  kind: string;
  number: string | null;
  title: string;
  taskStatement: string | null;
  fullText: string;
  lead: string[];
  support: string[];
  phase: string | null;
  startDate: string | null;
  dueDate: string | null;
  reportingCycle: string | null;
  note: string | null;
  archived: boolean;
}

/** The fields a new version may change, with their column names in the workbook. */
export const DIFF_FIELDS = [
  ["parentKey", "上级识别码"],
  ["kind", "层级"],
  ["number", "编号"],
  ["title", "标题"],
  ["taskStatement", "任务表述"],
  ["fullText", "全文"],
  ["lead", "牵头单位"],
  ["support", "配合单位"],
  ["phase", "阶段"],
  ["startDate", "开始日期"],
  ["dueDate", "完成时限"],
  ["reportingCycle", "报送周期"],
  ["note", "备注"],
  ["archived", "状态"],
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number][0];

export interface FieldChange {
  field: DiffField;
  label: string;
  before: string;
  after: string;
}

export interface PlanDiff {
  added: { key: string; number: string | null; title: string; kind: string }[];
  changed: { key: string; itemId: number; number: string | null; title: string; changes: FieldChange[] }[];
  archived: { key: string; itemId: number; number: string | null; title: string }[];
  unchanged: number;
}

/** A field as the workbook shows it: words for codes, units joined by 、. */
function shown(field: DiffField, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("、");
  if (field === "kind") return wordFor(ITEM_KIND_WORDS as Record<string, string>, String(value));
  if (field === "reportingCycle") return wordFor(CYCLE_WORDS as Record<string, string>, String(value));
  if (field === "archived") return value ? "已归档" : "有效";
  return String(value);
}

/** The workbook's items against the plan's: matched by 识别码, nothing else. */
export function diffPlanItems(existing: ExistingItem[], incoming: ParsedItem[]): PlanDiff {
  const byKey = new Map(existing.map((item) => [item.key, item]));
  const incomingKeys = new Set(incoming.map((item) => item.key));
  const diff: PlanDiff = { added: [], changed: [], archived: [], unchanged: 0 };
  for (const item of incoming) {
    const before = byKey.get(item.key);
    if (!before) {
      diff.added.push({ key: item.key, number: item.number, title: item.title, kind: item.kind });
      continue;
    }
    const after: Record<DiffField, unknown> = { ...item, archived: false };
    const changes: FieldChange[] = [];
    for (const [field, label] of DIFF_FIELDS) {
      const was = shown(field, before[field]);
      const now = shown(field, after[field]);
      if (was !== now) changes.push({ field, label, before: was, after: now });
    }
    if (changes.length > 0) diff.changed.push({ key: item.key, itemId: before.id, number: item.number, title: item.title, changes });
    else diff.unchanged++;
  }
  for (const item of existing) {
    if (!item.archived && !incomingKeys.has(item.key))
      diff.archived.push({ key: item.key, itemId: item.id, number: item.number, title: item.title });
  }
  return diff;
}
