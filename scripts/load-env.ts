import nextEnv from "@next/env";
import { env, InvalidEnvironmentError, type Env } from "@/lib/core/env";

/**
 * Loads .env files the way Next.js does (so scripts and the server agree), validates
 * them and exits with the validation message when something is wrong.
 */
export function loadScriptEnv(): Env {
  nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
  try {
    return env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
