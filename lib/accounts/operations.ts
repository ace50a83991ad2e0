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
});
