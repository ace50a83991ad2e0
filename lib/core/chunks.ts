/**
 * Reads whose id list grows with the data go in chunks: one query per CHUNK_SIZE ids, so no
 * statement carries more bound parameters than SQLite's (or PostgreSQL's) limits allow, however
 * large the list. The results come back in the order of `ids` when `idOf` is given.
 */
export const CHUNK_SIZE = 500;

export async function readInChunks<T>(
  ids: readonly number[],
  read: (chunk: number[]) => Promise<T[]>,
  idOf?: (row: T) => number,
  size = CHUNK_SIZE,
): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += size) rows.push(...(await read(ids.slice(start, start + size))));
  if (!idOf) return rows;
  const byId = new Map(rows.map((row) => [idOf(row), row]));
  return ids.map((id) => byId.get(id)).filter((row): row is T => row !== undefined);
}
