/**
 * Side-by-side comparison of two versions: of one item (its revisions' snapshots) or of a whole
 * plan (PlanVersion snapshots, items matched by id). Pure: no database, used by the data layer.
 */
import type { PlanVersionItem, PlanVersionSnapshot } from "@/lib/plans/versions";

export interface FieldRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every field of either side, in the order they first appear, each marked changed or not. */
export function compareFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ignore: string[] = [],
): FieldRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((field) => !ignore.includes(field));
  return fields.map((field) => ({
    field,
    before: before ? (before[field] ?? null) : null,
    after: after ? (after[field] ?? null) : null,
    changed: !same(before?.[field], after?.[field]),
  }));
}

/** An item of a plan version as a reader compares it: its parent by number and title, not by id. */
export type ComparedItem = Omit<PlanVersionItem, "parentId" | "key" | "links"> & { parent: string | null; links: string[] };

function readable(snapshot: PlanVersionSnapshot): Map<number, ComparedItem> {
  const label = new Map(snapshot.items.map((item) => [item.id, `${item.number ?? ""}${item.title}`]));
  return new Map(
    snapshot.items.map((item) => {
      const { parentId, key: _key, links, ...rest } = item;
      void _key;
      return [
        item.id,
        {
          ...rest,
          parent: parentId ? (label.get(parentId) ?? null) : null,
          links: links.map((link) => `${link.type}→${link.toItemId}：${link.reason}`),
        },
      ];
    }),
  );
}

export interface PlanComparison {
  plan: FieldRow[];
  added: ComparedItem[];
  removed: ComparedItem[];
  changed: { item: ComparedItem; fields: FieldRow[] }[];
  unchanged: number;
}

/** Items added, removed and changed field by field between two versions of a plan, matched by item id. */
export function comparePlanSnapshots(from: PlanVersionSnapshot, to: PlanVersionSnapshot): PlanComparison {
  const before = readable(from);
  const after = readable(to);
  const changed: PlanComparison["changed"] = [];
  let unchanged = 0;
  for (const [id, item] of after) {
    const old = before.get(id);
    if (!old) continue;
    const fields = compareFields(old, item, ["id"]).filter((row) => row.changed);
    if (fields.length > 0) changed.push({ item, fields });
    else unchanged += 1;
  }
  return {
    plan: compareFields(from.plan, to.plan).filter((row) => row.changed),
    added: [...after.values()].filter((item) => !before.has(item.id)),
    removed: [...before.values()].filter((item) => !after.has(item.id)),
    changed,
    unchanged,
  };
}

/** The two versions to compare: as asked when both exist, else the latest and the one before it. */
export function pickVersions(available: number[], from?: number, to?: number): { from: number; to: number } | null {
  const sorted = [...new Set(available)].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const latest = sorted[sorted.length - 1]!;
  const right = to !== undefined && sorted.includes(to) ? to : latest;
  const earlier = sorted.filter((version) => version < right);
  const left = from !== undefined && sorted.includes(from) ? from : (earlier[earlier.length - 1] ?? right);
  return { from: left, to: right };
}
