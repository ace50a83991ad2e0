import { describeChanges, fieldLabel, formatValue, parseRecord, type Translate } from "@/lib/core/i18n/values";

/**
 * The audit trail in the reader's words. The record itself (and the CSV export) keeps the raw
 * action names, codes and JSON; the page shows them through these, falling back to the raw
 * text only for something no message file knows yet.
 */

/** What sign-in and sessions record, besides the operations declared in each feature's operations.ts. */
export const AUTH_AUDIT_ACTIONS = ["auth.login", "auth.logout", "auth.session_end"] as const;

/** `report.approve` → 审核通过报告 / Approve a report. */
export function actionLabel(t: Translate, action: string): string {
  const key = `auditLog.actions.${action}`;
  return /^[a-z_]+\.[a-z_]+$/.test(action) && t.has(key) ? t(key) : action;
}

export function objectTypeLabel(t: Translate, objectType: string): string {
  const key = `auditLog.objectTypes.${objectType}`;
  return /^[A-Za-z]+$/.test(objectType) && t.has(key) ? t(key) : objectType;
}

/** `report:review` → 审核报告 / review reports. */
export function permissionLabel(t: Translate, permission: string): string {
  const key = `auditLog.permissions.${permission.replace(":", "_")}`;
  return /^[a-z]+:[a-z_]+$/.test(permission) && t.has(key) ? t(key) : permission;
}

/** Reasons written as sentences by the data layers (`deny(…, reason)`), by their message key. */
const REASON_SENTENCES: Record<string, string> = {
  "not the unit's report": "notUnitsReport",
  "not the liaison's unit": "notLiaisonsUnit",
  "not the user's message": "notUsersMessage",
  "entered on the unit's behalf by the reviewer": "ownEntry",
  "cannot change own role or unit": "ownRoleOrUnit",
  "cannot disable own account": "ownDisable",
  "use the change-password page for one's own account": "ownReset",
};

const ROLE_LACKS = /^role (\S+) lacks (\S+)$/;

/**
 * A recorded reason in words: the known codes (`bad_password`, `IDLE_TIMEOUT`…), the data
 * layers' sentences, and `role X lacks p` as 角色「联络员」没有「…」权限.
 */
export function reasonText(t: Translate, reason: string): string {
  const lacks = ROLE_LACKS.exec(reason);
  if (lacks) {
    const [, role = "", permission = ""] = lacks;
    const roleWords = t.has(`roles.${role}`) ? t(`roles.${role}`) : role;
    return t("auditLog.reasons.roleLacks", { role: roleWords, permission: permissionLabel(t, permission) });
  }
  const key = REASON_SENTENCES[reason] ?? reason;
  return /^[A-Za-z_]+$/.test(key) && t.has(`auditLog.reasons.${key}`) ? t(`auditLog.reasons.${key}`) : reason;
}

/**
 * The recorded details as readable lines (`字段：值`). A before/after pair becomes one line per
 * changed field (`字段：旧值 → 新值`), an `after` alone one line per field, a `before` alone
 * (what an unlock cleared) `字段：原为 …`; anything else one line per key.
 */
export function detailLines(t: Translate, details: string | null): string[] {
  if (!details) return [];
  const record = parseRecord(details);
  if (!record) return [details];
  const line = (field: string, value: string) => t("auditLog.fieldValue", { field, value });
  const lines: string[] = [];
  const before = parseObject(record.before);
  const after = parseObject(record.after);
  if (after) {
    for (const change of describeChanges(t, before, after)) {
      lines.push(
        line(
          change.label,
          change.before === undefined ? change.after : t("auditLog.change", { before: change.before, after: change.after }),
        ),
      );
    }
  } else if (before) {
    for (const [field, value] of Object.entries(before)) {
      lines.push(line(fieldLabel(t, field), t("auditLog.wasValue", { value: formatValue(t, value) })));
    }
  }
  for (const [field, value] of Object.entries(record)) {
    if ((field === "before" && (before || after)) || (field === "after" && after)) continue;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      // Nested objects (the filters of an export) are listed field by field.
      for (const [nested, entry] of Object.entries(value as Record<string, unknown>)) {
        lines.push(line(`${fieldLabel(t, field)} · ${fieldLabel(t, nested)}`, formatValue(t, entry)));
      }
    } else {
      lines.push(line(fieldLabel(t, field), formatValue(t, value)));
    }
  }
  return lines;
}

function parseObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
