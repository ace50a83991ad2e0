import type { AssignmentRole } from "@/lib/generated/prisma/enums";
import { shanghaiDate } from "@/lib/core/time";
import { db } from "@/lib/core/db";

export async function itemByKey(key: string) {
  return db.planItem.findFirstOrThrow({ where: { key } });
}

export async function unitId(name: string) {
  return (await db.unit.findUniqueOrThrow({ where: { name } })).id;
}

export async function assignmentsOf(...entries: [string, AssignmentRole][]) {
  return Promise.all(entries.map(async ([name, role]) => ({ unitId: await unitId(name), role })));
}

/** A valid work item input under the given measure, for tests to vary. */
export async function workItemInput(measureKey: string, overrides: Record<string, unknown> = {}) {
  const measure = await itemByKey(measureKey);
  return {
    parentId: measure.id,
    title: "举办2025年青少年科技创新大赛",
    fullText: "组织全市中小学参加，覆盖各区。",
    dueDate: "2025-11-30",
    reportingCycle: "QUARTERLY" as const,
    assignments: await assignmentsOf(["市教育局", "LEAD"], ["市科协", "SUPPORT"]),
    ...overrides,
  };
}

export { shanghaiDate };
