import { z } from "zod";
import { idField, uploadField } from "@/lib/core/form";
import { PLAN_CODE_PATTERN } from "@/lib/plans/import/format";

/** The upload form: one workbook, and optionally the plan it is a new version of. */
export const previewImportSchema = z.object({
  file: uploadField("planImportFile"),
  planCode: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || PLAN_CODE_PATTERN.test(value), "invalid"),
});

export const importCommandSchema = z.object({ importId: idField });

/** GET /plans/import/template?plan=CODE: the template, or that plan filled in. */
export const templateQuerySchema = z.object({
  plan: z.string().regex(PLAN_CODE_PATTERN).optional(),
});
