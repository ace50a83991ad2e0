/**
 * Checks on a server-action request made before Next.js reads it, called from `proxy.ts`.
 * Next.js itself refuses a cross-origin action and an action body over
 * `serverActions.bodySizeLimit`, but answers both with a 500 and a stack-free English log line;
 * here they get a 403 and a 413 (a body of unknown length, 411) with a message in Chinese first.
 *
 * Plain code (no `server-only`, no database): the proxy runs before any page or action.
 */
import zh from "@/messages/zh-CN.json";
import en from "@/messages/en.json";

/** The size limit of a server action's body; `next.config.ts` sets `bodySizeLimit: "21mb"` (checked by a test). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 21 * 1024 * 1024;

type GuardMessage = keyof typeof zh.httpGuards;

function refusal(status: number, key: GuardMessage): Response {
  return new Response(`${zh.httpGuards[key]}\n${en.httpGuards[key]}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The host Next.js compares an action's `Origin` with: the first `X-Forwarded-Host`, else `Host`. */
function expectedHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

function originHost(origin: string): string | null {
  if (origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Whether a request may be a server-action call: any POST to a page (outside `/api/`). With
 * JavaScript a form posts with a `Next-Action` header; before hydration it posts the form
 * itself, and Next.js treats every multipart POST to a page as a possible action.
 */
export function isServerActionRequest(request: Request): boolean {
  return request.method === "POST" && !new URL(request.url).pathname.startsWith("/api/");
}

/**
 * The refusal for a server-action request that Next.js would otherwise fail with a 500, or
 * null to let it through: 403 when it comes from another origin (an `Origin` that is `null`,
 * malformed or names another host than the one addressed), 411 when it gives no length, 413
 * when its declared length exceeds the limit. A request without `Origin` is let through as
 * Next.js does (a browser always sends one with a POST).
 */
export function guardServerAction(request: Request, limitBytes = SERVER_ACTION_BODY_LIMIT_BYTES): Response | null {
  if (!isServerActionRequest(request)) return null;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const host = originHost(origin);
    const expected = expectedHost(request.headers);
    if (host === null || expected === null || host !== expected) return refusal(403, "crossOrigin");
  }
  const length = request.headers.get("content-length");
  if (length === null) return refusal(411, "lengthRequired");
  if (!/^[0-9]+$/.test(length.trim())) return refusal(400, "badRequest");
  if (Number(length) > limitBytes) return refusal(413, "tooLarge");
  return null;
}

/**
 * The refusal for a server-action body Next.js cannot decode (it would answer 500): a
 * non-multipart body that is not JSON, or a multipart body that does not parse as form data.
 * Reads a copy; the proxy passes the original on. Call after `guardServerAction`, which has
 * bounded the length.
 */
export async function guardServerActionBody(request: Request): Promise<Response | null> {
  // Only a call with JavaScript is decoded as a React reply; a form posted before hydration is left to Next.js.
  if (!isServerActionRequest(request) || !request.headers.has("next-action")) return null;
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.toLowerCase().startsWith("multipart/form-data")) await request.clone().formData();
    else JSON.parse(await request.clone().text());
    return null;
  } catch {
    return refusal(400, "badRequest");
  }
}
