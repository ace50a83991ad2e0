import { describe, expect, it } from "vitest";
import { countAtMost, pageInfo, pageNumber, pageWindow } from "@/lib/core/paging";

describe("paged lists (issue 16: a page costs what it shows)", () => {
  it("reads a page number from the query, falling back to the first page", () => {
    expect(pageNumber("3")).toBe(3);
    for (const raw of [undefined, "", "0", "-2", "1.5", "abc", "99999999"]) expect(pageNumber(raw)).toBe(1);
    expect(pageNumber(["2", "5"])).toBe(2);
  });

  it("skips the earlier pages and takes one page", () => {
    expect(pageWindow({ page: 1 })).toEqual({ skip: 0, take: 50 });
    expect(pageWindow({ page: 3, size: 20 })).toEqual({ skip: 40, take: 20 });
  });

  it("counts at most the cap, and says so", async () => {
    const rows = 25_000;
    const count = async ({ take }: { take: number }) => Math.min(rows, take);
    expect(await countAtMost(count)).toEqual({ total: 10_000, capped: true });
    expect(await countAtMost(async ({ take }) => Math.min(120, take))).toEqual({ total: 120, capped: false });
  });

  it("works out the page count, leaving a next page open past a capped count", () => {
    expect(pageInfo({ page: 1 }, { total: 120, capped: false }).pageCount).toBe(3);
    expect(pageInfo({ page: 1 }, { total: 0, capped: false }).pageCount).toBe(1);
    expect(pageInfo({ page: 200, size: 50 }, { total: 10_000, capped: true }).pageCount).toBe(201);
  });
});
