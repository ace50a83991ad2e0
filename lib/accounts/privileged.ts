import { z } from "zod";
import type { Role } from "@/lib/core/permissions";

/**
 * 三员分立 on privileged accounts. The roles whose holders run the system (plan work for the
 * whole city, the audit trail, the accounts themselves): creating such an account, granting such
 * a role or resetting such an account's password is asked for by the account administrator and
 * takes effect only when an auditor approves it (or is done on the server console).
 */
export const PRIVILEGED_ROLES = ["ADMIN", "AUDITOR", "USER_ADMIN"] as const satisfies readonly Role[];

export function isPrivilegedRole(role: string | null | undefined): boolean {
  return (PRIVILEGED_ROLES as readonly string[]).includes(role ?? "");
}

export const PRIVILEGED_REQUEST_KINDS = ["CREATE_ACCOUNT", "GRANT_ROLE", "RESET_PASSWORD"] as const;
export type PrivilegedRequestKindName = (typeof PRIVILEGED_REQUEST_KINDS)[number];

/**
 * What a request asks, stored as JSON in `PrivilegedRequest.payload`: never a password. For an
 * approved creation or reset, `passwordIssuedAt` records that the requester has collected the
 * one-time temporary password (it is generated at that moment and stored hashed on the account only).
 */
export const requestPayloadSchema = z.object({
  username: z.string(),
  displayName: z.string().optional(),
  email: z.string().nullable().optional(),
  role: z.string().optional(),
  fromRole: z.string().optional(),
  unitId: z.number().int().nullable().optional(),
  passwordIssuedAt: z.string().optional(),
});
export type RequestPayload = z.infer<typeof requestPayloadSchema>;

export function parseRequestPayload(payload: string): RequestPayload {
  return requestPayloadSchema.parse(JSON.parse(payload));
}

/** Whether an approved request of this kind gives the requester a temporary password to collect. */
export function issuesPassword(kind: string): boolean {
  return kind === "CREATE_ACCOUNT" || kind === "RESET_PASSWORD";
}

/** A privileged change stored for an auditor's approval instead of being made. */
export interface RequestedChange {
  requestId: number;
}

export function isRequestedChange(result: object): result is RequestedChange {
  return "requestId" in result && typeof (result as { requestId?: unknown }).requestId === "number";
}
