import { z } from "zod";
import { idField, optionalField, versionField } from "@/lib/core/form";

export const PROGRESS_STATUSES = ["NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED", "BLOCKED"] as const;
export const CHASE_LEVELS = ["REMIND", "URGE", "SUPERVISE"] as const;

/**
 * The longest text each long field takes, in characters (UTF-16 code units, as the browser's
 * `maxLength` counts them). The form states them (a counter under each field) and this schema
 * enforces them: one list, so the two cannot disagree.
 */
export const TEXT_LIMITS = { workDone: 5000, problems: 3000, nextSteps: 3000, comment: 2000, chaseMessage: 500 } as const;

/**
 * A form posts a line break as CR LF, the browser's counter counts it as one character: the text
 * is stored with LF line breaks and measured so, or a field the counter shows as full would be refused.
 */
const text = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value),
    z.string().trim().max(max, "tooLong").default(""),
  );
const count = optionalField(
  z.coerce.number({ error: "wholeNumber" }).int("wholeNumber").min(0, "notNegative").max(100_000_000, "tooLarge"),
);

/** Numeric outputs arrive as output_name_N / output_value_N / output_unit_N rows; empty rows are dropped. */
function collectOutputs(raw: unknown) {
  if (!raw || typeof raw !== "object" || "outputs" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const indexes = Object.keys(fields)
    .map((key) => /^output_name_(\d+)$/.exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  const outputs = indexes
    .map((index) => ({
      name: fields[`output_name_${index}`],
      value: fields[`output_value_${index}`],
      unit: fields[`output_unit_${index}`],
    }))
    .filter((row) => [row.name, row.value, row.unit].some((value) => typeof value === "string" && value.trim() !== ""));
  return { ...fields, outputs };
}

const outputSchema = z.object({
  name: z.string().trim().min(1, "outputNameRequired").max(50, "tooLong"),
  // A blank value is missing, not zero: coercion alone would store "科普讲座 0 场" unasked.
  value: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .unknown()
      .refine((value): boolean => value !== undefined, "outputValueRequired")
      .pipe(z.coerce.number<unknown>({ error: "number" }).min(0, "notNegative").max(1e12, "tooLarge")),
  ),
  unit: z.string().trim().min(1, "outputUnitRequired").max(10, "tooLong"),
});

/**
 * The report form. Saving a draft accepts anything partial; submitting requires status,
 * completion and work done. One schema, used by the form and re-checked by the action.
 */
export const reportFormSchema = z.preprocess(
  collectOutputs,
  z
    .object({
      reportId: idField,
      version: versionField,
      intent: z.enum(["save", "submit"], { error: "invalid" }),
      submissionKey: z.string().trim().max(64, "invalid").default(""),
      status: optionalField(z.enum(PROGRESS_STATUSES, { error: "statusRequired" })),
      completion: optionalField(z.coerce.number({ error: "percent" }).int("percent").min(0, "percent").max(100, "percent")),
      workDone: text(TEXT_LIMITS.workDone),
      problems: text(TEXT_LIMITS.problems),
      nextSteps: text(TEXT_LIMITS.nextSteps),
      eventsHeld: count,
      peopleReached: count,
      outputs: z.array(outputSchema).max(20, "tooMany").default([]),
    })
    .superRefine((value, context) => {
      if (value.intent !== "submit") return;
      if (!value.status) context.addIssue({ code: "custom", path: ["status"], message: "statusRequired" });
      if (value.completion === undefined) context.addIssue({ code: "custom", path: ["completion"], message: "percent" });
      if (value.workDone === "") context.addIssue({ code: "custom", path: ["workDone"], message: "workDoneRequired" });
      if (value.status === "COMPLETED" && value.completion !== undefined && value.completion < 100) {
        context.addIssue({ code: "custom", path: ["completion"], message: "completedNeeds100" });
      }
    }),
);
export type ReportFormInput = z.infer<typeof reportFormSchema>;

export const reviewSchema = z
  .object({
    reportId: idField,
    version: versionField,
    decision: z.enum(["APPROVE", "RETURN"], { error: "invalid" }),
    comment: text(TEXT_LIMITS.comment),
  })
  .refine((value) => value.decision !== "RETURN" || value.comment !== "", { path: ["comment"], message: "returnNeedsComment" });
export type ReviewInput = z.infer<typeof reviewSchema>;

/** The most reports one bulk approval takes: a page of the queue, not the whole backlog at once. */
export const MAX_BULK_APPROVALS = 100;

/** A report as the reviewer saw it in the queue: its id and the version they approve. */
const reviewedReport = z.object({ reportId: idField, version: versionField });

/** 批量通过: the reports selected in the queue, each with the version shown (1 … MAX_BULK_APPROVALS). */
export const approveReportsSchema = z.object({
  reports: z.array(reviewedReport).min(1, "bulkNoneSelected").max(MAX_BULK_APPROVALS, "bulkTooMany"),
});
export type ApproveReportsInput = z.infer<typeof approveReportsSchema>;

/**
 * The queue's form: each checked box posts `reports` = "id:version"; one box posts a single
 * string, several an array. Read into the shape `approveReportsSchema` takes.
 */
export const approveReportsFormSchema = z.object({
  reports: z.preprocess(
    (value) =>
      (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((entry) => {
        const [reportId, version] = typeof entry === "string" ? entry.split(":") : [];
        return { reportId, version };
      }),
    approveReportsSchema.shape.reports,
  ),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dateFormat");

export const openRoundSchema = z.object({
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
  period: z.string().trim().min(1, "required").max(50, "tooLong"),
  deadline: day,
  itemIds: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(idField).min(1, "itemsRequired"),
  ),
});
export type OpenRoundInput = z.infer<typeof openRoundSchema>;

export const chaseSchema = z.object({
  roundId: idField,
  unitId: optionalField(idField),
  level: z.enum(CHASE_LEVELS, { error: "invalid" }),
  message: text(TEXT_LIMITS.chaseMessage),
});
export type ChaseInput = z.infer<typeof chaseSchema>;

/** CAST chases, from a lead unit's report, the supporting units that have not submitted. */
export const chaseSupportersSchema = z.object({ reportId: idField });
export type ChaseSupportersInput = z.infer<typeof chaseSupportersSchema>;

export const roundCommandSchema = z.object({
  roundId: idField,
  command: z.enum(["close", "reopen"], { error: "invalid" }),
});
export type RoundCommandInput = z.infer<typeof roundCommandSchema>;

export const REPORT_STATES = ["OWED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"] as const;
export const LIGHTS = ["RED", "YELLOW", "GREEN"] as const;

/** The report search (/reports): every filter optional; a bad one is left out and named by the page. */
export const reportSearchSchema = z.object({
  q: optionalField(z.string().trim().max(100, "tooLong")),
  round: optionalField(idField),
  unit: optionalField(idField),
  state: optionalField(z.enum(REPORT_STATES, { error: "invalid" })),
  light: optionalField(z.enum(LIGHTS, { error: "invalid" })),
  page: optionalField(z.coerce.number().int().min(1).max(100_000)).default(1),
});
export type ReportSearch = z.infer<typeof reportSearchSchema>;

export const REVIEW_SORTS = ["oldest", "newest", "deadline", "unit"] as const;

/** The review queue's filters and order (oldest submission first unless asked otherwise). */
export const reviewQueueFilterSchema = z.object({
  round: optionalField(idField),
  unit: optionalField(idField),
  section: optionalField(idField),
  sort: optionalField(z.enum(REVIEW_SORTS, { error: "invalid" })).default("oldest"),
  page: optionalField(z.coerce.number().int().min(1).max(100_000)).default(1),
});
export type ReviewQueueFilter = z.infer<typeof reviewQueueFilterSchema>;

/** A paged list with nothing else to choose (/rounds, /inbox, 我的任务's history): `?page=N`. */
export const listPageSchema = z.object({
  page: optionalField(z.coerce.number().int().min(1).max(100_000)).default(1),
});
export type ListPage = z.infer<typeof listPageSchema>;

/** The round board's report table (/rounds/[id]): narrowed by unit and state, 50 a page. */
export const roundBoardQuerySchema = z.object({
  unit: optionalField(idField),
  state: optionalField(z.enum(REPORT_STATES, { error: "invalid" })),
  page: optionalField(z.coerce.number().int().min(1).max(100_000)).default(1),
});
export type RoundBoardQuery = z.infer<typeof roundBoardQuerySchema>;

/** GET /rounds/[id]/workbook: `?unit=ID` one unit's workbook, `?unit=all` every unit's (CAST); absent: the liaison's own, CAST's all. */
export const roundWorkbookQuerySchema = z.object({
  unit: optionalField(z.union([z.literal("all"), idField])),
});
