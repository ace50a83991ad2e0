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

/**
 * Turns for the requests Next.js answers, at most `limit` at a time in each server process, the
 * others waiting in arrival order. A page render is CPU work from start to end (better-sqlite3 is
 * synchronous too), split by React and Next.js into many small steps on one event loop; with twenty
 * renders in flight every step of every request — a health probe's, a kept copy's, a static
 * file's — waits behind a step of each of the twenty, so a cheap answer took as long as a render
 * (up to a second at the target size). With a few renders at a time the process does the same
 * work in the same total time, a render waits before it starts instead of while it runs, and
 * whatever is answered outside the queue (the hooks above, static files) waits for a few steps at
 * most.
 */
export class RequestTurns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`RequestTurns: limit must be a positive integer, not ${limit}`);
  }

  /** How many requests hold a turn and how many wait for one. */
  get counts(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Resolves when the caller may go on, with the function that ends its turn (calling it again does nothing). */
  async take(): Promise<() => void> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiting.shift();
      // The turn passes straight to the next waiter, so `running` stays at the limit meanwhile.
      if (next) next();
      else this.running--;
    };
  }
}

export const DEFAULT_REQUEST_CONCURRENCY = 2;

/** How many requests each server process lets Next.js work on at once (SERVER_REQUEST_CONCURRENCY, default 2). */
export function requestConcurrency(value = process.env.SERVER_REQUEST_CONCURRENCY): number {
  const parsed = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isInteger(parsed) && parsed >= 1 ? parsed : DEFAULT_REQUEST_CONCURRENCY;
}

/** Next.js's own static files: cheap, and what a page that has just been answered asks for next. Never queued. */
const UNQUEUED_PATHS = /^\/(_next\/static\/|_next\/image(\?|$)|favicon\.ico(\?|$))/;

export interface QueueOptions {
  turns: RequestTurns;
  /** Requests that must not wait for a turn (beyond the static files): ones a request holding a turn waits for. */
  exempt?: (request: IncomingMessage) => boolean;
}

/** Whether a request Next.js will answer waits for a turn first. */
export function waitsForTurn(request: IncomingMessage, exempt?: (request: IncomingMessage) => boolean): boolean {
  return !UNQUEUED_PATHS.test(request.url ?? "/") && !exempt?.(request);
}

/**
 * Waits for a turn for a request about to go to Next.js and ends the turn when its response is
 * finished or its connection closed. Resolves true when the visitor left while it waited (nothing
 * to answer; the turn is passed on at once), false when Next.js should answer it now.
 */
export async function awaitTurn(turns: RequestTurns, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const turn: { closed: boolean; end?: () => void } = { closed: false };
  response.once("close", () => {
    turn.closed = true;
    turn.end?.();
  });
  turn.end = await turns.take();
  if (turn.closed || request.socket.destroyed) {
    turn.end();
    return true;
  }
  return false;
}

/**
 * One hook made of several: a request goes to the first that wants it (asked once per request).
 * With `queue`, every other request — and one a hook hands back — waits for its turn before
 * Next.js gets it (`waitsForTurn`, `awaitTurn`).
 */
export function combinedHook(hooks: RequestHook[], queue?: QueueOptions): RequestHook {
  const chosen = new WeakMap<IncomingMessage, RequestHook | null>();
  return {
    wants: (request) => {
      const hook = hooks.find((candidate) => candidate.wants(request));
      if (hook) {
        chosen.set(request, hook);
        return true;
      }
      if (queue && waitsForTurn(request, queue.exempt)) {
        chosen.set(request, null);
        return true;
      }
      return false;
    },
    serve: async (request, response) => {
      const hook = chosen.has(request) ? chosen.get(request) : hooks.find((candidate) => candidate.wants(request));
      if (hook && (await hook.serve(request, response))) return true;
      if (!queue || response.headersSent || !waitsForTurn(request, queue.exempt)) return false;
      return awaitTurn(queue.turns, request, response);
    },
  };
}

/** Installs the hooks for this process (instrumentation.ts, Node.js runtime). */
export function installRequestHooks(hooks: RequestHook[], queue?: QueueOptions): void {
  (globalThis as { [REQUEST_HOOK]?: RequestHook })[REQUEST_HOOK] = combinedHook(hooks, queue);
}
