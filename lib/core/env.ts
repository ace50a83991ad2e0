import { z } from "zod";
import { parseTrustProxy } from "./trusted-proxy";

/**
 * Every environment variable the app reads, validated once at boot (instrumentation.ts,
 * scripts/start.ts). `.env.example` documents each one; keep the two in step.
 */
const booleanFlag = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1");

const positiveInteger = (max: number) =>
  z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(1).max(max);

/** Whether `value` is standard base64 of 16, 24 or 32 bytes (an AES-128/192/256 key). */
export function isAesKeyInBase64(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  return [16, 24, 32].includes(Buffer.from(value, "base64").byteLength);
}

/** What module-level code (the database client) needs; the rest is read at request time. */
/** Where evidence files go when UPLOAD_DIR is not set (relative to the working directory). */
export const DEFAULT_UPLOAD_DIR = "./data/uploads";

/** The audit chain's HMAC key file when neither AUDIT_HMAC_KEY nor AUDIT_HMAC_KEY_FILE is set (generated on first start). */
export const DEFAULT_AUDIT_KEY_FILE = "./data/audit-hmac.key";
/** Where the audit trail's head is anchored when AUDIT_ANCHOR_DIR is not set. */
export const DEFAULT_AUDIT_ANCHOR_DIR = "./data/audit-anchors";

const databaseSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("file:./data/app.db")
    .refine((value) => value.startsWith("file:") || /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
      message: 'must be a SQLite file URL such as "file:./data/app.db" or a PostgreSQL URL such as "postgresql://app@db.example:5432/kepu"',
    }),
  // FULL: a write the app has acknowledged survives a power cut (SQLite syncs the WAL on every
  // commit); NORMAL is faster but may lose the last commits on power loss (never corrupts).
  // PostgreSQL only: connections in each server process's pool.
  DB_POOL_SIZE: positiveInteger(200).optional(),
  DB_SYNCHRONOUS: z.enum(["FULL", "NORMAL"], { message: "must be FULL or NORMAL" }).default("FULL"),
});

/** Where `npm start` and `npm run db:migrate` put the backup taken before applying migrations. */
export const DEFAULT_BACKUP_DIR = "./data/backups";

/** Below this much free space (MB) where evidence is stored, the health check answers 503. */
export const DEFAULT_UPLOAD_MIN_FREE_MB = 512;

const uploadMinFreeSchema = z.object({
  UPLOAD_MIN_FREE_MB: z.coerce
    .number({ message: "must be a whole number of megabytes" })
    .int("must be a whole number of megabytes")
    .min(0)
    .max(1_000_000_000)
    .default(DEFAULT_UPLOAD_MIN_FREE_MB),
});

