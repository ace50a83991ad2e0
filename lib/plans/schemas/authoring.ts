import { z } from "zod";
import { idField, optionalField, versionField } from "@/lib/core/form";
import { FULL_TEXT_MAX, REPORTING_CYCLES } from "@/lib/plans/schemas/work-items";

export const PLAN_KINDS = ["MASTER", "ANNUAL", "DISTRICT"] as const;
export const ITEM_KINDS = ["PART", "SECTION", "MEASURE", "SAFEGUARD", "WORK_ITEM", "COLUMN"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Kinds that hold no items of their own: a 工作事项 is the unit of reporting, a 专栏 a boxed list. */
export const LEAF_KINDS: readonly ItemKind[] = ["WORK_ITEM", "COLUMN"];

/** Where an item of each kind may sit: "top" is the plan's first level. */
export function mayHoldKind(parentKind: ItemKind | "top", kind: ItemKind): boolean {
  if (parentKind !== "top" && LEAF_KINDS.includes(parentKind)) return false;
  if (kind === "PART") return parentKind === "top";
  return true;
}

export const TASK_STATEMENT_MAX = 2000;
export const LINK_REASON_MAX = 500;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dateFormat");
const year = z.coerce.number({ error: "yearFormat" }).int("yearFormat").min(2000, "yearFormat").max(2100, "yearFormat");
const text = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value),
    z.string().trim().max(max, "tooLong").default(""),
  );

const planFields = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "planCode"),
  title: z.string().trim().min(1, "required").max(200, "tooLong"),
  shortTitle: z.string().trim().min(1, "required").max(60, "tooLong"),
  issuer: z.string().trim().min(1, "required").max(100, "tooLong"),
  documentNumber: optionalField(z.string().trim().max(100, "tooLong")),
  signedOn: optionalField(day),
  publishedOn: optionalField(day),
  startYear: year,
  endYear: year,
  parentPlanId: optionalField(idField),
  districtId: optionalField(idField),
  preamble: text(FULL_TEXT_MAX),
});

function checkPlan(value: z.infer<typeof planFields> & { kind?: string }, context: z.RefinementCtx) {
  if (value.endYear < value.startYear) context.addIssue({ code: "custom", path: ["endYear"], message: "yearOrder" });
  if (value.kind && value.kind !== "MASTER" && !value.parentPlanId)
    context.addIssue({ code: "custom", path: ["parentPlanId"], message: "parentPlanRequired" });
  if (value.kind === "DISTRICT" && !value.districtId)
    context.addIssue({ code: "custom", path: ["districtId"], message: "districtRequired" });
}

export const createPlanSchema = planFields.extend({ kind: z.enum(PLAN_KINDS, { error: "required" }) }).superRefine(checkPlan);
export type CreatePlanInput = z.infer<typeof createPlanSchema>;

/** The particulars after creation: the kind, code, parent and district stay as created. */
export const updatePlanSchema = planFields
  .omit({ code: true, parentPlanId: true, districtId: true })
  // The particulars' last change (Plan.updatedAt, in ms) the form was opened at: optimistic concurrency.
  .extend({ planId: idField, updatedAt: z.coerce.number({ error: "invalid" }).int("invalid").min(0, "invalid") })
  .superRefine((value, context) => {
    if (value.endYear < value.startYear) context.addIssue({ code: "custom", path: ["endYear"], message: "yearOrder" });
  });
export type UpdatePlanInput = z.infer<typeof updatePlanSchema>;

export const planCommandSchema = z.object({ planId: idField });
export type PlanCommandInput = z.infer<typeof planCommandSchema>;

/**
 * The item form sends the unit picker as `unit_<id>` = LEAD | SUPPORT | "", each kept link as
 * `link_<itemId>` = its reason (with `unlink_<itemId>` = "1" to drop it), and one new link as
 * `newLinkItemId` + `newLinkReason`. Collected into `assignments` and `links`.
 */
