import { z } from "zod";
import { idField, optionalField, versionField } from "@/lib/core/form";

/** The longest 工作内容 a work item takes; the form states it and counts as the user types. */
export const FULL_TEXT_MAX = 5000;

export const REPORTING_CYCLES = ["MONTHLY", "QUARTERLY", "HALF_YEARLY", "ANNUAL"] as const;
const ROLE_VALUES = ["LEAD", "SUPPORT"] as const;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dateFormat");

/**
 * The unit picker sends one field per unit, `unit_<id>` = LEAD | SUPPORT | "" (not
 * involved), so a unit can hold only one role on an item. Collected into `assignments`.
 */
function collectAssignments(raw: unknown) {
  if (!raw || typeof raw !== "object" || "assignments" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const assignments = Object.entries(fields)
    .filter(([key, value]) => /^unit_\d+$/.test(key) && value !== "")
    .map(([key, value]) => ({ unitId: Number(key.slice(5)), role: value }));
  return { ...fields, assignments };
}

const workItemFields = z.object({
  title: z.string().trim().min(1, "required").max(200, "tooLong"),
  // A form posts a line break as CR LF; the form's counter, like the browser, counts it once.
  fullText: z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value),
    z.string().trim().max(FULL_TEXT_MAX, "tooLong").default(""),
  ),
  startDate: optionalField(day),
  dueDate: day,
  reportingCycle: z.enum(REPORTING_CYCLES, { error: "cycleRequired" }),
  phaseId: optionalField(idField),
  // Checked on the field itself, so these errors show together with any other field's.
  assignments: z
    .array(z.object({ unitId: z.number().int().positive(), role: z.enum(ROLE_VALUES, { error: "invalid" }) }))
    .refine((list) => list.some((assignment) => assignment.role === "LEAD"), "leadRequired")
    .refine((list) => new Set(list.map((assignment) => assignment.unitId)).size === list.length, "unitOneRole"),
});

function checkWorkItem(value: z.infer<typeof workItemFields>, context: z.RefinementCtx) {
  if (value.startDate && value.startDate > value.dueDate) {
    context.addIssue({ code: "custom", path: ["dueDate"], message: "dueBeforeStart" });
  }
}

export const createWorkItemSchema = z.preprocess(
  collectAssignments,
  workItemFields.extend({ parentId: idField }).superRefine(checkWorkItem),
);
export type CreateWorkItemInput = z.infer<typeof createWorkItemSchema>;

export const updateWorkItemSchema = z.preprocess(
  collectAssignments,
  workItemFields.extend({ itemId: idField, version: versionField }).superRefine(checkWorkItem),
);
export type UpdateWorkItemInput = z.infer<typeof updateWorkItemSchema>;
