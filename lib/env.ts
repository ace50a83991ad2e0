import { z } from "zod";

/**
 * Every environment variable the app reads, validated once at boot (instrumentation.ts,
 * scripts/start.ts). `.env.example` documents each one; keep the two in step.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/app.db")
    .refine((value) => value.startsWith("file:"), {
      message: 'must be a SQLite file URL such as "file:./data/app.db"',
    }),
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3000),
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

/** Parses the given variables; throws one error naming every bad or missing variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "not set" for every variable (as in a copied .env.example).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "(environment)";
        const given = typeof cleaned[name] === "string" ? ` (got "${cleaned[name]}")` : "";
        return `${name}: ${issue.message}${given}`;
      }),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
