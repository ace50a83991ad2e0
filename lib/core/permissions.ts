/**
 * The one permission table: which role may do what. Server code asks `can(role, action)`
 * before every read and write; the UI asks the same to decide what to show. A role not in
 * the table, or a missing role, gets nothing.
 *
 * Duties are separated (三员分立): USER_ADMIN manages accounts and nothing else, AUDITOR
 * reads and exports the audit trail and nothing else, and neither does plan work.
 */
export const ROLES = ["ADMIN", "LIAISON", "LEADER", "AUDITOR", "USER_ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Change one's own password, sign out. */
  "account:self",
  /** Read the list of responsible units. */
  "unit:read",
  /** Read the plans, their items and who leads or supports them; export the division of labour. */
  "plan:read",
  /**
   * Author any plan: create plans, edit their particulars and items of every kind, move, archive,
   * publish; make a master plan current and carry work over from an ended plan.
   */
  "plan:edit",
  /** Import a plan, or a new version of one, from a workbook (template download, preview, confirm). */
  "plan:import",
  /** A district government's liaison: create, import and edit their own district's plan only. */
  "plan:district",
  /** Keep the unit registry: add, rename with an effective date, merge, deactivate. */
  "unit:manage",
  /** Read progress reports, timelines and inbox-worthy events (a liaison: their own unit's only). */
  "report:read",
  /** Fill in, save and submit the own unit's reports, with evidence. */
  "report:write",
  /**
   * 代填: enter a unit's reports on its behalf from the round workbook the unit sent (download any
   * unit's workbook or all units' in one, upload it for that unit). The report records who entered it.
   */
  "report:on_behalf",
  /** Search across every unit's reports by text, unit, round, state and light. */
  "report:search",
  /** Approve submitted reports or return them with a comment. */
  "report:review",
  /** See reporting rounds and their board of traffic lights. */
  "round:read",
  /** Open, close and reopen reporting rounds. */
  "round:manage",
  /** Send reminders, 催办 and 督办 to late units. */
  "chase:send",
  /** The leadership dashboard and its exports (summary, indicator table, bulletin). */
  "dashboard:read",
  /** Read indicators, their targets and values. */
  "indicator:read",
  /** Define indicators and enter or correct their values. */
  "indicator:edit",
  /** List accounts and their state. */
  "user:read",
  /** Create accounts, change role or unit, disable, enable, unlock, reset passwords. */
  "user:manage",
  /** Search the audit trail and verify its hash chain. */
  "audit:read",
  /** Export the audit trail as CSV. */
  "audit:export",
  /**
   * 三员分立: approve or refuse the account administrator's request to create a privileged account
   * (ADMIN, AUDITOR, USER_ADMIN), grant a privileged role or reset a privileged account's password.
   */
  "account:approve",
  /** Read a plan's summary evaluations (总结评估) and download their Word report and Excel annex. */
  "evaluation:read",
  /** Open a plan's summary evaluation, refresh its figures, edit its conclusions and finalise it. */
  "evaluation:manage",
  /** 公众评价: moderate the comments visitors leave on the public page (approve, or reject with a reason). */
  "feedback:moderate",
  /** 年度考核: read every unit's yearly assessment score, its calculation and ranking; export the table. */
  "assessment:read",
  /** 年度考核: a liaison reads their own unit's score and its calculation only (the data layer checks the unit). */
  "assessment:unit",
  /** 年度考核: set a year's scoring rules and weights, compute the scores and finalise (freeze) the year. */
  "assessment:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  ADMIN: [
    "account:self",
    "unit:read",
    "plan:read",
    "plan:edit",
    "plan:import",
    "unit:manage",
    "report:read",
    "report:on_behalf",
    "report:search",
    "report:review",
    "round:read",
    "round:manage",
    "chase:send",
    "dashboard:read",
    "indicator:read",
    "indicator:edit",
    "evaluation:read",
    "evaluation:manage",
    "feedback:moderate",
    "assessment:read",
    "assessment:manage",
  ],
  LIAISON: ["account:self", "unit:read", "plan:read", "plan:district", "report:read", "report:write", "indicator:read", "assessment:unit"],
  LEADER: [
    "account:self",
    "unit:read",
    "plan:read",
    "report:read",
    "report:search",
    "round:read",
    "dashboard:read",
    "indicator:read",
    "evaluation:read",
    "assessment:read",
  ],
  AUDITOR: ["account:self", "audit:read", "audit:export", "account:approve"],
  USER_ADMIN: ["account:self", "unit:read", "user:read", "user:manage"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: unknown, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}

export const canReadPlan = (role: unknown) => can(role, "plan:read");
export const canEditPlan = (role: unknown) => can(role, "plan:edit");
export const canManageUsers = (role: unknown) => can(role, "user:manage");
export const canReadAudit = (role: unknown) => can(role, "audit:read");
export const canExportAudit = (role: unknown) => can(role, "audit:export");
