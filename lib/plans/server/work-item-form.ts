import "server-only";
import type { Actor } from "@/lib/core/actor";
import { shanghaiDate } from "@/lib/core/time";
import { authorize } from "@/lib/core/authz";
import { PLAN_OPERATIONS } from "@/lib/plans/operations";
import { getPlanItem } from "./plans";
import { planOfItem, workItemFormOptions } from "./work-items";
import { assertMayEditPlan } from "./plan-access";
import { db } from "@/lib/core/db";

/** Everything the new/edit work-item pages need, checked for plan:edit before anything is read. */
export async function loadWorkItemForm(actor: Actor | null, itemId: number, mode: "create" | "edit") {
  const editor = await authorize(actor, PLAN_OPERATIONS.openItemForm, itemId);
  // A district liaison only on their own district's plan; nobody on an ended plan.
  await assertMayEditPlan(editor, PLAN_OPERATIONS.openItemForm, await planOfItem(db, itemId), itemId);
  const { item, ancestors, assignments } = await getPlanItem(actor, itemId);
  const options = await workItemFormOptions(actor, item.plan.id);
  const roles: Record<number, "LEAD" | "SUPPORT"> = {};
  for (const assignment of [...assignments.lead, ...assignments.support]) roles[assignment.unit.id] = assignment.role;
  const initial =
    mode === "edit"
      ? {
          title: item.title,
          fullText: item.fullText,
          startDate: item.startDate ? shanghaiDate(item.startDate) : "",
          dueDate: item.dueDate ? shanghaiDate(item.dueDate) : "",
          reportingCycle: item.reportingCycle ?? "",
          phaseId: item.phaseId ? String(item.phaseId) : "",
          roles,
        }
      : // A new work item starts with its measure's units (inherited from the section).
        { title: "", fullText: "", startDate: "", dueDate: "", reportingCycle: "QUARTERLY", phaseId: "", roles };
  return { item, ancestors, initial, ...options };
}
