/**
 * Expected failures of the data layer, by code. Actions turn them into translated messages
 * (messages/*.json, namespace `errors`); anything else is unexpected, logged on the server
 * and shown to the user only as a generic message.
 */
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "PASSWORD_CHANGE_REQUIRED" | "NOT_FOUND" | "VALIDATION" | "CONFLICT";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Key under `errors` in the message files. */
    readonly messageKey: string = code,
    readonly values: Record<string, string | number> = {},
    /** Field name → key under `validation` in the message files. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
