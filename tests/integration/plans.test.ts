import { describe, expect, it } from "vitest";
import { effectiveAssignments, getDivisionTable, getPlanItem, getPlanTree, getUnitWork, type TreeNode } from "@/lib/plans/server/plans";
import { actorForRole } from "../support/actors";
import { itemByKey, unitId } from "../support/plan-fixtures";

const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((node) => [node, ...flatten(node.children)]);

describe("the plan tree", () => {
  it("nests the master plan as part → section → measure", async () => {
    const { roots } = await getPlanTree(await actorForRole("LEADER"), "sz-2022-2025");
    expect(roots.map((node) => `${node.number}${node.title}`)).toEqual([
      "三、聚焦四大重点人群,实施科学素质提升行动",
      "四、实施六大重点工程,构建科学素质建设体系",
      "五、保障措施",
    ]);
    expect(roots[0]!.children.map((node) => node.number)).toEqual(["(一)", "(二)", "(三)", "(四)"]);
    expect(roots[1]!.children).toHaveLength(6);
    expect(roots[0]!.children[0]!.children.map((node) => node.title)).toEqual([
      "将弘扬科学精神贯穿于育人全链条",
      "建立科学、多元的创新后备人才发现和培育机制",
      "实施教师科学素质提升工程",
    ]);
    expect(flatten(roots).filter((node) => node.kind === "MEASURE")).toHaveLength(30);
  });

  it("finds a phrase from a measure's full text and keeps only the path to it", async () => {
    const tree = await getPlanTree(await actorForRole("LIAISON"), "sz-2022-2025", { query: "科普教育学分制" });
    expect(tree.matchCount).toBe(1);
    const nodes = flatten(tree.roots);
    expect(nodes.map((node) => node.title)).toEqual([
      "聚焦四大重点人群,实施科学素质提升行动",
      "实施青少年科学素质提升行动",
      "建立科学、多元的创新后备人才发现和培育机制",
    ]);
    expect(nodes.filter((node) => node.matched).map((node) => node.kind)).toEqual(["MEASURE"]);
  });

  it("finds a phrase of a section's task statement", async () => {
    const tree = await getPlanTree(await actorForRole("ADMIN"), "sz-2022-2025", { query: "具备科学家潜质的青少年群体" });
    expect(
      flatten(tree.roots)
        .filter((node) => node.matched)
        .map((node) => node.title),
    ).toEqual(["实施青少年科学素质提升行动"]);
  });

  it("searches the 2023 work points, sections and items alike", async () => {
    const tree = await getPlanTree(await actorForRole("ADMIN"), "cast-2023", { query: "双减" });
    // In document order: item (三) of section 一 comes before section 三.
    expect(
      flatten(tree.roots)
        .filter((node) => node.matched)
        .map((node) => `${node.number}${node.title}`),
    ).toEqual(["（三）加强合作建立联动机制", "三、深入开展科普惠民活动", "（十一）推动科普助力“双减”"]);
  });

  it("returns nothing for a phrase that is not there", async () => {
    const tree = await getPlanTree(await actorForRole("ADMIN"), "sz-2022-2025", { query: "区块链" });
    expect(tree).toMatchObject({ matchCount: 0, roots: [] });
  });

  it("answers NOT_FOUND for an unknown plan", async () => {
    await expect(getPlanTree(await actorForRole("ADMIN"), "no-such-plan")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("an item", () => {
  it("of the master plan inherits its section's lead and supporting units", async () => {
    const measure = await itemByKey("elderly.m1");
    const units = await effectiveAssignments(measure.id);
    expect(units.inheritedFrom?.title).toBe("实施老年人科学素质提升行动");
    expect(units.lead.map((a) => a.unit.name)).toEqual(["市卫生健康委", "市科协"]);
    expect(units.support.map((a) => a.unit.name)).toEqual([
      "市委组织部",
      "市委宣传部",
      "市教育局",
      "市工业和信息化局",
      "市民政局",
      "市人力资源和社会保障局",
      "市文化广电旅游体育局",
      "市市场监管局",
      "团市委",
    ]);
  });

  it("links a work point to the measure it serves, and the measure back to it, with the reason", async () => {
    const actor = await actorForRole("LEADER");
    const point = await itemByKey("wp-06");
    const { item } = await getPlanItem(actor, point.id);
    expect(item.linksFrom.map((link) => [link.toItem.title, link.reason.length > 10])).toEqual([["定期开展科普资源普查", true]]);
    const { item: measure } = await getPlanItem(actor, item.linksFrom[0]!.toItem.id);
    expect(measure.linksTo.map((link) => link.fromItem.title)).toContain("建立《科普资源名录》");
  });

  it("shows its ancestors and its import as the first revision", async () => {
    const { ancestors, item } = await getPlanItem(await actorForRole("ADMIN"), (await itemByKey("talent.m2")).id);
    expect(ancestors.map((ancestor) => ancestor.title)).toEqual(["实施六大重点工程,构建科学素质建设体系", "实施科普人才队伍建设工程"]);
    expect(item.revisions).toEqual([expect.objectContaining({ version: 1, action: "IMPORT" })]);
  });
});

describe("a unit's page", () => {
  it("lists everything the unit leads and supports, across plans", async () => {
    const { assignments } = await getUnitWork(await actorForRole("LIAISON"), await unitId("市教育局"));
    const summary = assignments.map((a) => `${a.role}:${a.item.plan.code}:${a.item.number}${a.item.title}`);
    expect(summary.filter((row) => row.startsWith("LEAD"))).toEqual([
      "LEAD:sz-2022-2025:(一)实施青少年科学素质提升行动",
      "LEAD:sz-2022-2025:(六)实施科学素质交流与合作工程",
    ]);
    expect(summary.filter((row) => row.startsWith("SUPPORT:sz"))).toHaveLength(7);
    expect(summary.filter((row) => row.startsWith("SUPPORT:cast"))).toEqual([
      "SUPPORT:cast-2023:（三）加强合作建立联动机制",
      "SUPPORT:cast-2023:（十一）推动科普助力“双减”",
    ]);
  });
});

describe("the division-of-labour table", () => {
  it("has one row per section of the master plan", async () => {
    const rows = await getDivisionTable(await actorForRole("ADMIN"), { plan: "sz-2022-2025" });
    expect(rows.map((row) => row.number + row.title)).toHaveLength(10);
    expect(rows[2]).toMatchObject({ title: "实施老年人科学素质提升行动", lead: ["市卫生健康委", "市科协"] });
    expect(rows[2]!.notes[0]).toContain("市卫生健康委");
  });

  it("filters by unit and role", async () => {
    const actor = await actorForRole("LEADER");
    const education = await unitId("市教育局");
    expect((await getDivisionTable(actor, { unit: education })).length).toBe(11);
    const leads = await getDivisionTable(actor, { unit: education, role: "LEAD" });
    expect(leads.map((row) => [row.title, row.unitRole])).toEqual([
      ["实施青少年科学素质提升行动", "LEAD"],
      ["实施科学素质交流与合作工程", "LEAD"],
    ]);
  });

  it("filters by section, including the work items under it", async () => {
    const youth = await itemByKey("youth");
    const rows = await getDivisionTable(await actorForRole("ADMIN"), { section: youth.id });
    expect(rows.map((row) => row.title)).toEqual(["实施青少年科学素质提升行动"]);
  });
});
