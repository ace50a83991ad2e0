import "server-only";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import type { Actor } from "@/lib/core/actor";
import type { Permission } from "@/lib/core/permissions";
import { formDataToObject } from "@/lib/core/form";
import { authorize, type Operation } from "./authz";
import { isAppError, type ErrorCode } from "./errors";
import { getActor } from "./session";

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

function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || /password/i.test(key) || typeof value !== "string") continue;
    values[key] = value;
  }
  return values;
}

interface ActionSpec<S extends z.ZodType, T> {
  /** Checked (and a refusal audited) before the input is even read. */
  permission: Permission;
  operation: Operation;
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
    const actor = await authorize(await getActor(), spec.permission, spec.operation);
    const parsed = spec.schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "form");
        fieldErrors[field] ??= translateField(issue.message);
      }
      return { ok: false, error: "VALIDATION", message: t("errors.VALIDATION"), fieldErrors, values };
    }
    return { ok: true, data: await spec.run(actor, parsed.data) };
  } catch (error) {
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
    console.error("Unexpected error in a server action", error);
    return { ok: false, error: "UNEXPECTED", message: t("errors.unexpectedBody"), fieldErrors: {}, values };
  }
}
