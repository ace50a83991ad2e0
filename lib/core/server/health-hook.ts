import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkHealth, type HealthReport } from "@/lib/core/health";
import { FIXED_RESPONSE_HEADERS } from "@/lib/core/security-headers";
import type { RequestHook } from "./request-hooks";

/**
 * The health check answered below Next.js. `GET /api/health` (app/api/health/route.ts) went through
 * Next.js's routing, its request and response objects and a dozen awaits, each waiting its turn on
 * an event loop busy with the renders and saves a load brings; a monitor then saw a slow answer
 * from a process that was in fact answering. Here the same check (`checkHealth`: one `SELECT 1`,
 * the migrations and the evidence folder as remembered) runs as soon as the request arrives, in
 * the same process, on the same event loop and database connection as the pages: a process that
 * is stalled still answers late or not at all. Where the hook is not preloaded the route answers.
 */

export const HEALTH_PATH = "/api/health";

/** The answer of the check, as both the route and the hook send it. */
export function healthAnswer(report: HealthReport): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    body: JSON.stringify(report),
  };
}

/** Runs the check and writes its answer (with the headers every answer of the portal carries). */
export async function serveHealth(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const answer = healthAnswer(await checkHealth());
  if (response.headersSent) return true;
  for (const { key, value } of FIXED_RESPONSE_HEADERS) response.setHeader(key, value);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  response.setHeader("Content-Length", Buffer.byteLength(answer.body));
  response.statusCode = answer.status;
  response.end(request.method === "HEAD" ? undefined : answer.body);
  return true;
}

/** The hook of the health check: GET and HEAD of /api/health, with or without a query string. */
export function healthHook(): RequestHook {
  return {
    wants: (request) => (request.method === "GET" || request.method === "HEAD") && (request.url ?? "").split("?", 1)[0] === HEALTH_PATH,
    serve: serveHealth,
  };
}
