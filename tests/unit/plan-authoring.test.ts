import { describe, expect, it } from "vitest";
import { compareFields, comparePlanSnapshots, pickVersions } from "@/lib/plans/compare";
import { createItemSchema, mayHoldKind } from "@/lib/plans/schemas/authoring";
import type { PlanVersionItem, PlanVersionSnapshot } from "@/lib/plans/versions";

const item = (id: number, overrides: Partial<PlanVersionItem> = {}): PlanVersionItem => ({
  id,
  key: null,
  parentId: null,
  kind: "SECTION",
  number: null,
  position: id,
  title: `条目${id}`,
  taskStatement: null,
  fullText: "",
  dueDate: null,
  reportingCycle: null,
  lead: [],
  support: [],
  archived: false,
  links: [],
  ...overrides,
});

const snapshot = (items: PlanVersionItem[], title = "示例规划"): PlanVersionSnapshot => ({
  plan: {
    code: "x",
    kind: "ANNUAL",
    title,
    shortTitle: "示例",
    issuer: "市科协",
    documentNumber: null,
    startYear: 2025,
    endYear: 2025,
    status: "PUBLISHED",
  },
  goals: [],
  items,
});

describe("comparing versions", () => {
  it("picks the asked versions when they exist, else the latest and the one before", () => {
    expect(pickVersions([1, 2, 3], undefined, undefined)).toEqual({ from: 2, to: 3 });
    expect(pickVersions([1, 2, 3], 1, 3)).toEqual({ from: 1, to: 3 });
    expect(pickVersions([1, 2, 3], 7, 2)).toEqual({ from: 1, to: 2 });
    expect(pickVersions([1], undefined, undefined)).toEqual({ from: 1, to: 1 });
    expect(pickVersions([], 1, 2)).toBeNull();
  });

  it("marks each field changed or not, across the fields of both sides", () => {
    expect(compareFields({ title: "甲", lead: ["市科协"] }, { title: "乙", lead: ["市科协"], number: "一、" })).toEqual([
      { field: "title", before: "甲", after: "乙", changed: true },
      { field: "lead", before: ["市科协"], after: ["市科协"], changed: false },
      { field: "number", before: null, after: "一、", changed: true },
    ]);
  });

  it("matches a plan's items by id: added, removed, changed field by field (the parent by its number and title)", () => {
    const from = snapshot([item(1, { number: "一、" }), item(2), item(3, { parentId: 1 })]);
    const to = snapshot([item(1, { number: "一、" }), item(3, { parentId: 4 }), item(4, { title: "新条目" })], "示例规划（改）");
    const result = comparePlanSnapshots(from, to);
    expect(result.plan.map((row) => [row.field, row.before, row.after])).toEqual([["title", "示例规划", "示例规划（改）"]]);
    expect(result.added.map((entry) => entry.id)).toEqual([4]);
    expect(result.removed.map((entry) => entry.id)).toEqual([2]);
    expect(result.changed).toEqual([
      { item: expect.objectContaining({ id: 3 }), fields: [{ field: "parent", before: "一、条目1", after: "新条目", changed: true }] },
    ]);
    expect(result.unchanged).toBe(1);
  });
});

describe("the item form", () => {
  it("keeps parts at the first level and nothing under a work item or a column", () => {
    expect(mayHoldKind("top", "PART")).toBe(true);
    expect(mayHoldKind("SECTION", "PART")).toBe(false);
    expect(mayHoldKind("PART", "SECTION")).toBe(true);
    expect(mayHoldKind("WORK_ITEM", "WORK_ITEM")).toBe(false);
    expect(mayHoldKind("COLUMN", "MEASURE")).toBe(false);
    expect(mayHoldKind("MEASURE", "WORK_ITEM")).toBe(true);
  });

  it("reads the unit picker and the links, dropping a kept link marked for removal, and asks a reason of each", () => {
    const parsed = createItemSchema.parse({
      kind: "SECTION",
      planId: "3",
      title: "示例",
      unit_7: "LEAD",
      unit_8: "",
      link_11: "落实措施一",
      link_12: "落实措施二",
      unlink_12: "1",
      newLinkItemId: "13",
      newLinkReason: "落实措施三",
    });
    expect(parsed.assignments).toEqual([{ unitId: 7, role: "LEAD" }]);
    expect(parsed.links).toEqual([
      { toItemId: 11, reason: "落实措施一" },
      { toItemId: 13, reason: "落实措施三" },
    ]);
    const missing = createItemSchema.safeParse({ kind: "SECTION", planId: "3", title: "示例", newLinkItemId: "13", newLinkReason: " " });
    expect(missing.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["links", "linkReasonRequired"]]);
  });

  it("asks a work item for its due date, reporting cycle and lead unit, and nothing of the other kinds", () => {
    const work = createItemSchema.safeParse({ kind: "WORK_ITEM", planId: "3", title: "示例" });
    expect(work.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["dueDate", "required"],
      ["reportingCycle", "cycleRequired"],
      ["assignments", "leadRequired"],
    ]);
    expect(createItemSchema.safeParse({ kind: "MEASURE", planId: "3", title: "示例" }).success).toBe(true);
  });
});
