import { defineOperations } from "@/lib/core/operations";

/** Everything a user can attempt on plans, their items and the unit registry. */
export const PLAN_OPERATIONS = defineOperations({
  readPlan: { action: "plan.read", permission: "plan:read", objectType: "Plan" },
  readItem: { action: "plan_item.read", permission: "plan:read", objectType: "PlanItem" },
  /** The /units list: every role with unit:read; the work counts only to those who also read plans. */
  listUnitsWithWork: { action: "unit.list", permission: "unit:read", objectType: "Unit" },
  readUnitWork: { action: "unit.read", permission: "plan:read", objectType: "Unit" },
  readDivision: { action: "division.read", permission: "plan:read", objectType: "Assignment" },
  exportDivision: { action: "division.export", permission: "plan:read", objectType: "Assignment" },
  /** The unit registry, for pickers (account administration, round scope). */
  listUnits: { action: "unit.list", permission: "unit:read", objectType: "Unit" },
  // Items of every kind: CAST on any plan, a district liaison on their own district's plan
  // (the data layer checks which with assertMayEditPlan).
  openItemForm: { action: "plan_item.form", permission: "plan:edit", ownedPermission: "plan:district", objectType: "PlanItem" },
  createItem: { action: "plan_item.create", permission: "plan:edit", ownedPermission: "plan:district", objectType: "PlanItem" },
  updateItem: { action: "plan_item.update", permission: "plan:edit", ownedPermission: "plan:district", objectType: "PlanItem" },
  moveItem: { action: "plan_item.move", permission: "plan:edit", ownedPermission: "plan:district", objectType: "PlanItem" },
  archiveItem: { action: "plan_item.archive", permission: "plan:edit", ownedPermission: "plan:district", objectType: "PlanItem" },
  restoreItem: { action: "plan_item.restore", permission: "plan:edit", ownedPermission: "plan:district", objectType: "PlanItem" },
  // Plans themselves: create (a liaison only their own district's), edit the particulars, publish.
  openPlanForm: { action: "plan.form", permission: "plan:edit", ownedPermission: "plan:district", objectType: "Plan" },
  createPlan: { action: "plan.create", permission: "plan:edit", ownedPermission: "plan:district", objectType: "Plan" },
  updatePlan: { action: "plan.update", permission: "plan:edit", ownedPermission: "plan:district", objectType: "Plan" },
  publishPlan: { action: "plan.publish", permission: "plan:edit", ownedPermission: "plan:district", objectType: "Plan" },
  // Versions: whoever may read the plan (a draft's only those who may edit it).
  readPlanVersions: { action: "plan.versions", permission: "plan:read", objectType: "Plan" },
  comparePlanVersions: { action: "plan.compare", permission: "plan:read", objectType: "Plan" },
  compareItemVersions: { action: "plan_item.compare", permission: "plan:read", objectType: "PlanItem" },
  /** Marks a published master plan as the current one (the overview, headline and dashboard follow it). */
  makeCurrent: { action: "plan.make_current", permission: "plan:edit", objectType: "Plan" },
  /** The carry-over form: an ended plan's uncompleted work items and the new plan's measures. */
  openCarryOverForm: { action: "plan_item.carry_over_form", permission: "plan:edit", objectType: "Plan" },
  /** Carries uncompleted work items of an ended plan over into the current one, each linked to its origin. */
  carryOver: { action: "plan_item.carry_over", permission: "plan:edit", objectType: "PlanItem" },
  // Import from a workbook: CAST any plan; a district government's liaison only their own district's plan.
  /** The plan workbook template, or an existing plan as a filled workbook. */
  downloadTemplate: { action: "plan.template", permission: "plan:import", ownedPermission: "plan:district", objectType: "Plan" },
  /** Upload → preview: the workbook checked and stored as a pending import; nothing written to the plan. */
  previewImport: { action: "plan.import_preview", permission: "plan:import", ownedPermission: "plan:district", objectType: "PlanImport" },
  readImport: { action: "plan.import_read", permission: "plan:import", ownedPermission: "plan:district", objectType: "PlanImport" },
  /** Confirms a pending import of a new plan (and is the operation every confirm is checked under). */
  applyImport: { action: "plan.import", permission: "plan:import", ownedPermission: "plan:district", objectType: "Plan" },
  /** Confirms a pending import of a new version of an existing plan (the audit name of that confirm). */
  applyReimport: { action: "plan.reimport", permission: "plan:import", ownedPermission: "plan:district", objectType: "Plan" },
  discardImport: { action: "plan.import_discard", permission: "plan:import", ownedPermission: "plan:district", objectType: "PlanImport" },
});
