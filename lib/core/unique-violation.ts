/**
 * Unique-key violations (Prisma's P2002), read the same way on both databases. A check-then-write
 * ("is this username free? then create it") can still lose a race to a concurrent write — on
 * PostgreSQL's READ COMMITTED transactions in particular — and the database's unique index is then
 * the one that says no. These helpers turn that refusal into the same AppError the check gives,
 * instead of an unexpected error.
 *
 * The error's shape differs by driver adapter: SQLite (better-sqlite3) names the columns
 * (`meta.driverAdapterError.cause.constraint.fields`), PostgreSQL (adapter-pg) names the index
 * (`…constraint.index`, e.g. `User_username_key`); `meta.target` is not set by either. A key is
 * therefore described by its model and columns and, for an index the schema does not name by
 * Prisma's convention (a hand-written partial index), the index name.
 */
import { AppError } from "./errors";

export interface UniqueKey {
  model: string;
  fields: readonly string[];
  /** The index's name when it is not Prisma's default `<Model>_<field>_…_key`. */
  index?: string;
}

export interface UniqueViolation {
  model: string | null;
  /** Columns, when the database names them (SQLite). */
  fields: string[] | null;
  /** Index name, when the database names it (PostgreSQL). */
  index: string | null;
}

interface PrismaLikeError {
  code?: unknown;
  meta?: {
    modelName?: unknown;
    target?: unknown;
    driverAdapterError?: { cause?: { table?: unknown; constraint?: { fields?: unknown; index?: unknown } } };
  };
}

/** The violated key when `error` is a unique-key violation (P2002), else null. */
export function uniqueViolation(error: unknown): UniqueViolation | null {
  if (typeof error !== "object" || error === null || (error as PrismaLikeError).code !== "P2002") return null;
  const meta = (error as PrismaLikeError).meta ?? {};
  const cause = meta.driverAdapterError?.cause;
  const constraint = cause?.constraint;
  const fields = Array.isArray(constraint?.fields)
    ? constraint.fields.map(String)
    : Array.isArray(meta.target)
      ? meta.target.map(String)
      : null;
  const index = typeof constraint?.index === "string" ? constraint.index : typeof meta.target === "string" ? meta.target : null;
  const model = typeof meta.modelName === "string" ? meta.modelName : typeof cause?.table === "string" ? cause.table : null;
  return { model, fields, index };
}

/** Prisma's default name of a unique index: `<Model>_<field>_<field>_key`. */
export function defaultUniqueIndexName(key: UniqueKey): string {
  return `${key.model}_${key.fields.join("_")}_key`;
}

/** Whether `error` is a violation of exactly this key (columns on SQLite, index name on PostgreSQL). */
export function violates(error: unknown, key: UniqueKey): boolean {
  const found = uniqueViolation(error);
  if (!found) return false;
  if (found.index !== null) return found.index === (key.index ?? defaultUniqueIndexName(key));
  if (found.fields === null || (found.model !== null && found.model !== key.model)) return false;
  // SQLite names columns as `Table.column` in its message but the adapter gives bare names; sort: order is the index's.
  const bare = found.fields.map((field) => field.replace(/^.*\./, "")).sort();
  const wanted = [...key.fields].sort();
  return bare.length === wanted.length && bare.every((field, i) => field === wanted[i]);
}

/**
 * Runs a write and turns a violation of one of the given keys into the AppError that goes with it
 * (the same one the write's own check throws when it sees the conflict first). Other errors pass.
 */
export async function onUniqueViolation<T>(
  write: () => Promise<T>,
  rules: ReadonlyArray<readonly [UniqueKey, () => AppError]>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    for (const [key, toError] of rules) if (violates(error, key)) throw toError();
    throw error;
  }
}

/**
 * The last resort for a violation no write site expected: a conflict with a clear message
 * (`errors.duplicateRecord`) rather than the generic unexpected-error page. Used by runAction.
 */
export function duplicateRecordError(): AppError {
  return new AppError("CONFLICT", "duplicateRecord");
}

/** The unique keys the app maps to messages (names as in prisma/schema.prisma). */
export const UNIQUE_KEYS = {
  username: { model: "User", fields: ["username"] },
  unitName: { model: "Unit", fields: ["name"] },
  planCode: { model: "Plan", fields: ["code"] },
  indicatorCode: { model: "Indicator", fields: ["code"] },
  indicatorValue: { model: "IndicatorValue", fields: ["indicatorId", "year", "districtId"] },
  /** Hand-written partial index (lib/core/db/hand-written-indexes.ts): one city-wide value per indicator and year. */
  citywideIndicatorValue: { model: "IndicatorValue", fields: ["indicatorId", "year"], index: "IndicatorValue_citywide_key" },
} as const satisfies Record<string, UniqueKey>;
