import { can, type Permission } from "./permissions";

/**
 * One thing a user can attempt, declared once in its feature's `operations.ts`: the name it
 * has in the audit trail, the permission it needs and the kind of object it acts on. The
 * server action checks it before reading the input and the data layer checks it again, so
 * the two can never disagree about what an operation is called or what it needs.
 */
export interface OperationSpec {
  /** e.g. `report.approve`: how the audit trail names the attempt. */
  readonly action: string;
  readonly permission: Permission;
  /**
   * A narrower permission that also lets a role attempt the operation, on objects the data layer
   * then checks it owns (a district liaison's own district plan: `plan:district`).
   */
  readonly ownedPermission?: Permission;
  readonly objectType: string;
}

/** A feature's operations, keyed by the name the code uses for them. */
export function defineOperations<const T extends Record<string, OperationSpec>>(operations: T): T {
  return operations;
}

/** What the audit trail records about an attempt: the operation's name and the object it targets. */
export interface AuditTarget {
  action: string;
  objectType: string;
  objectId?: string | number | null;
}

export function auditTarget(operation: OperationSpec, objectId?: string | number | null): AuditTarget {
  return { action: operation.action, objectType: operation.objectType, ...(objectId === undefined ? {} : { objectId }) };
}

/** Whether a role may attempt an operation at all: what pages ask before offering its button or form. */
export function mayAttempt(role: unknown, operation: OperationSpec): boolean {
  return can(role, operation.permission) || (operation.ownedPermission !== undefined && can(role, operation.ownedPermission));
}

/** Whether the role holds the operation's full permission, not only its owned-object one. */
export function mayAttemptOnAny(role: unknown, operation: OperationSpec): boolean {
  return can(role, operation.permission);
}
