/**
 * Malformed input never becomes a server error. Every server action found in lib/**\/actions*
 * (discovered as the access matrix's scan does, so a new action is fuzzed without editing this
 * file) gets ≥ 200 malformed FormData bodies — wrong types, huge strings, NUL and other control
 * characters, unicode, negative and overflowing numbers, missing fields, repeated keys (arrays),
 * prototype-pollution keys, files with hostile names — as ADMIN and as a liaison; every route
 * handler's GET gets ≥ 200 malformed queries and [id] params. No call may throw, answer 5xx or
 * report an unexpected error, and no business table may change (a body that happens to be
 * valid is listed in ACCEPTED_BY_DESIGN, or the test fails naming it).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/core/actor";
import { db } from "@/lib/core/db";
import { getActor } from "@/lib/core/session";
import { actorFor } from "../support/actors";

vi.mock("@/lib/core/session", () => ({ getActor: vi.fn(), getSessionState: vi.fn() }));
vi.mock("next-intl/server", async () => (await import("../support/next-runtime")).nextIntlServerMock());
vi.mock("next/cache", async () => (await import("../support/next-runtime")).nextCacheMock());
vi.mock("next/headers", async () => (await import("../support/next-runtime")).nextHeadersMock());
vi.mock("next/server", async () => (await import("../support/next-runtime")).nextServerMock());

const ROOT = path.resolve(import.meta.dirname, "../..");

function filesUnder(dir: string): string[] {
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .map((file) => path.join(dir, file))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
}

/**
 * Actions that take no input, so any body is a valid call: marking the own inbox read,
 * verifying the audit chain, switching the language (a cookie only).
 */
const ACCEPTED_BY_DESIGN = new Set(["markAllReadAction", "verifyAuditAction", "setLocale"]);

/** Every field name a schema or action of the app reads, so malformed values reach real fields. */
function fieldNames(): string[] {
  const sources = filesUnder("lib").filter((file) => /(^|\/)(schemas|actions)(\.ts$|\/)/.test(file));
  const names = new Set<string>([
    "unit-1",
    "unit-99999999999",
    "link-1",
    "link-2147483648",
    "output_name_0",
    "output_value_0",
    "output_unit_0",
  ]);
  for (const file of sources) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const [, name] of text.matchAll(
      /\b([a-z][A-Za-z0-9]{1,30})\s*:\s*(?:optionalField|idField|versionField|z\.|year|numberField|yearField|[a-z]+Field|[a-zA-Z]+Schema)/g,
    ))
      names.add(name!);
    for (const [, name] of text.matchAll(/formData\.get(?:All)?\("([^"]+)"\)/g)) names.add(name!);
  }
  return [...names].sort();
}

const HUGE = "长".repeat(100_000);
const MALFORMED: string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "\r\n\r\n",
  "-1",
  "0",
  "1.5",
  "-0",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1e309",
  "99999999999999999999",
  "2147483648",
  "-2147483649",
  "9007199254740993",
  "0x10",
  "1e3",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"__proto__":{"polluted":1}}',
  HUGE,
  "😀".repeat(5_000),
  "\u202eexe.pdf",
  "<script>alert(1)</script>",
  "'; DROP TABLE User; --",
  "../../etc/passwd",
  "2025-02-30",
  "99999-12-31",
  "=CMD|' /C calc'!A0",
  "\ud800",
];

const POLLUTION_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "__proto__[polluted]",
  "constructor[prototype][polluted]",
  "toString",
  "hasOwnProperty",
];

function file(name: string, bytes: Uint8Array = new TextEncoder().encode("%PDF-1.4\n%%EOF\n")) {
  return new File([bytes as BlobPart], name, { type: "application/pdf" });
}
const HOSTILE_FILES = () => [
  file("a\u0000.pdf"),
  file("报告\u0000.xlsx"),
  file("\u0001\u0002.pdf"),
  file("../../x.pdf"),
  file("\u202efdp.exe"),
  file("x".repeat(300) + ".pdf"),
  file("空.pdf", new Uint8Array()),
  file("plan.xlsx", new TextEncoder().encode("PK\u0003\u0004not really a zip")),
];

/** A value for a field that looks well-formed, so other fields' malformed values get past the first check. */
function plausible(name: string): string {
  // An id of the right form that names nothing: it gets past the schema, never makes a valid call.
  if (/id$|Id$|^unit-|^link-/.test(name)) return "2000000000";
  if (/version|page|year|completion|value/i.test(name)) return "1";
  if (/date|deadline|from|to|At$/i.test(name)) return "2025-09-30";
  return "测试";
}

function formOf(entries: [string, string | File][]): FormData {
  const form = new FormData();
  for (const [key, value] of entries) form.append(key, value);
  return form;
}

