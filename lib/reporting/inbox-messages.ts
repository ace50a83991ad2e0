import { z } from "zod";

/**
 * What an inbox message says, as data: its kind and the parameters the reader's language
 * turns into a sentence (`inbox.kinds.*` in the message files). The Chinese title and body
 * stored beside them are the e-mail copy and the fallback for rows written before params.
 */
const reviewParams = z.object({
  /** The work item's title (Chinese data). */
  item: z.string(),
  /** The round's name (Chinese data). */
  round: z.string(),
  /** The reviewer's comment; empty when approved without one. */
  comment: z.string().nullable().optional(),
});

const chaseParams = z.object({
  round: z.string(),
  /** How many of the unit's reports are still owed. */
  count: z.number().int().nonnegative(),
  /** The round's deadline, YYYY-MM-DD in Shenzhen. */
  deadline: z.string(),
  /** The officer's own text; null when they typed none and the default sentence applies. */
  message: z.string().nullable(),
});

/** 代填: CAST entered one of the unit's reports from the workbook the unit sent. */
const enteredParams = z.object({
  item: z.string(),
  round: z.string(),
  /** The workbook's file name. */
  file: z.string(),
});

/** 三员分立: a privileged account request awaiting an auditor (ACCOUNT_REQUEST), or its outcome for the requester. */
const accountRequestParams = z.object({
  /** CREATE_ACCOUNT, GRANT_ROLE or RESET_PASSWORD. */
  request: z.enum(["CREATE_ACCOUNT", "GRANT_ROLE", "RESET_PASSWORD"]),
  username: z.string(),
  role: z.string().nullable().optional(),
  requester: z.string().optional(),
  outcome: z.enum(["APPROVED", "REFUSED"]).optional(),
  /** The auditor's reason for a refusal (Chinese data). */
  reason: z.string().nullable().optional(),
});

export type InboxMessageContent =
  | { kind: "RETURNED" | "APPROVED"; params: z.infer<typeof reviewParams> }
  | { kind: "REMIND" | "URGE" | "SUPERVISE"; params: z.infer<typeof chaseParams> }
  | { kind: "ACCOUNT_REQUEST" | "ACCOUNT_REQUEST_DECIDED"; params: z.infer<typeof accountRequestParams> }
  | { kind: "ENTERED_ON_BEHALF"; params: z.infer<typeof enteredParams> };

export const INBOX_KINDS = [
  "RETURNED",
  "APPROVED",
  "REMIND",
  "URGE",
  "SUPERVISE",
  "ACCOUNT_REQUEST",
  "ACCOUNT_REQUEST_DECIDED",
  "ENTERED_ON_BEHALF",
] as const;

/** The stored row's kind and params as content to render, or null (old rows, unknown kinds, bad JSON): show the stored text. */
export function parseInboxContent(kind: string, params: string | null): InboxMessageContent | null {
  if (params === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(params);
  } catch {
    return null;
  }
  if (kind === "RETURNED" || kind === "APPROVED") {
    const parsed = reviewParams.safeParse(value);
    return parsed.success ? { kind, params: parsed.data } : null;
  }
  if (kind === "REMIND" || kind === "URGE" || kind === "SUPERVISE") {
    const parsed = chaseParams.safeParse(value);
    return parsed.success ? { kind, params: parsed.data } : null;
  }
  if (kind === "ACCOUNT_REQUEST" || kind === "ACCOUNT_REQUEST_DECIDED") {
    const parsed = accountRequestParams.safeParse(value);
    return parsed.success ? { kind, params: parsed.data } : null;
  }
  if (kind === "ENTERED_ON_BEHALF") {
    const parsed = enteredParams.safeParse(value);
    return parsed.success ? { kind, params: parsed.data } : null;
  }
  return null;
}