function collectItemFields(raw: unknown) {
  if (!raw || typeof raw !== "object" || "assignments" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const assignments = Object.entries(fields)
    .filter(([key, value]) => /^unit_\d+$/.test(key) && value !== "")
    .map(([key, value]) => ({ unitId: Number(key.slice(5)), role: value }));
  const links = Object.entries(fields)
    .filter(([key]) => /^link_\d+$/.test(key) && fields[`un${key}`] !== "1")
    .map(([key, reason]) => ({ toItemId: Number(key.slice(5)), reason }));
  if (typeof fields.newLinkItemId === "string" && fields.newLinkItemId !== "")
    links.push({ toItemId: Number(fields.newLinkItemId), reason: fields.newLinkReason ?? "" });
  return { ...fields, assignments, links };
}

const itemFields = z.object({
  number: optionalField(z.string().trim().max(30, "tooLong")),
  title: z.string().trim().min(1, "required").max(200, "tooLong"),
  taskStatement: optionalField(z.string().trim().max(TASK_STATEMENT_MAX, "tooLong")),
  fullText: text(FULL_TEXT_MAX),
  startDate: optionalField(day),
  dueDate: optionalField(day),
  reportingCycle: optionalField(z.enum(REPORTING_CYCLES, { error: "invalid" })),
  phaseId: optionalField(idField),
  assignments: z
    .array(z.object({ unitId: z.number().int().positive(), role: z.enum(["LEAD", "SUPPORT"], { error: "invalid" }) }))
    .refine((list) => new Set(list.map((assignment) => assignment.unitId)).size === list.length, "unitOneRole")
    .default([]),
  links: z
    .array(
      z.object({
        toItemId: z.number({ error: "invalid" }).int("invalid").positive("invalid"),
        reason: z.string({ error: "linkReasonRequired" }).trim().min(1, "linkReasonRequired").max(LINK_REASON_MAX, "tooLong"),
      }),
    )
    .refine((list) => new Set(list.map((link) => link.toItemId)).size === list.length, "linkTwice")
    .default([]),
});

type ItemFields = z.infer<typeof itemFields>;

/** A 工作事项 is what units report on: it needs a due date, a reporting cycle and a lead unit. */
function checkItem(value: ItemFields & { kind: ItemKind }, context: z.RefinementCtx) {
  if (value.startDate && value.dueDate && value.startDate > value.dueDate)
    context.addIssue({ code: "custom", path: ["dueDate"], message: "dueBeforeStart" });
  if (value.kind !== "WORK_ITEM") return;
  if (!value.dueDate) context.addIssue({ code: "custom", path: ["dueDate"], message: "required" });
  if (!value.reportingCycle) context.addIssue({ code: "custom", path: ["reportingCycle"], message: "cycleRequired" });
  if (!value.assignments.some((assignment) => assignment.role === "LEAD"))
    context.addIssue({ code: "custom", path: ["assignments"], message: "leadRequired" });
}

export const createItemSchema = z.preprocess(
  collectItemFields,
  itemFields
    .extend({ kind: z.enum(ITEM_KINDS, { error: "required" }), planId: idField, parentId: optionalField(idField) })
    .superRefine(checkItem),
);
export type CreateItemInput = z.infer<typeof createItemSchema>;

/** An edit names the item's kind too (the form sends it, hidden): the kind itself never changes. */
export const updateItemSchema = z.preprocess(
  collectItemFields,
  itemFields.extend({ kind: z.enum(ITEM_KINDS, { error: "invalid" }), itemId: idField, version: versionField }).superRefine(checkItem),
);
export type UpdateItemInput = z.infer<typeof updateItemSchema>;

export type ItemContentInput = Omit<CreateItemInput, "planId" | "parentId">;

export const moveItemSchema = z.object({
  itemId: idField,
  version: versionField,
  direction: z.enum(["up", "down", "into"], { error: "invalid" }),
  /** With "into": the new parent; empty for the plan's first level. */
  parentId: optionalField(idField),
});
export type MoveItemInput = z.infer<typeof moveItemSchema>;

export const itemCommandSchema = z.object({ itemId: idField, version: versionField });
export type ItemCommandInput = z.infer<typeof itemCommandSchema>;

const versionNumber = z.coerce.number().int().min(1);

/** /plans/[code]/compare and /items/[id]/compare: two versions; absent means the latest two. */
export const compareQuerySchema = z.object({
  from: versionNumber.optional().catch(undefined),
  to: versionNumber.optional().catch(undefined),
});

/** /plans/[code]/items/new: the parent item (absent: the plan's first level) and a suggested kind. */
export const newItemQuerySchema = z.object({
  parent: idField.optional().catch(undefined),
  kind: z.enum(ITEM_KINDS).optional().catch(undefined),
});
