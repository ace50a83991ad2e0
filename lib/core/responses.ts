import "server-only";
import { isAppError } from "./errors";

/** The response a route handler gives for a data-layer refusal; anything unexpected is rethrown. */
export function refusalResponse(error: unknown): Response {
  if (!isAppError(error)) throw error;
  if (error.code === "UNAUTHENTICATED") return new Response("请先登录 / sign in first", { status: 401 });
  if (error.code === "NOT_FOUND") return new Response("未找到 / not found", { status: 404 });
  return new Response("无权访问 / forbidden", { status: 403 });
}
