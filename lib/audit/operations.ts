import { defineOperations } from "@/lib/core/operations";

/** The auditor's work on the audit trail. */
export const AUDIT_OPERATIONS = defineOperations({
  search: { action: "audit.search", permission: "audit:read", objectType: "AuditEvent" },
  verify: { action: "audit.verify", permission: "audit:read", objectType: "AuditEvent" },
  export: { action: "audit.export", permission: "audit:export", objectType: "AuditEvent" },
});
