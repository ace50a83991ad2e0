/**
 * A second (and third) app process for tests/integration/several-processes.test.ts: signs in with
 * the given attempts through the app's own login(), all at once, on the database in DATABASE_URL.
 * Prints "ready", waits for "go" on stdin (so the processes start together), then prints one JSON
 * line with each attempt's outcome.
 *
 * Run: node --import tsx --import ./scripts/support/server-only.mjs tests/support/login-attempts.ts '<json>'
 */
import readline from "node:readline";
import { login } from "@/lib/core/auth/login";

interface Attempt {
  username: string;
  password: string;
  ip: string;
}

const { attempts, now } = JSON.parse(process.argv[2]!) as { attempts: Attempt[]; now: string };
console.log("ready");
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== "go") continue;
  const results = await Promise.all(
    attempts.map((attempt) =>
      login({ username: attempt.username, password: attempt.password }, { ip: attempt.ip, userAgent: "second process" }, new Date(now)),
    ),
  );
  console.log(JSON.stringify(results.map((result) => (result.ok ? "ok" : result.throttled ? "throttled" : "refused"))));
  break;
}
lines.close();
const { db } = await import("@/lib/core/db");
await db.$disconnect();
