import { defineOperations } from "@/lib/core/operations";

/** Account administration (USER_ADMIN) and what every user may do with their own account. */
export const ACCOUNT_OPERATIONS = defineOperations({
  listUsers: { action: "user.list", permission: "user:read", objectType: "User" },
  readUser: { action: "user.read", permission: "user:read", objectType: "User" },
  createUser: { action: "user.create", permission: "user:manage", objectType: "User" },
  updateUser: { action: "user.update", permission: "user:manage", objectType: "User" },
  disableUser: { action: "user.disable", permission: "user:manage", objectType: "User" },
  enableUser: { action: "user.enable", permission: "user:manage", objectType: "User" },
  unlockUser: { action: "user.unlock", permission: "user:manage", objectType: "User" },
  resetPassword: { action: "user.reset_password", permission: "user:manage", objectType: "User" },
  /** A command the user page does not know: refused by validation, audited under this name if denied. */
  unknownCommand: { action: "user.command", permission: "user:manage", objectType: "User" },
  changeOwnPassword: { action: "account.change_password", permission: "account:self", objectType: "User" },
  /**
   * 三员分立: a privileged change (create an ADMIN, AUDITOR or USER_ADMIN account, grant such a role,
   * reset such an account's password) asked for by the account administrator is stored as a
   * request under this name, and takes effect only when an auditor approves it.
   */
  requestPrivileged: { action: "user.request_privileged", permission: "user:manage", objectType: "PrivilegedRequest" },
  /** The account administrator's view of the requests and their outcome. */
  listAccountRequests: { action: "user.request_list", permission: "user:read", objectType: "PrivilegedRequest" },
  /** Withdraw one's own pending request. */
  cancelRequest: { action: "user.request_cancel", permission: "user:manage", objectType: "PrivilegedRequest" },
  /** The requester collects, once, the temporary password of an approved creation or reset. */
  collectPassword: { action: "user.request_collect_password", permission: "user:manage", objectType: "PrivilegedRequest" },
  /** The auditor's view of the requests awaiting a decision, and the decided ones. */
  listPrivilegedRequests: { action: "account_request.list", permission: "account:approve", objectType: "PrivilegedRequest" },
  approveRequest: { action: "account_request.approve", permission: "account:approve", objectType: "PrivilegedRequest" },
  refuseRequest: { action: "account_request.refuse", permission: "account:approve", objectType: "PrivilegedRequest" },
});
