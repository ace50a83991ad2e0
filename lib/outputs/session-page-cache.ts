/**
 * The rendered HTML of the heaviest signed-in pages, kept per session by each server process
 * (served by lib/outputs/server/page-cache-server.ts). At the target size a leader's dashboard or a
 * liaison's 我的任务 costs 50–100 ms of CPU to render, almost all of it React turning a few hundred
 * rows into HTML twice (the markup and the embedded RSC payload), so two cores give 15–45 pages a
 * second whatever the queries cost. Most views of these pages repeat one the same person saw a
 * moment ago with nothing changed in between (coming back to the list after opening a report, a
 * reload, the dashboard left open on a wall screen, several tabs), so the copy is kept:
 *
 * - per session, path with query string and locale: a copy is only ever served to the session it
 *   was rendered for (the caller checks that session on every answer), so nobody sees a page
 *   rendered for anyone else, whatever the page shows;
 * - while the `views` content stamp is unchanged (lib/core/content-stamp.ts; the audit chain bumps
 *   it in the transaction of every write that can change such a page, in any process or instance)
 *   and for at most `maxAgeMs`, since overdue marks and "today" move with the clock;
 * - within `maxBytes` in all, oldest first out;
 * - with the nonce and form tokens per response, as the public page's copies
 *   (lib/outputs/public-page-cache.ts).
 *
 * A render that did not give a page to keep (a redirect, a 403, a Set-Cookie) is remembered as
 * such for the same time, so the request goes straight to Next.js instead of being rendered twice;
 * a render that failed is not remembered.
 *
 * Plain code: no database (the caller passes the stamp and the render), no `server-only`.
 */
import type { CachedPage } from "./public-page-cache";

interface Entry {
  builtAt: number;
  page: Promise<CachedPage | null>;
  bytes: number;
}

/** What a kept copy costs in memory, roughly: the HTML string, its cut parts and their compressed form. */
function pageBytes(page: CachedPage | null): number {
  return page === null ? 64 : page.html.length * 3;
}

export class SessionPageCache {
  private readonly entries = new Map<string, Entry>();
  private stamp = -1;
  private bytes = 0;

  constructor(
    private readonly limits: { maxAgeMs: number; maxBytes: number; now?: () => number } = { maxAgeMs: 60_000, maxBytes: 48 * 1024 * 1024 },
  ) {}

  private now(): number {
    return this.limits.now?.() ?? Date.now();
  }

  /**
   * The copy for `key` at `stamp` (rendering it on a miss; concurrent misses share one render), or
   * null when there is none to serve: the render gave nothing to keep, or the stamp read is older
   * than one this process has already seen (a write raced the read: the caller renders as usual).
   */
  async page(key: string, stamp: number, render: () => Promise<CachedPage | null>): Promise<CachedPage | null> {
    if (stamp < this.stamp) return null;
    if (stamp > this.stamp) {
      // Something changed: no copy made before it is served again.
      this.stamp = stamp;
      this.entries.clear();
      this.bytes = 0;
    }
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.builtAt < this.limits.maxAgeMs) {
      // Most recently used last, so the oldest is first out.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.page;
    }
    if (entry) this.drop(key);
    let failed = false;
    const page = render().catch(() => {
      failed = true;
      return null;
    });
    const fresh: Entry = { builtAt: this.now(), page, bytes: 0 };
    this.entries.set(key, fresh);
    const kept = await page;
    if (this.entries.get(key) === fresh) {
      // A render that failed (timed out, the server busy) is tried again by the next request.
      if (failed) this.entries.delete(key);
      else {
        fresh.bytes = pageBytes(kept);
        this.bytes += fresh.bytes;
        this.evict();
      }
    }
    return kept;
  }

  /** How many copies are kept and their estimated size (for tests and the benchmark). */
  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private drop(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  private evict() {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.limits.maxBytes) return;
      this.drop(key);
    }
  }
}
