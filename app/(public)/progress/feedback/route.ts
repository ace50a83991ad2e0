import zh from "@/messages/zh-CN.json";
import en from "@/messages/en.json";
import { clientIp } from "@/lib/core/request";
import { FEEDBACK_WINDOW_MS, submitPublicFeedback } from "@/lib/feedback/server/public";

/**
 * POST /progress/feedback: the public page's rating form (works without JavaScript: a plain form
 * post, answered with a redirect back to the section with the outcome in the query string, which
 * the page shows; a query-string request is never served from the HTML cache). Anonymous: no
 * session, so no runAction. `proxy.ts` has already refused another origin (403) and a body without
 * a length or over the server-action limit (lib/core/http-guards.ts: every POST outside /api/);
 * here the body is bounded far lower. Too many submissions from one address: 429 with a Chinese
 * message and Retry-After.
 */
export const dynamic = "force-dynamic";

/** A rating form is a few hundred bytes; 500 characters of comment at most 6 KB encoded. */
const MAX_BODY_BYTES = 16 * 1024;

function escapeHtml(value: string) {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function plainRefusal(status: number, zhText: string, enText: string, headers: Record<string, string> = {}) {
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(zhText)}</title></head><body><p>${escapeHtml(zhText)}</p><p lang="en">${escapeHtml(enText)}</p><p><a href="/progress">${escapeHtml(zh.publicFeedback.back)}</a> · <a href="/progress" lang="en">${escapeHtml(en.publicFeedback.back)}</a></p></body></html>`;
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES) return plainRefusal(413, zh.publicFeedback.tooLarge, en.publicFeedback.tooLarge);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return plainRefusal(400, zh.publicFeedback.badRequest, en.publicFeedback.badRequest);
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  const result = await submitPublicFeedback(fields, await clientIp());
  if (result.outcome === "throttled") {
    return plainRefusal(429, zh.publicFeedback.outcomes.throttled, en.publicFeedback.outcomes.throttled, {
      "Retry-After": String(Math.ceil(FEEDBACK_WINDOW_MS / 1000)),
    });
  }
  const query = new URLSearchParams({ feedback: result.outcome });
  if (result.sectionId !== null) query.set("section", String(result.sectionId));
  if (result.outcome === "invalid") query.set("fields", Object.keys(result.fieldErrors).join(","));
  const anchor = result.sectionId !== null ? `#feedback-${result.sectionId}` : "";
  return new Response(null, { status: 303, headers: { Location: `/progress?${query.toString()}${anchor}`, "Cache-Control": "no-store" } });
}
