/**
 * Issue 16 (page weight): the root layout sends client components only CLIENT_MESSAGE_PATHS
 * (lib/core/i18n/client-messages.ts), not the whole catalogue. This test walks the client bundle's
 * modules — every "use client" file under app/ and components/ and whatever they import, up to
 * server actions and server-only modules — and collects the message paths they use:
 *
 * - `const t = useTranslations("ns")`: each `t("key")` / `t.rich("key")` needs `ns.key`; a key built
 *   at run time (`` t(`problems.${code}`) ``, `t(variable)`) needs `ns.problems` or the whole `ns`,
 *   as does a translator handed to another function.
 * - the root translator (`useTranslations()`) and helpers that receive one: every string literal in
 *   a client module that names a message path (`"users.saved"`, `` `roles.${role}` ``).
 *
 * It fails when a used path is not covered by the list (the component would show a raw key), and
 * when an entry of the list covers nothing a client module uses (dead weight in every page).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGE_PATHS, pickMessages } from "@/lib/core/i18n/client-messages";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

const ROOT = path.resolve(import.meta.dirname, "../..");
type Messages = { [key: string]: unknown };

function node(messages: Messages, dotted: string): unknown {
  let value: unknown = messages;
  for (const key of dotted.split(".")) value = value && typeof value === "object" ? (value as Messages)[key] : undefined;
  return value;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

const isClientEntry = (source: string) => /^\s*["']use client["']/.test(source);
// The client bundle holds only references to server actions, and server-only modules never reach it.
const isServerBoundary = (source: string) => /^\s*["']use server["']/.test(source) || /^import\s+["']server-only["']/m.test(source);

/** Every module in the client bundle: "use client" files and what they import (type-only imports aside). */
function clientModules(): string[] {
  const files = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "components"))];
  const queue = files.filter((file) => isClientEntry(fs.readFileSync(file, "utf8")));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const source = fs.readFileSync(file, "utf8");
    if (isServerBoundary(source)) continue;
    seen.add(file);
    for (const match of source.matchAll(/(?:import|export)\s+(type\s+)?[^'";]*?from\s*["']([^"']+)["']|import\s*["']([^"']+)["']/g)) {
      if (match[1]) continue;
      const resolved = resolveImport(file, (match[2] ?? match[3])!);
      if (resolved && !resolved.includes(`${path.sep}generated${path.sep}`)) queue.push(resolved);
    }
  }
  return [...seen].sort();
}

const join = (namespace: string, key: string) => (namespace ? `${namespace}.${key}` : key);

/** The message paths one client module uses (see the header). */
export function usedPaths(source: string, messages: Messages): Set<string> {
  const used = new Set<string>();
  const translators = [...source.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*useTranslations\(\s*(?:["']([^"']*)["'])?\s*\)/g)].map(
    (match) => ({ name: match[1]!, namespace: match[2] ?? "" }),
  );
  for (const { name, namespace } of translators) {
    const whole = () => {
      if (namespace) used.add(namespace);
    };
    // Calls: t("key"), t.rich("key"), t.raw("key"), t.has("key"), t(`key.${x}`), t(variable).
    for (const call of source.matchAll(new RegExp(`\\b${name}(?:\\.(?:rich|raw|markup|has))?\\(\\s*([^,)]*)`, "g"))) {
      const argument = call[1]!.trim();
      const literal = /^["']([^"']*)["']$/.exec(argument) ?? /^`([^`$]*)`$/.exec(argument);
      const template = /^`([^`$]*)\$\{/.exec(argument);
      if (literal) used.add(join(namespace, literal[1]!));
      else if (template && template[1]!.includes(".")) used.add(join(namespace, template[1]!.slice(0, template[1]!.lastIndexOf("."))));
      else whole();
    }
    // Used other than by calling it (handed to a function, stored): anything in its namespace may be asked for.
    const declarations = source.match(new RegExp(`\\b(?:const|let)\\s+${name}\\s*=`, "g"))?.length ?? 0;
    const mentions = source.match(new RegExp(`(?<![\\w.$])${name}\\b(?!\\s*[(.])`, "g"))?.length ?? 0;
    if (mentions > declarations) whole();
  }
  // Root translators and helpers given one: any literal that names a message path.
  for (const match of source.matchAll(/["'`]([A-Za-z][\w-]*(?:\.[\w-]+)+)\.?(?:["'`]|\$\{)/g)) {
    const dotted = match[1]!;
    if (node(messages, dotted) !== undefined) used.add(dotted);
  }
  return used;
}

const covers = (entry: string, dotted: string) => dotted === entry || dotted.startsWith(`${entry}.`);

describe("the messages sent to client components (issue 16: page weight)", () => {
  const modules = clientModules();
  const used = new Map<string, string>();
  for (const file of modules) {
    for (const dotted of usedPaths(fs.readFileSync(file, "utf8"), zhCN)) used.set(dotted, path.relative(ROOT, file));
  }

  it("finds the client bundle's modules and what they translate", () => {
    expect(modules.map((file) => path.relative(ROOT, file))).toEqual(
      expect.arrayContaining(["app/error.tsx", "components/accounts/UserForm.tsx", "lib/indicators/units.ts"]),
    );
    expect(used.get("users.saved")).toBe("components/accounts/UserForm.tsx");
    expect(used.get("measureUnits.suffix")).toBe("lib/indicators/units.ts");
  });

  it("covers every message path a client module uses", () => {
    const missing = [...used].filter(([dotted]) => !CLIENT_MESSAGE_PATHS.some((entry) => covers(entry, dotted)));
    expect(missing.map(([dotted, file]) => `${dotted} (${file})`)).toEqual([]);
  });

  it("names nothing that no client module uses", () => {
    const unused = CLIENT_MESSAGE_PATHS.filter((entry) => ![...used.keys()].some((dotted) => covers(entry, dotted)));
    expect(unused).toEqual([]);
  });

  it("names paths that exist in both languages", () => {
    for (const entry of CLIENT_MESSAGE_PATHS) {
      expect(node(zhCN, entry), entry).toBeDefined();
      expect(node(en, entry), entry).toBeDefined();
    }
  });

  it("picks only the listed paths, nested as in the catalogue, and is smaller than it", () => {
    const picked = pickMessages(zhCN);
    expect(Object.keys(picked)).not.toContain("auditLog");
    expect(node(picked, "plans.cycles")).toEqual(node(zhCN, "plans.cycles"));
    expect(node(picked, "plans.form")).toEqual(node(zhCN, "plans.form"));
    expect(node(picked, "units.registry")).toEqual(node(zhCN, "units.registry"));
    expect(Object.keys(node(picked, "plans") as Messages).sort()).toEqual(
      CLIENT_MESSAGE_PATHS.filter((entry) => entry.startsWith("plans."))
        .map((entry) => entry.split(".")[1])
        .sort(),
    );
    const size = (messages: Messages) => Buffer.byteLength(JSON.stringify(messages));
    console.info(`client messages: ${size(picked)} of ${size(zhCN)} bytes (zh-CN), ${size(pickMessages(en))} of ${size(en)} (en)`);
    expect(size(picked)).toBeLessThan(size(zhCN) * 0.5);
  });
});

describe("usedPaths", () => {
  const messages = { a: { b: "x", c: { d: "y" } }, e: { f: "z" } };
  it("reads literal, template and dynamic keys of a namespaced translator, and literal paths of a root one", () => {
    expect([...usedPaths(`const t = useTranslations("a"); t("b"); t(\`c.\${k}\`);`, messages)].sort()).toEqual(["a.b", "a.c"]);
    expect([...usedPaths(`const t = useTranslations(); t("e.f"); t(\`a.c.\${k}\`);`, messages)].sort()).toEqual(["a.c", "e.f"]);
    expect([...usedPaths(`const t = useTranslations("a"); t(key);`, messages)]).toEqual(["a"]);
    expect([...usedPaths(`const t = useTranslations("a"); t("b"); describe(t, x);`, messages)].sort()).toEqual(["a", "a.b"]);
  });
});
