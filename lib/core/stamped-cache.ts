import "server-only";
import { readContentStamp } from "@/lib/core/content-stamp";
import { db } from "@/lib/core/db";

/**
 * A per-process cache of derived data, kept only while a content stamp (lib/core/content-stamp.ts)
 * is unchanged: the stamp is read on every call (one primary-key read), and the audit chain bumps it
 * in the same transaction as every write that can change the data, so a copy is served only while
 * nothing it shows can have changed, in whichever process or instance the write was made. The stamp
 * is read before the build: a write landing during the build leaves a copy that is at worst newer
 * than its stamp, and the next call rebuilds it. Concurrent misses share one build; a failed build
 * is not kept. `maxAgeMs` also bounds a copy's age, for data that depends on the time of day (a
 * deadline passing); `maxEntries` bounds the keys kept (oldest first out).
 */
export function stampedCache<Key, Value>(
  stampKey: string,
  build: (key: Key) => Promise<Value>,
  { maxAgeMs = Number.POSITIVE_INFINITY, maxEntries = 100, keyOf = (key: Key) => JSON.stringify(key) } = {},
) {
  const entries = new Map<string, { stamp: number; builtAt: number; value: Promise<Value> }>();
  let builds = 0;
  return {
    async get(key: Key): Promise<Value> {
      const stamp = await readContentStamp(db, stampKey);
      const id = keyOf(key);
      const entry = entries.get(id);
      if (entry && entry.stamp === stamp && Date.now() - entry.builtAt < maxAgeMs) return entry.value;
      builds++;
      const value = build(key);
      // Stamps only grow: a call that read an older stamp than the cached copy's does not replace it.
      if (entry && stamp < entry.stamp) return value;
      entries.delete(id);
      entries.set(id, { stamp, builtAt: Date.now(), value });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      try {
        return await value;
      } catch (error) {
        if (entries.get(id)?.value === value) entries.delete(id);
        throw error;
      }
    },
    /** How many times this process built a value (for tests and the benchmarks). */
    builds: () => builds,
  };
}
