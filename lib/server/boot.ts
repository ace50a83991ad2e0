import { env, InvalidEnvironmentError } from "@/lib/env";

/** Refuses to serve with a bad environment, naming the variable, rather than failing on the first request. */
export function checkEnvironmentAtBoot() {
  try {
    env();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
