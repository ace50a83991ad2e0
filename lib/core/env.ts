import { z } from "zod";

/**
 * Every environment variable the app reads, validated once at boot (instrumentation.ts,
 * scripts/start.ts). `.env.example` documents each one; keep the two in step.
 */
const booleanFlag = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((value) => value === "true" || value === "1");

const positiveInteger = (max: number) =>
  z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(1).max(max);

/** What module-level code (the database client) needs; the rest is read at request time. */
/** Where evidence files go when UPLOAD_DIR is not set (relative to the working directory). */
export const DEFAULT_UPLOAD_DIR = "./data/uploads";

const databaseSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("file:./data/app.db")
    .refine((value) => value.startsWith("file:"), {
      message: 'must be a SQLite file URL such as "file:./data/app.db"',
    }),
});

const envSchema = databaseSchema
  .extend({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3000),
    NEXTAUTH_SECRET: z
      .string({ message: "is required: a random string of at least 32 characters (npm start writes one into .env)" })
      .min(32, "must be at least 32 characters long"),
    NEXTAUTH_URL: z.url({ message: "must be the full address users open, e.g. https://kepu.example.gov.cn" }).optional(),
    LOGIN_MAX_FAILURES: positiveInteger(100).default(5),
    LOGIN_LOCK_MINUTES: positiveInteger(24 * 60).default(15),
    SESSION_IDLE_MINUTES: positiveInteger(24 * 60).default(30),
    SESSION_MAX_HOURS: positiveInteger(7 * 24).default(12),
    SEED_DEMO_ACCOUNTS: booleanFlag.default(true),
    SEED_DEMO_DATA: booleanFlag.default(true),
    NEAR_DEADLINE_DAYS: z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(0).max(90).default(7),
    UPLOAD_DIR: z.string().default(DEFAULT_UPLOAD_DIR),
    SMTP_URL: z
      .string()
      .refine((value) => /^smtps?:\/\/[^/\s]+/.test(value) && URL.canParse(value), {
        message: 'must be an SMTP URL such as "smtp://relay.example.gov.cn:25" or "smtps://user:password@relay.example.gov.cn:465"',
      })
      .optional(),
    SMTP_FROM: z.string().trim().min(3).max(200).optional(),
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

const SECRET_VARIABLES = new Set(["NEXTAUTH_SECRET", "SMTP_URL"]);

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

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
