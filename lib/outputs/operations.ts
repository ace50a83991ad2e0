import { defineOperations } from "@/lib/core/operations";

/** The leadership dashboard and the files made from it. */
export const OUTPUT_OPERATIONS = defineOperations({
  readDashboard: { action: "dashboard.read", permission: "dashboard:read", objectType: "ReportingRound" },
  exportProgressSummary: { action: "dashboard.export", permission: "dashboard:read", objectType: "ReportingRound" },
  exportIndicatorTable: { action: "dashboard.export", permission: "dashboard:read", objectType: "Indicator" },
  makeBulletin: { action: "dashboard.bulletin", permission: "dashboard:read", objectType: "ReportingRound" },
});
