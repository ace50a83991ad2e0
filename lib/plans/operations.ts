import { defineOperations } from "@/lib/core/operations";

/** Everything a user can attempt on plans, their items and the unit registry. */
export const PLAN_OPERATIONS = defineOperations({
  readPlan: { action: "plan.read", permission: "plan:read", objectType: "Plan" },
  readItem: { action: "plan_item.read", permission: "plan:read", objectType: "PlanItem" },
  listUnitsWithWork: { action: "unit.list", permission: "plan:read", objectType: "Unit" },
  readUnitWork: { action: "unit.read", permission: "plan:read", objectType: "Unit" },
  readDivision: { action: "division.read", permission: "plan:read", objectType: "Assignment" },
  exportDivision: { action: "division.export", permission: "plan:read", objectType: "Assignment" },
  /** The unit registry, for pickers (account administration, round scope). */
  listUnits: { action: "unit.list", permission: "unit:read", objectType: "Unit" },
  openItemForm: { action: "plan_item.form", permission: "plan:edit", objectType: "PlanItem" },
  createItem: { action: "plan_item.create", permission: "plan:edit", objectType: "PlanItem" },
  updateItem: { action: "plan_item.update", permission: "plan:edit", objectType: "PlanItem" },
  archiveItem: { action: "plan_item.archive", permission: "plan:edit", objectType: "PlanItem" },
  restoreItem: { action: "plan_item.restore", permission: "plan:edit", objectType: "PlanItem" },
});