const envSchema = databaseSchema
  .extend({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3000),
    // How many server processes `npm start` runs on PORT (scripts/support/cluster-server.ts); default one per CPU core, at most 8.
    WEB_CONCURRENCY: positiveInteger(8).optional(),
    // How many requests each server process lets Next.js work on at once, the rest waiting their turn (lib/core/server/request-hooks.ts).
    SERVER_REQUEST_CONCURRENCY: positiveInteger(64).optional(),
    NEXTAUTH_SECRET: z
      .string({ message: "is required: a random string of at least 32 characters (npm start writes one into .env)" })
      .min(32, "must be at least 32 characters long"),
    // Next.js's key for server actions' encrypted values (node_modules/next/dist/docs/01-app/02-guides/self-hosting.md):
    // base64 of an AES key of 16, 24 or 32 bytes; every instance must use the same one.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
      .string()
      .refine(isAesKeyInBase64, {
        message:
          "must be base64 of 16, 24 or 32 random bytes, e.g. the output of `openssl rand -base64 32` (npm start writes one into .env)",
      })
      .optional(),
    NEXTAUTH_URL: z.url({ message: "must be the full address users open, e.g. https://kepu.example.gov.cn" }).optional(),
    LOGIN_MAX_FAILURES: positiveInteger(100).default(5),
    LOGIN_LOCK_MINUTES: positiveInteger(24 * 60).default(15),
    LOGIN_ADDRESS_MAX_FAILURES: positiveInteger(100_000).default(10),
    LOGIN_ADDRESS_WINDOW_MINUTES: positiveInteger(24 * 60).default(15),
    SESSION_IDLE_MINUTES: positiveInteger(24 * 60).default(30),
    SESSION_MAX_HOURS: positiveInteger(7 * 24).default(12),
    SEED_DEMO_ACCOUNTS: booleanFlag.default(true),
    SEED_DEMO_DATA: booleanFlag.default(true),
    NEAR_DEADLINE_DAYS: z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(0).max(90).default(7),
    // 公众评价: a rating form sent sooner than this after it was issued is taken for a bot (lib/feedback/form-token.ts).
    FEEDBACK_MIN_FILL_MS: z.coerce.number({ message: "must be a whole number of milliseconds" }).int().min(0).max(60_000).default(2000),
    UPLOAD_DIR: z.string().default(DEFAULT_UPLOAD_DIR),
    UPLOAD_MIN_FREE_MB: uploadMinFreeSchema.shape.UPLOAD_MIN_FREE_MB,
    BACKUP_DIR: z.string().default(DEFAULT_BACKUP_DIR),
    SMTP_URL: z
      .string()
      .refine((value) => /^smtps?:\/\/[^/\s]+/.test(value) && URL.canParse(value), {
        message: 'must be an SMTP URL such as "smtp://relay.example.gov.cn:25" or "smtps://user:password@relay.example.gov.cn:465"',
      })
      .optional(),
    SMTP_FROM: z.string().trim().min(3).max(200).optional(),
    // Which reverse proxies may set X-Forwarded-For/-Host (lib/core/trusted-proxy.ts); none by default.
    TRUST_PROXY: z
      .string()
      .optional()
      .superRefine((value, context) => {
        try {
          parseTrustProxy(value);
        } catch (error) {
          context.addIssue({
            code: "custom",
            message: `must be false, a number of proxies or their addresses: ${(error as Error).message}`,
          });
        }
      }),
    // The audit chain's HMAC key (lib/audit/keys.ts): the key itself, or a file holding it; never in the database.
    AUDIT_HMAC_KEY: z.string().min(32, "must be at least 32 characters long").optional(),
    AUDIT_HMAC_KEY_FILE: z.string().default(DEFAULT_AUDIT_KEY_FILE),
    AUDIT_HMAC_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,32}$/, "must be 1–32 letters, digits, dots, dashes or underscores")
      .optional(),
    AUDIT_HMAC_OLD_KEYS_FILE: z.string().optional(),
    AUDIT_ANCHOR_DIR: z.string().default(DEFAULT_AUDIT_ANCHOR_DIR),
  })
  .superRefine((value, context) => {
    if (value.SMTP_URL && !value.SMTP_FROM) {
      context.addIssue({
        code: "custom",
        path: ["SMTP_FROM"],
        message: 'is required when SMTP_URL is set, e.g. "深圳市科协 <kepu@example.gov.cn>"',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        "环境变量配置有误，应用无法启动 / Invalid environment, the app cannot start:",
        ...problems.map((problem) => `  - ${problem}`),
        "参见 .env.example 中每个变量的说明 / See .env.example for what each variable means.",
      ].join("\n"),
    );
    this.name = "InvalidEnvironmentError";
  }
}

const SECRET_VARIABLES = new Set(["NEXTAUTH_SECRET", "SMTP_URL", "AUDIT_HMAC_KEY", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"]);

function parseWith<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  // An empty string means "not set" for every variable (as in a copied .env.example).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "(environment)";
        // Never echo a secret (the session secret, a relay URL that may carry a password) into logs.
        const given = typeof cleaned[name] === "string" && !SECRET_VARIABLES.has(name) ? ` (got "${cleaned[name]}")` : "";
        return `${name}: ${issue.message}${given}`;
      }),
    );
  }
  return result.data;
}

/** Parses the given variables; throws one error naming every bad or missing variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(envSchema, source);
}

/** The database URL alone, so that building the app never needs the session secret. */
export function databaseUrl(): string {
  return parseWith(databaseSchema, process.env).DATABASE_URL;
}

/** synchronous=FULL or NORMAL for every connection the app opens (default FULL). */
export function databaseSynchronous(): "FULL" | "NORMAL" {
  return parseWith(databaseSchema, process.env).DB_SYNCHRONOUS;
}

/** The free-space floor of the evidence folder in bytes, read at request time (the health check). */
export function uploadMinFreeBytes(): number {
  return parseWith(uploadMinFreeSchema, process.env).UPLOAD_MIN_FREE_MB * 1024 * 1024;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
