import { describe, expect, it } from "vitest";
import type { CachedPage } from "@/lib/outputs/public-page-cache";
import { SessionPageCache } from "@/lib/outputs/session-page-cache";

const page = (text: string): CachedPage => ({ html: `<p>${text}</p>`, nonce: "n", headers: [] });

function setup(limits: Partial<{ maxAgeMs: number; maxBytes: number }> = {}) {
  let clock = 0;
  const renders: string[] = [];
  const cache = new SessionPageCache({ maxAgeMs: limits.maxAgeMs ?? 60_000, maxBytes: limits.maxBytes ?? 1_000_000, now: () => clock });
  const get = (key: string, stamp: number, result: () => Promise<CachedPage | null> = async () => page(`${key}@${stamp}`)) =>
    cache.page(key, stamp, () => {
      renders.push(`${key}@${stamp}`);
      return result();
    });
  return { cache, renders, get, tick: (ms: number) => (clock += ms) };
}

describe("the per-session page cache", () => {
  it("renders a page once and serves that copy to the same key while the stamp holds", async () => {
    const { get, renders } = setup();
    expect((await get("s1 /my-tasks", 1))?.html).toBe("<p>s1 /my-tasks@1</p>");
    expect((await get("s1 /my-tasks", 1))?.html).toBe("<p>s1 /my-tasks@1</p>");
    expect(renders).toEqual(["s1 /my-tasks@1"]);
  });

  it("never serves one key's copy for another (another session, path or locale)", async () => {
    const { get, renders } = setup();
    await get("s1 /my-tasks", 1);
    expect((await get("s2 /my-tasks", 1))?.html).toBe("<p>s2 /my-tasks@1</p>");
    expect((await get("s1 /review", 1))?.html).toBe("<p>s1 /review@1</p>");
    expect(renders).toEqual(["s1 /my-tasks@1", "s2 /my-tasks@1", "s1 /review@1"]);
  });

  it("drops every copy when the stamp moves, and does not serve a copy for an older stamp", async () => {
    const { get, renders, cache } = setup();
    await get("a", 1);
    await get("b", 1);
    expect((await get("a", 2))?.html).toBe("<p>a@2</p>");
    expect(cache.size().entries).toBe(1);
    // A request that read the stamp before a write others have already seen renders as usual.
    expect(await get("a", 1)).toBeNull();
    expect(renders).toEqual(["a@1", "b@1", "a@2"]);
  });

  it("renders again once a copy is older than its time limit (overdue marks move with the clock)", async () => {
    const { get, renders, tick } = setup({ maxAgeMs: 60_000 });
    await get("a", 1);
    tick(59_999);
    await get("a", 1);
    tick(1);
    await get("a", 1);
    expect(renders).toEqual(["a@1", "a@1"]);
  });

  it("shares one render among concurrent misses", async () => {
    const { get, renders } = setup();
    let finish!: (value: CachedPage) => void;
    const pending = new Promise<CachedPage>((resolve) => (finish = resolve));
    const answers = Promise.all([get("a", 1, () => pending), get("a", 1, () => pending), get("a", 1, () => pending)]);
    finish(page("one"));
    expect((await answers).map((answer) => answer?.html)).toEqual(["<p>one</p>", "<p>one</p>", "<p>one</p>"]);
    expect(renders).toEqual(["a@1"]);
  });

  it("remembers a render with nothing to keep, but tries a failed render again", async () => {
    const { get, renders } = setup();
    expect(await get("forbidden", 1, async () => null)).toBeNull();
    expect(await get("forbidden", 1)).toBeNull();
    expect(await get("broken", 1, () => Promise.reject(new Error("timeout")))).toBeNull();
    expect((await get("broken", 1))?.html).toBe("<p>broken@1</p>");
    expect(renders).toEqual(["forbidden@1", "broken@1", "broken@1"]);
  });

  it("keeps within its byte budget, least recently used out first", async () => {
    const big = (name: string) => async () => ({ html: name.repeat(1000), nonce: "n", headers: [] });
    const { get, renders, cache } = setup({ maxBytes: 7_000 });
    await get("a", 1, big("a"));
    await get("b", 1, big("b"));
    await get("a", 1, big("a"));
    await get("c", 1, big("c"));
    expect(cache.size()).toEqual({ entries: 2, bytes: 6_000 });
    await get("a", 1, big("a"));
    await get("b", 1, big("b"));
    expect(renders).toEqual(["a@1", "b@1", "c@1", "b@1"]);
  });
});
