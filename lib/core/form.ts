import { z } from "zod";

/** An optional form field: the empty string a form sends for "nothing" becomes undefined. */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());
}

/**
 * The largest id or counter the database holds (a signed 32-bit integer, Prisma's `Int`). A
 * larger number in a link or a form is refused as invalid here, never sent to the database.
 */
export const MAX_DB_INT = 2_147_483_647;

/** A required whole-number id sent as a string by a form: 1 … MAX_DB_INT. */
export const idField = z.coerce.number({ error: "invalid" }).int("invalid").positive("invalid").max(MAX_DB_INT, "invalid");

/** The version a form was opened at, for optimistic concurrency. */
export const versionField = z.coerce.number({ error: "invalid" }).int("invalid").min(1, "invalid").max(MAX_DB_INT, "invalid");

/** Reads a FormData into a plain object; keys sent more than once become arrays. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key);
    result[key] = values.length > 1 ? values : values[0];
  }
  return result;
}

/** A schema's refusal as field → message key (under `validation`), the first issue of each field. */
export function fieldErrorKeys(error: z.ZodError): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const issue of error.issues) keys[String(issue.path[0] ?? "form")] ??= issue.message;
  return keys;
}

/**
 * The one file an upload form posts under `name`, for its schema: the file itself, or — when more
 * than one came — a marker `uploadField` refuses with `oneFileOnly` (a form that takes one file
 * never keeps the first and drops the rest unseen).
 */
export function postedFile(formData: FormData, name = "file"): unknown {
  const files = formData.getAll(name);
  return files.length > 1 ? { count: files.length } : files[0];
}

/** A single uploaded file: `postedFile`'s value, refused as `oneFileOnly` when several came, else `missing` unless a non-empty File. */
export function uploadField(missing: string) {
  return z
    .unknown()
    .refine((value) => !(typeof value === "object" && value !== null && "count" in value && !(value instanceof File)), "oneFileOnly")
    .pipe(z.instanceof(File, { error: missing }).refine((file) => file.size > 0, missing));
}
