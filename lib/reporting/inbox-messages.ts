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

export type InboxMessageContent =
  | { kind: "RETURNED" | "APPROVED"; params: z.infer<typeof reviewParams> }
  | { kind: "REMIND" | "URGE" | "SUPERVISE"; params: z.infer<typeof chaseParams> };

export const INBOX_KINDS = ["RETURNED", "APPROVED", "REMIND", "URGE", "SUPERVISE"] as const;

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
  return null;
}
