import { z } from "zod";
import { checkPassword, PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy";
import { ROLES } from "@/lib/core/permissions";
import { idField, optionalField, versionField } from "@/lib/core/form";

/**
 * Schemas for account forms. Each message is a key under `validation` in the message
 * files; the same schema validates the form in the browser and again in the action.
 */
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;

const accountFields = {
  displayName: z.string().trim().min(1, "required").max(50, "tooLong"),
  role: z.enum(ROLES, { error: "roleRequired" }),
  unitId: optionalField(idField),
  email: optionalField(z.string().trim().max(254, "tooLong").pipe(z.email("emailFormat"))),
};

function unitMatchesRole(value: { role: string; unitId?: number }, context: z.RefinementCtx) {
  if (value.role === "LIAISON" && value.unitId === undefined) {
    context.addIssue({ code: "custom", path: ["unitId"], message: "liaisonNeedsUnit" });
  }
  if (value.role !== "LIAISON" && value.unitId !== undefined) {
    context.addIssue({ code: "custom", path: ["unitId"], message: "onlyLiaisonHasUnit" });
  }
}

export const createUserSchema = z
  .object({
    username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, "usernameFormat"),
    ...accountFields,
  })
  .superRefine(unitMatchesRole);
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({ userId: idField, version: versionField, ...accountFields }).superRefine(unitMatchesRole);
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userCommandSchema = z.object({ userId: idField, version: versionField });
export type UserCommandInput = z.infer<typeof userCommandSchema>;

/** An auditor's decision on a privileged request: a refusal needs a reason. */
export const decideRequestSchema = z
  .object({
    requestId: idField,
    version: versionField,
    decision: z.enum(["approve", "refuse"], { error: "invalid" }),
    reason: optionalField(z.string().trim().max(500, "tooLong")),
  })
  .superRefine((value, context) => {
    if (value.decision === "refuse" && !value.reason) context.addIssue({ code: "custom", path: ["reason"], message: "refusalNeedsReason" });
  });
export type DecideRequestInput = z.infer<typeof decideRequestSchema>;

/** The requester's commands on their own request: withdraw it, collect the temporary password. */
export const requestCommandSchema = z.object({ requestId: idField, version: versionField });
export type RequestCommandInput = z.infer<typeof requestCommandSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "required").max(PASSWORD_MAX_LENGTH, "tooLong"),
    newPassword: z.string().max(PASSWORD_MAX_LENGTH, "tooLong"),
    confirmPassword: z.string(),
  })
  .superRefine((value, context) => {
    if (value.newPassword !== value.confirmPassword) {
      context.addIssue({ code: "custom", path: ["confirmPassword"], message: "passwordsDiffer" });
    }
    if (value.newPassword === value.currentPassword) {
      context.addIssue({ code: "custom", path: ["newPassword"], message: "passwordUnchanged" });
    }
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Policy problems map to message keys `validation.password.<problem>`. */
export function passwordPolicyIssues(password: string, username: string): string[] {
  return checkPassword(password, username).map((problem) => `password.${problem}`);
}

/** Why the login page was reached: shown as a notice above the form. */
export const loginQuerySchema = z.object({
  reason: z.enum(["idle", "expired", "revoked", "loggedOut"]).optional(),
});
