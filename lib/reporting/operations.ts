import type { ChaseLevel } from "@/lib/generated/prisma/enums";
import { defineOperations } from "@/lib/core/operations";

/** Everything a user can attempt in reporting: rounds, reports, evidence, review, chasing, the inbox. */
export const REPORTING_OPERATIONS = defineOperations({
  listRounds: { action: "round.list", permission: "round:read", objectType: "ReportingRound" },
  readRound: { action: "round.read", permission: "round:read", objectType: "ReportingRound" },
  openRoundForm: { action: "round.form", permission: "round:manage", objectType: "ReportingRound" },
  openRound: { action: "round.open", permission: "round:manage", objectType: "ReportingRound" },
  closeRound: { action: "round.close", permission: "round:manage", objectType: "ReportingRound" },
  reopenRound: { action: "round.reopen", permission: "round:manage", objectType: "ReportingRound" },
  readReport: { action: "report.read", permission: "report:read", objectType: "ProgressReport" },
  itemTimeline: { action: "report.timeline", permission: "report:read", objectType: "PlanItem" },
  unitTimeline: { action: "report.timeline", permission: "report:read", objectType: "Unit" },
  myTasks: { action: "report.mine", permission: "report:write", objectType: "ProgressReport" },
  saveReport: { action: "report.save", permission: "report:write", objectType: "ProgressReport" },
  submitReport: { action: "report.submit", permission: "report:write", objectType: "ProgressReport" },
  addAttachment: { action: "attachment.add", permission: "report:write", objectType: "ProgressReport" },
  removeAttachment: { action: "attachment.remove", permission: "report:write", objectType: "Attachment" },
  downloadAttachment: { action: "attachment.download", permission: "report:read", objectType: "Attachment" },
  /**
   * The ledger round-trip. CAST (report:on_behalf) downloads any unit's round workbook or all units'
   * in one, and uploads a unit's for it (代填); a liaison (report:write) only their own unit's.
   */
  downloadWorkbook: {
    action: "report.workbook",
    permission: "report:on_behalf",
    ownedPermission: "report:write",
    objectType: "ReportingRound",
  },
  previewImport: {
    action: "report.import_preview",
    permission: "report:on_behalf",
    ownedPermission: "report:write",
    objectType: "ReportImport",
  },
  readImport: { action: "report.import_read", permission: "report:on_behalf", ownedPermission: "report:write", objectType: "ReportImport" },
  applyImport: { action: "report.import", permission: "report:on_behalf", ownedPermission: "report:write", objectType: "ReportImport" },
  discardImport: {
    action: "report.import_discard",
    permission: "report:on_behalf",
    ownedPermission: "report:write",
    objectType: "ReportImport",
  },
  searchReports: { action: "report.search", permission: "report:search", objectType: "ProgressReport" },
  reviewQueue: { action: "report.queue", permission: "report:review", objectType: "ProgressReport" },
  approveReport: { action: "report.approve", permission: "report:review", objectType: "ProgressReport" },
  /** Approve several submitted reports at once: each approval is its own `report.approve` event. */
  approveReports: { action: "report.approve_many", permission: "report:review", objectType: "ProgressReport" },
  returnReport: { action: "report.return", permission: "report:review", objectType: "ProgressReport" },
  remind: { action: "chase.remind", permission: "chase:send", objectType: "ReportingRound" },
  urge: { action: "chase.urge", permission: "chase:send", objectType: "ReportingRound" },
  supervise: { action: "chase.supervise", permission: "chase:send", objectType: "ReportingRound" },
  /** From a lead unit's report: each supporter that has not submitted, at its next level (through the three above). */
  chaseSupporters: { action: "chase.supporters", permission: "chase:send", objectType: "ProgressReport" },
  readInbox: { action: "inbox.read", permission: "account:self", objectType: "InboxMessage" },
  markRead: { action: "inbox.mark_read", permission: "account:self", objectType: "InboxMessage" },
  markAllRead: { action: "inbox.mark_all_read", permission: "account:self", objectType: "InboxMessage" },
});

/** The operation for each chasing level (提醒, 催办, 督办). */
export const CHASE_OPERATION = {
  REMIND: REPORTING_OPERATIONS.remind,
  URGE: REPORTING_OPERATIONS.urge,
  SUPERVISE: REPORTING_OPERATIONS.supervise,
} as const satisfies Record<ChaseLevel, unknown>;
