import { createTranslator } from "next-intl";
import { vi } from "vitest";
import messages from "@/messages/zh-CN.json";

/**
 * Server actions call a few Next.js request-scoped APIs. Outside a request these are
 * replaced by plain equivalents: translations from the real zh-CN message file, cache
 * revalidation as a no-op, and the request headers as empty. Everything below them —
 * the data layer, the database, the audit trail — is real.
 */
export async function nextIntlServerMock() {
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: "zh-CN", messages, namespace: namespace as never }),
  };
}

export function nextCacheMock() {
  return { revalidatePath: vi.fn(), revalidateTag: vi.fn() };
}

export async function nextHeadersMock() {
  // As under `npm start`, where scripts/support/trusted-proxy.mjs has rewritten X-Forwarded-For.
  process.env.KEPU_FORWARDED_HEADERS = "normalized";
  return {
    headers: async () => new Headers({ "x-forwarded-for": "127.0.0.1" }),
    cookies: async () => ({ get: () => undefined, getAll: () => [], set: vi.fn(), has: () => false }),
  };
}

/** Work scheduled with `after()`; a test awaits it with `runScheduled()` as the response would have ended. */
const scheduled: (() => unknown)[] = [];

export async function nextServerMock() {
  const actual = await vi.importActual<typeof import("next/server")>("next/server");
  return { ...actual, after: (task: () => unknown) => void scheduled.push(task) };
}

export async function runScheduled() {
  while (scheduled.length > 0) await scheduled.shift()!();
}
