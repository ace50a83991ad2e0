import { defineOperations } from "@/lib/core/operations";

/**
 * The unit registry (单位名录), kept by CAST staff: add, rename with an effective date, merge,
 * deactivate and reactivate units. The registry's own pages (states, name history, merges) are a
 * management screen, so reading them needs `unit:manage` too; everyone who reads plans sees the
 * current names and former names on the unit pages (`plan:read`).
 */
export const UNIT_OPERATIONS = defineOperations({
  readRegistry: { action: "unit.registry", permission: "unit:manage", objectType: "Unit" },
  createUnit: { action: "unit.create", permission: "unit:manage", objectType: "Unit" },
  renameUnit: { action: "unit.rename", permission: "unit:manage", objectType: "Unit" },
  mergeUnit: { action: "unit.merge", permission: "unit:manage", objectType: "Unit" },
  deactivateUnit: { action: "unit.deactivate", permission: "unit:manage", objectType: "Unit" },
  reactivateUnit: { action: "unit.reactivate", permission: "unit:manage", objectType: "Unit" },
});
