import { describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { getPlanTree, TREE_WORK_ITEM_LIMIT, type TreeNode } from "@/lib/plans/server/plans";
import { actorForRole } from "../support/actors";

function find(nodes: TreeNode[], id: number): TreeNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const inner = find(node.children, id);
    if (inner) return inner;
  }
  return undefined;
}

describe("the plan tree costs what it shows (issue 16: a plan of 1,500 work items)", () => {
  it("lists at most TREE_WORK_ITEM_LIMIT work items under a measure, in order, and counts the rest for the link to the measure's page", async () => {
    const measure = await db.planItem.findFirstOrThrow({
      where: { kind: "MEASURE", plan: { code: "sz-2022-2025" } },
      orderBy: { id: "asc" },
    });
    const extra = TREE_WORK_ITEM_LIMIT + 7;
    const created: number[] = [];
    for (let index = 0; index < extra; index += 1) {
      const item = await db.planItem.create({
        data: {
          planId: measure.planId,
          parentId: measure.id,
          kind: "WORK_ITEM",
          position: 1000 + index,
          title: `基准测试数据：工作事项${index + 1}`,
        },
      });
      created.push(item.id);
    }
    const tree = await getPlanTree(await actorForRole("LEADER"), "sz-2022-2025");
    const node = find(tree.roots, measure.id)!;
    const workItems = node.children.filter((child) => child.kind === "WORK_ITEM");
    const before = (await db.planItem.count({ where: { parentId: measure.id, kind: "WORK_ITEM", archivedAt: null } })) - extra;
    expect(workItems).toHaveLength(TREE_WORK_ITEM_LIMIT);
    expect(node.moreWorkItems).toBe(before + extra - TREE_WORK_ITEM_LIMIT);
    // The first ones by position stay; the newest ones are behind the link.
    expect(workItems.map((child) => child.id)).not.toContain(created.at(-1));
    // A measure with few work items shows them all.
    const other = tree.roots.flatMap(function walk(n: TreeNode): TreeNode[] {
      return [n, ...n.children.flatMap(walk)];
    });
    expect(other.filter((n) => n.id !== measure.id).every((n) => n.moreWorkItems === 0)).toBe(true);
  });
});
