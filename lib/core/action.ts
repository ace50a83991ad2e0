import "server-only";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import type { Actor } from "@/lib/core/actor";
import { fieldErrorKeys, formDataToObject } from "@/lib/core/form";
import { authorize } from "./authz";
import type { OperationSpec } from "./operations";
import { isAppError, type ErrorCode } from "./errors";
import { duplicateRecordError, uniqueViolation } from "./unique-violation";
import { getActor } from "./session";
import { logError } from "./log";

/** What every server action returns to its form. */
export type ActionState<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: ErrorCode | "UNEXPECTED";
      message: string;
      fieldErrors: Record<string, string>;
      /** What was submitted (passwords left out), so the form can show it again: nothing typed is lost. */
      values: Record<string, string>;
    };

/** The submitted text fields of a form (passwords and Next.js's own fields left out). */
export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || /password/i.test(key) || typeof value !== "string") continue;
    values[key] = value;
  }
  return values;
}

interface ActionSpec<S extends z.ZodType, T> {
  /** Its permission is checked (and a refusal audited) before the input is even read. */
  operation: OperationSpec;
  /** The object acted on, as submitted (for the audit record of a refusal). */
  objectId?: FormDataEntryValue | null;
  schema: S;
  /** The data-layer call; it checks permission and ownership again itself. */
  run: (actor: Actor, input: z.output<S>) => Promise<T>;
}

/**
 * The shape of every server action: who is acting → may they → is the input valid → the
 * data layer (which audits) → a typed result with messages in the user's language. Only
 * expected errors reach the user; anything else is logged and reported generically.
 */
export async function runAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>, formData: FormData): Promise<ActionState<T>> {
  const t = await getTranslations();
  const translateField = (key: string) => (t.has(`validation.${key}`) ? t(`validation.${key}`) : t("validation.invalid"));
  const values = submittedValues(formData);
  try {
    const objectId = spec.objectId === undefined ? undefined : String(spec.objectId);
    const actor = await authorize(await getActor(), spec.operation, objectId);
    const parsed = spec.schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(
        Object.entries(fieldErrorKeys(parsed.error)).map(([field, key]) => [field, translateField(key)]),
      );
      return { ok: false, error: "VALIDATION", message: t("errors.VALIDATION"), fieldErrors, values };
    }
    return { ok: true, data: await spec.run(actor, parsed.data) };
  } catch (caught) {
    // A unique key no write site maps to its own message is still a conflict the user can act on, not a failure.
    const error = uniqueViolation(caught) ? duplicateRecordError() : caught;
    if (isAppError(error)) {
      const key = t.has(`errors.${error.messageKey}`) ? `errors.${error.messageKey}` : `errors.${error.code}`;
      return {
        ok: false,
        error: error.code,
        message: t(key, error.values),
        fieldErrors: Object.fromEntries(Object.entries(error.fieldErrors).map(([field, k]) => [field, translateField(k)])),
        values,
      };
    }
    logError("Unexpected error in a server action", error);
    return { ok: false, error: "UNEXPECTED", message: t("errors.unexpectedBody"), fieldErrors: {}, values };
  }
}
