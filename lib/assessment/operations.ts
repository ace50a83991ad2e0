import { defineOperations } from "@/lib/core/operations";

/**
 * 年度考核: everything a user can attempt on the yearly unit assessment. Leaders read every unit's
 * score; a liaison holds `assessment:unit` and the data layer gives them their own unit's score only.
 */
export const ASSESSMENT_OPERATIONS = defineOperations({
  listYears: { action: "assessment.list", permission: "assessment:read", ownedPermission: "assessment:unit", objectType: "AssessmentYear" },
  readYear: { action: "assessment.read", permission: "assessment:read", ownedPermission: "assessment:unit", objectType: "AssessmentYear" },
  exportYear: { action: "assessment.export", permission: "assessment:read", objectType: "AssessmentYear" },
  createYear: { action: "assessment.create_year", permission: "assessment:manage", objectType: "AssessmentYear" },
  updateRules: { action: "assessment.update_rules", permission: "assessment:manage", objectType: "AssessmentYear" },
  compute: { action: "assessment.compute", permission: "assessment:manage", objectType: "AssessmentYear" },
  finalise: { action: "assessment.finalise", permission: "assessment:manage", objectType: "AssessmentYear" },
});
