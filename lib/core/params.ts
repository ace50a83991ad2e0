import { notFound } from "next/navigation";
import type { z } from "zod";
import { idField } from "./form";

/** A query as pages (`searchParams`) and route handlers (`URLSearchParams`) receive it. */
export type RawQuery = URLSearchParams | Record<string, string | string[] | undefined>;

/** The first value of each key: a link with a key repeated behaves as with its first value. */
function firstValues(query: RawQuery): Record<string, string | undefined> {
  if (query instanceof URLSearchParams)
    return Object.fromEntries([...new Set(query.keys())].map((key) => [key, query.get(key) ?? undefined]));
  return Object.fromEntries(Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

/** For route handlers: the query read with its schema; a refusal is the caller's 400. */
export function parseQuery<S extends z.ZodType>(schema: S, query: RawQuery) {
  return schema.safeParse(firstValues(query));
}

/**
 * For pages: the query read with its schema, leaving out any parameter the schema refuses (named
 * in `ignored`, so the page can say so), so a mangled link shows the page with that filter unset
 * rather than an error. A page whose required parameter is missing or wrong is not found.
 */
export function readPageQuery<S extends z.ZodType>(
  schema: S,
  query: Record<string, string | string[] | undefined>,
): { query: z.output<S>; ignored: string[] } {
  const values = firstValues(query);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { query: parsed.data, ignored: [] };
  const ignored = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  const rest = schema.safeParse(Object.fromEntries(Object.entries(values).filter(([key]) => !ignored.includes(key))));
  if (!rest.success) notFound();
  return { query: rest.data, ignored };
}

/**
 * The `[id]` of a dynamic route as a positive whole number the database can hold (1 …
 * 2147483647, digits only), or null (a route handler's 404): `99999999999999999999`, `1e3`,
 * `0x10` or ` 5` never reach a query.
 */
export async function parseIdParam(params: Promise<{ id: string }>): Promise<number | null> {
  const raw = (await params).id;
  if (typeof raw !== "string" || !/^[0-9]{1,10}$/.test(raw)) return null;
  const parsed = idField.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** For pages: the `[id]` of the route as a positive whole number, or the not-found page. */
export async function readIdParam(params: Promise<{ id: string }>): Promise<number> {
  const id = await parseIdParam(params);
  if (id === null) notFound();
  return id;
}
