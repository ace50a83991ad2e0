import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The app's side of the worker preload `scripts/support/request-hook.mjs`: each server process of
 * `npm start` offers every HTTP request to the hook installed here before Next.js sees it. A hook
 * answers the few requests that gain from not going through Next.js's routing — the public page's
 * HTML cache (lib/outputs/server/public-page-server.ts), the signed-in pages' per-session copies
 * (lib/outputs/server/page-cache-server.ts), the health check (./health-hook.ts) — or hands the
 * request back untouched. Without the preload (`next dev`, a bare `next start`) Next.js gets every
 * request and the same answers come from the app's own routes.
 */

/** What `scripts/support/request-hook.mjs` looks for on globalThis. */
export const REQUEST_HOOK = Symbol.for("kepu-portal.request-hook");

export interface RequestHook {
  /** Cheap and synchronous: whether `serve` may answer this request (else Next.js gets it at once). */
  wants(request: IncomingMessage): boolean;
  /** Answers the request and resolves true, or resolves false (nothing written) to hand it to Next.js. */
  serve(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

/** One hook made of several: a request goes to the first that wants it (asked once per request). */
export function combinedHook(hooks: RequestHook[]): RequestHook {
  const chosen = new WeakMap<IncomingMessage, RequestHook>();
  return {
    wants: (request) => {
      const hook = hooks.find((candidate) => candidate.wants(request));
      if (hook) chosen.set(request, hook);
      return hook !== undefined;
    },
    serve: async (request, response) => {
      const hook = chosen.get(request) ?? hooks.find((candidate) => candidate.wants(request));
      return hook ? hook.serve(request, response) : false;
    },
  };
}

/** Installs the hooks for this process (instrumentation.ts, Node.js runtime). */
export function installRequestHooks(hooks: RequestHook[]): void {
  (globalThis as { [REQUEST_HOOK]?: RequestHook })[REQUEST_HOOK] = combinedHook(hooks);
}
