/**
 * Paged lists: a page of a list whose length grows with history costs what the page shows.
 * `skip`/`take` over an indexed order, and a count that stops at `COUNT_CAP` rows so that counting
 * never walks the whole history either ("超过 10,000 条" instead of an exact figure past the cap).
 */
export const PAGE_SIZE = 50;
export const COUNT_CAP = 10_000;

export interface PageRequest {
  page: number;
  size?: number;
}

export interface PageInfo {
  page: number;
  size: number;
  /** The number of rows, or COUNT_CAP when there are at least that many (then `capped`). */
  total: number;
  capped: boolean;
  pageCount: number;
}

/** The page number from a query string value: a whole number ≥ 1, else 1. */
export function pageNumber(raw: string | string[] | undefined | null): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 && number <= 1_000_000 ? number : 1;
}

/** Prisma's `skip`/`take` for a page. */
export function pageWindow({ page, size = PAGE_SIZE }: PageRequest) {
  return { skip: (page - 1) * size, take: size };
}

/**
 * Counts at most `cap` rows (Prisma's `count` with `take` counts a bounded sub-select), so the
 * count costs at most what `cap` rows cost.
 */
export async function countAtMost(
  count: (args: { take: number }) => Promise<number>,
  cap = COUNT_CAP,
): Promise<{ total: number; capped: boolean }> {
  const total = await count({ take: cap });
  return { total, capped: total >= cap };
}

/** Page facts for the pager, from a (bounded) count. */
export function pageInfo({ page, size = PAGE_SIZE }: PageRequest, { total, capped }: { total: number; capped: boolean }): PageInfo {
  const pageCount = Math.max(1, Math.ceil(total / size));
  return { page, size, total, capped, pageCount: capped ? Math.max(pageCount, page + 1) : pageCount };
}