/** At least 200 malformed bodies over the given field names. */
function malformedBodies(names: string[]): FormData[] {
  const bodies: FormData[] = [formOf([])];
  for (const value of MALFORMED) {
    bodies.push(formOf(names.map((name) => [name, value]))); // every field malformed
    bodies.push(formOf(names.flatMap((name) => [[name, value] as [string, string], [name, "1"] as [string, string]]))); // repeated keys
    bodies.push(formOf(names.map((name) => [name, /id$|Id$|version/i.test(name) ? value : plausible(name)]))); // ids malformed
    bodies.push(formOf(names.map((name) => [name, /id$|Id$|version/i.test(name) ? plausible(name) : value]))); // the rest malformed
  }
  for (const key of POLLUTION_KEYS) bodies.push(formOf([...names.map((name) => [name, plausible(name)] as [string, string]), [key, "1"]]));
  for (const hostile of HOSTILE_FILES())
    bodies.push(formOf([...names.map((name) => [name, plausible(name)] as [string, string]), ["file", hostile]]));
  names.forEach((name, index) => bodies.push(formOf([[name, MALFORMED[index % MALFORMED.length]!]]))); // one field only
  return bodies;
}

/** Every table but the audit trail (a refusal is audited) and login bookkeeping, row by row. */
const MODELS = [...fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8").matchAll(/^model (\w+) \{/gm)]
  .map(([, name]) => name!)
  .filter((name) => !["AuditEvent", "LoginThrottle"].includes(name));

async function businessSnapshot(): Promise<string> {
  // On PostgreSQL the server digests each table's rows itself (one query, a few hundred bytes back):
  // fetching every row through the pool twice per case made this file minutes slower.
  if (process.env.TEST_DATABASE_PROVIDER === "postgresql") {
    const digests = await db.$queryRawUnsafe<{ name: string; digest: string | null }[]>(
      MODELS.map((name) => `SELECT '${name}' AS name, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${name}" t`).join(
        " UNION ALL ",
      ),
    );
    return JSON.stringify(digests);
  }
  const client = db as unknown as Record<string, { findMany: (args: object) => Promise<unknown[]> }>;
  const tables = await Promise.all(MODELS.map((name) => client[name[0]!.toLowerCase() + name.slice(1)]!.findMany({})));
  return JSON.stringify(tables);
}

type ActionFn = (...args: unknown[]) => Promise<unknown>;

async function discoverActions(): Promise<{ name: string; fn: ActionFn }[]> {
  const modules = filesUnder("lib").filter((file) => /^lib\/(.*\/)?actions(\.ts$|\/)/.test(file));
  const found: { name: string; fn: ActionFn }[] = [];
  for (const file of modules) {
    const exports: Record<string, unknown> = await import(/* @vite-ignore */ path.join(ROOT, file));
    for (const [name, value] of Object.entries(exports)) if (typeof value === "function") found.push({ name, fn: value as ActionFn });
  }
  return found;
}

function isRedirect(error: unknown): boolean {
  return typeof (error as { digest?: unknown })?.digest === "string" && (error as { digest: string }).digest.startsWith("NEXT_");
}

const tally = { actionCases: 0, routeCases: 0, serverErrors: 0, unexpected: [] as string[] };

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "kepu-fuzz-uploads-"));
let consoleError: { mock: { calls: unknown[][] }; mockRestore: () => void };
beforeAll(() => {
  process.env.UPLOAD_DIR = uploadDir;
  // An unexpected error is logged by runAction; count those as failures instead of printing them.
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterAll(() => {
  consoleError.mockRestore();
  fs.rmSync(uploadDir, { recursive: true, force: true });
  console.info(
    `fuzz: ${tally.actionCases} server-action bodies and ${tally.routeCases} route requests sent; ` +
      `${tally.serverErrors} 5xx responses, ${tally.unexpected.length} unexpected errors`,
  );
});

const SUBJECTS = [
  { label: "ADMIN", username: "kxadmin" },
  { label: "LIAISON", username: "futian" },
];

const actions = await discoverActions();
const NAMES = fieldNames();

describe("server actions refuse malformed bodies without an unexpected error or a change", () => {
  it("finds the actions and the fields they read", () => {
    expect(actions.map((action) => action.name)).toEqual(
      expect.arrayContaining(["saveReportAction", "uploadAttachmentAction", "createUnitAction"]),
    );
    expect(NAMES).toEqual(expect.arrayContaining(["reportId", "roundId", "version", "file"]));
    expect(malformedBodies(NAMES).length).toBeGreaterThanOrEqual(200);
  });

  for (const subject of SUBJECTS) {
    for (const action of actions) {
      it(`${action.name} as ${subject.label}`, { timeout: 120_000 }, async () => {
        const actor: Actor = await actorFor(subject.username);
        vi.mocked(getActor).mockResolvedValue(actor);
        const before = await businessSnapshot();
        const accepted: string[] = [];
        const problems: string[] = [];
        const errorsBefore = consoleError.mock.calls.length;
        const bodies = malformedBodies(NAMES);
        for (const [index, body] of bodies.entries()) {
          tally.actionCases++;
          try {
            const result = (action.fn.length <= 1 ? await action.fn(body) : await action.fn(null, body)) as
              { ok?: boolean; error?: string } | undefined;
            if (result?.error === "UNEXPECTED") problems.push(`body ${index}: UNEXPECTED`);
            else if (result === undefined || result?.ok) accepted.push(`body ${index}`);
          } catch (error) {
            if (isRedirect(error)) accepted.push(`body ${index} (redirect)`);
            else problems.push(`body ${index}: threw ${String(error).slice(0, 200)}`);
          }
        }
        const logged = consoleError.mock.calls.slice(errorsBefore).map((call: unknown[]) => String(call[1] ?? call[0]).slice(0, 200));
        tally.unexpected.push(...problems.map((problem) => `${action.name}/${subject.label} ${problem}`));
        expect(problems, `unexpected errors; logged: ${logged.slice(0, 3).join(" | ")}`).toEqual([]);
        if (ACCEPTED_BY_DESIGN.has(action.name)) return;
        expect(accepted, "malformed bodies the action accepted").toEqual([]);
        expect(await businessSnapshot()).toBe(before);
      });
    }
  }
});

/** Query keys the route handlers read, plus the field names, and malformed [id] params. */
const QUERY_KEYS = [
  ...new Set([
    "round",
    "unit",
    "section",
    "plan",
    "kind",
    "format",
    "from",
    "to",
    "highlight",
    "district",
    "districts",
    "page",
    "q",
    "username",
    "action",
    "result",
    "role",
    "state",
    "light",
    ...NAMES,
  ]),
];

/** A value as a query string carries it (a lone surrogate cannot be encoded: it becomes U+FFFD). */
const encode = (value: string) => encodeURIComponent(value.slice(0, 2_000).toWellFormed());

function malformedQueries(): string[] {
  // Percent-encoding that decodes to nothing valid.
  const queries: string[] = ["", "round=%E0%A4%A&kind=%ZZ", "round=%ED%A0%80&unit=%C0%AF", "%00=%00&round=1%00"];
  for (const value of MALFORMED) {
    const encoded = encode(value);
    queries.push(QUERY_KEYS.map((key) => `${key}=${encoded}`).join("&"));
    queries.push(QUERY_KEYS.map((key) => `${key}=${encoded}&${key}=1`).join("&"));
    queries.push(`round=${encoded}&kind=summary&format=csv`);
    queries.push(`round=1&highlight=${encoded}&highlight=${encoded}`);
  }
  for (const key of POLLUTION_KEYS) queries.push(`${encodeURIComponent(key)}=1&round=1`);
  QUERY_KEYS.forEach((key, index) => queries.push(`${key}=${encode(MALFORMED[index % MALFORMED.length]!)}`));
  return queries;
}

const ROUTE_FILES = filesUnder("app").filter((file) => path.basename(file) === "route.ts" && !file.includes("[...nextauth]"));

describe("route handlers answer malformed queries and ids with a 4xx, never a 5xx", () => {
  it("finds the route handlers", () => {
    expect(ROUTE_FILES.length).toBeGreaterThanOrEqual(5);
    expect(malformedQueries().length).toBeGreaterThanOrEqual(200);
  });

  for (const subject of SUBJECTS) {
    for (const file of ROUTE_FILES) {
      const url = `/${path
        .dirname(path.relative("app", file))
        .split(path.sep)
        .filter((segment) => !/^\(.*\)$/.test(segment))
        .join("/")}`;
      it(`GET ${url} as ${subject.label}`, { timeout: 180_000 }, async () => {
        const route = (await import(/* @vite-ignore */ path.join(ROOT, file))) as {
          GET?: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
        };
        if (!route.GET) return;
        vi.mocked(getActor).mockResolvedValue(await actorFor(subject.username));
        const before = await businessSnapshot();
        const ids = url.includes("[id]") ? MALFORMED.map((value) => value.slice(0, 2_000).toWellFormed()) : ["1"];
        const problems: string[] = [];
        const requests = url.includes("[id]")
          ? ids.flatMap((id) =>
              malformedQueries()
                .slice(0, 8)
                .map((query) => ({ id, query })),
            )
          : malformedQueries().map((query) => ({ id: "1", query }));
        for (const { id, query } of requests) {
          tally.routeCases++;
          try {
            const response = await route.GET(new Request(`http://localhost${url.replace("[id]", encode(id))}?${query}`), {
              params: Promise.resolve({ id }),
            });
            if (response.status >= 500) {
              tally.serverErrors++;
              problems.push(`${response.status} for id=${JSON.stringify(id.slice(0, 20))} ?${query.slice(0, 80)}`);
            }
          } catch (error) {
            problems.push(`threw ${String(error).slice(0, 200)} for id=${JSON.stringify(id.slice(0, 20))} ?${query.slice(0, 80)}`);
          }
        }
        tally.unexpected.push(...problems.map((problem) => `GET ${url}/${subject.label} ${problem}`));
        expect(problems).toEqual([]);
        expect(requests.length).toBeGreaterThanOrEqual(200);
        expect(await businessSnapshot()).toBe(before);
      });
    }
  }
});
