import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { describe, expect, it } from "vitest";
import type { Translate } from "@/lib/core/i18n/values";
import { actionLabel, AUTH_AUDIT_ACTIONS, detailLines, objectTypeLabel, permissionLabel, reasonText } from "@/lib/audit/describe";
import type { OperationSpec } from "@/lib/core/operations";
import { PERMISSIONS } from "@/lib/core/permissions";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

const ROOT = path.resolve(import.meta.dirname, "../..");

function isOperation(value: unknown): value is OperationSpec {
  return typeof value === "object" && value !== null && "action" in value && "permission" in value && "objectType" in value;
}

/** Every operation every feature declares, read from each lib/<feature>/operations.ts. */
async function declaredOperations(): Promise<OperationSpec[]> {
  const features = readdirSync(path.join(ROOT, "lib"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const operations: OperationSpec[] = [];
  for (const feature of features) {
    const file = path.join(ROOT, "lib", feature.name, "operations.ts");
    let exports: Record<string, unknown>;
    try {
      readFileSync(file);
      exports = (await import(file)) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const exported of Object.values(exports)) {
      if (typeof exported !== "object" || exported === null) continue;
      for (const value of Object.values(exported)) if (isOperation(value)) operations.push(value);
    }
  }
  return operations;
}

/** Audit actions written as literals outside the operations files (sign-in, sessions, scripts). */
function literalActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else if (entry.name.endsWith(".ts")) {
        for (const match of readFileSync(full, "utf8").matchAll(/\baction: "([a-z_]+\.[a-z_]+)"/g)) found.add(match[1]!);
      }
    }
  };
  walk(path.join(ROOT, "lib"));
  walk(path.join(ROOT, "scripts"));
  return [...found];
}

/**
 * Every refusal reason the data layers write as a literal: the fourth argument of each `deny(…)`
 * in lib/ (a string, or a constant named in the same file).
 */
function literalReasons(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
        continue;
      }
      if (!entry.name.endsWith(".ts")) continue;
      const text = readFileSync(full, "utf8");
      for (const start of [...text.matchAll(/\bdeny\(/g)].map((match) => match.index! + match[0].length)) {
        // The call's arguments, split at the commas of its own level.
        const args: string[] = [];
        let depth = 0;
        let current = "";
        for (let at = start; at < text.length; at++) {
          const char = text[at]!;
          if (depth === 0 && char === ")") break;
          if ("([{".includes(char)) depth++;
          if (")]}".includes(char)) depth--;
          if (depth === 0 && char === ",") {
            args.push(current.trim());
            current = "";
          } else current += char;
        }
        args.push(current.trim());
        const reason = args[3];
        if (!reason) continue;
        const literal = /^"([^"]+)"$/.exec(reason)?.[1] ?? new RegExp(`\\b${reason}\\s*=\\s*"([^"]+)"`).exec(text)?.[1];
        if (literal) found.add(literal);
      }
    }
  };
  walk(path.join(ROOT, "lib"));
  return [...found];
}

/** A root translator as the pages have one (getTranslations() / useTranslations()), over the real message files. */
const translator = (locale: string, messages: unknown) =>
  createTranslator({ locale, messages: messages as AbstractIntlMessages }) as unknown as Translate;

const translators = { "zh-CN": translator("zh-CN", zhCN), en: translator("en", en) };

describe("audit labels", () => {
  it("has a label in both languages for every declared operation's action and object type, and for auth.*", async () => {
    const operations = await declaredOperations();
    expect(operations.length).toBeGreaterThan(40);
    const actions = [...new Set([...operations.map((operation) => operation.action), ...AUTH_AUDIT_ACTIONS, ...literalActions()])];
    const objectTypes = [...new Set([...operations.map((operation) => operation.objectType), "Session"])];
    for (const [locale, t] of Object.entries(translators)) {
      const missingActions = actions.filter((action) => !t.has(`auditLog.actions.${action}`));
      const missingTypes = objectTypes.filter((type) => !t.has(`auditLog.objectTypes.${type}`));
      expect({ locale, missingActions, missingTypes }).toEqual({ locale, missingActions: [], missingTypes: [] });
    }
  });

  it("says every refusal reason a data layer records in words, in both languages", () => {
    const reasons = literalReasons();
    expect(reasons).toEqual(
      expect.arrayContaining(["not the unit's report", "not_own_import", "entered on the unit's behalf by the reviewer"]),
    );
    for (const [locale, t] of Object.entries(translators)) {
      expect({ locale, raw: reasons.filter((reason) => reasonText(t, reason) === reason) }).toEqual({ locale, raw: [] });
    }
  });

  it("has a label in both languages for every permission (used in refusal reasons)", () => {
    for (const t of Object.values(translators)) {
      expect(PERMISSIONS.filter((permission) => permissionLabel(t, permission) === permission)).toEqual([]);
    }
  });

  it("shows actions, object types, reasons and details in the reader's language", () => {
    const zh = translators["zh-CN"];
    const english = translators.en;
    expect(actionLabel(zh, "report.approve")).toBe("审核通过报告");
    expect(actionLabel(english, "report.approve")).toBe("Approve a report");
    expect(objectTypeLabel(zh, "ProgressReport")).toBe("进展报告");
    expect(reasonText(zh, "role AUDITOR lacks user:read")).toBe("角色「安全审计员」没有「查看账户」权限");
    expect(reasonText(english, "role LIAISON lacks report:review")).toBe("The role “Unit liaison” lacks the permission “review reports”");
    expect(reasonText(zh, "bad_password")).toBe("密码错误");
    expect(reasonText(english, "not the unit's report")).toBe("Not the unit's own report");
    expect(reasonText(zh, "IDLE_TIMEOUT")).toBe("长时间未操作");
    // Unknown text stays as recorded rather than vanishing.
    expect(reasonText(zh, "something new")).toBe("something new");
    expect(detailLines(zh, JSON.stringify({ failures: 2, lockedUntil: "2026-11-23T05:05:07.000Z" }))).toEqual([
      "连续失败次数：2",
      "锁定至：2026-11-23 13:05:07 +08:00",
    ]);
    expect(
      detailLines(
        zh,
        JSON.stringify({
          version: 2,
          before: { reportingCycle: "ANNUAL", archived: false },
          after: { reportingCycle: "QUARTERLY", archived: true },
        }),
      ),
    ).toEqual(["报送周期：每年 → 每季度", "已归档：否 → 是", "版本：2"]);
    expect(detailLines(english, JSON.stringify({ comment: null }))).toEqual(["Comment: —"]);
    expect(detailLines(english, JSON.stringify({ before: { lockedUntil: null } }))).toEqual(["Locked until: was —"]);
  });
});
