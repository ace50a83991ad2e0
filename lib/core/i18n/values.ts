import { formatShanghaiDateTime } from "@/lib/core/time";

/**
 * The part of a next-intl translator (from the root, no namespace) that describing stored
 * records needs: recorded values (JSON snapshots, audit details) are shown in the reader's
 * language, never as raw codes or JSON.
 */
export interface Translate {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/** Where a code such as `QUARTERLY` or `RETURNED` finds its words, in this order. */
const CODE_NAMESPACES = ["plans.cycles", "reports.states", "reports.statuses", "roles", "auditLog.values"] as const;

function label(t: Translate, key: string): string | null {
  return t.has(key) ? t(key) : null;
}

/** A recorded code in words (`QUARTERLY` → 每季度 / Quarterly), or the value itself when it is not a known code. */
export function codeLabel(t: Translate, code: string): string {
  for (const namespace of CODE_NAMESPACES) {
    const words = /^[A-Za-z_]+$/.test(code) ? label(t, `${namespace}.${code}`) : null;
    if (words) return words;
  }
  return code;
}

/** A field's name in words: `auditLog.fields.<field>` or, failing that, the field's own name. */
export function fieldLabel(t: Translate, field: string): string {
  return (/^[A-Za-z_]+$/.test(field) ? label(t, `auditLog.fields.${field}`) : null) ?? field;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One recorded value as a reader sees it: — for nothing, 是/否 (Yes/No) for booleans, codes in
 * words, instants in Shenzhen time, lists joined, an output as `name value unit`, any other
 * object as `field: value` pairs.
 */
export function formatValue(t: Translate, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("auditLog.none");
  if (typeof value === "boolean") return t(value ? "auditLog.yes" : "auditLog.no");
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (ISO_INSTANT.test(value)) return formatShanghaiDateTime(new Date(value));
    return codeLabel(t, value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? t("auditLog.none") : value.map((entry) => formatValue(t, entry)).join(t("auditLog.listSeparator"));
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([key]) => ["name", "value", "unit"].includes(key)) && "name" in value && "value" in value) {
      const output = value as { name: unknown; value: unknown; unit?: unknown };
      return [output.name, output.value, output.unit].filter((part) => part !== undefined && part !== null && part !== "").join(" ");
    }
    return entries
      .map(([key, entry]) => t("auditLog.fieldValue", { field: fieldLabel(t, key), value: formatValue(t, entry) }))
      .join(t("auditLog.listSeparator"));
  }
  return String(value);
}

export interface FieldChange {
  field: string;
  label: string;
  /** Absent when there was no earlier version (a creation). */
  before?: string;
  after: string;
}

/** The fields that differ between two recorded snapshots (all of `after` when there is no `before`), in words. */
export function describeChanges(
  t: Translate,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  labelFor: (field: string) => string = (field) => fieldLabel(t, field),
): FieldChange[] {
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before ?? {})])];
  return fields
    .filter((field) => !before || JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({
      field,
      label: labelFor(field),
      ...(before ? { before: formatValue(t, before[field]) } : {}),
      after: formatValue(t, after[field]),
    }));
}

/** Parses a stored JSON object, or null when it is not one. */
export function parseRecord(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
