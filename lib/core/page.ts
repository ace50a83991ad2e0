import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { Actor } from "@/lib/core/actor";
import { isAppError } from "./errors";
import { getSessionState } from "./session";

/**
 * For pages: the signed-in actor, or a redirect to the login page. Not the access check
 * (the data layer does that); it keeps a page whose layout is already redirecting an
 * anonymous visitor from also reading data, which would fill the audit trail with noise.
 */
export async function requirePageActor(): Promise<Actor> {
  const state = await getSessionState();
  if (!state.actor) redirect(state.reason === "none" ? "/login" : `/login?reason=${state.reason}`);
  return state.actor;
}

/**
 * For pages: runs a data-layer read and turns its expected refusals into the matching
 * response (login, change-password, 403, 404). The read itself did the checking.
 */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error)) {
      if (error.code === "UNAUTHENTICATED") redirect("/login");
      if (error.code === "PASSWORD_CHANGE_REQUIRED") redirect("/account/password");
      if (error.code === "FORBIDDEN") forbidden();
      if (error.code === "NOT_FOUND") notFound();
    }
    throw error;
  }
}
