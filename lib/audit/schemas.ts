import { z } from "zod";
import { optionalField } from "@/lib/core/form";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dateFormat");

/** The auditor's search form; the same filters drive the CSV export. */
export const auditFilterSchema = z
  .object({
    from: optionalField(day),
    to: optionalField(day),
    username: optionalField(z.string().trim().max(64, "tooLong")),
    action: optionalField(z.string().trim().max(64, "tooLong")),
    objectType: optionalField(z.string().trim().max(64, "tooLong")),
    objectId: optionalField(z.string().trim().max(64, "tooLong")),
    result: optionalField(z.enum(["SUCCESS", "FAILURE", "DENIED"], { error: "invalid" })),
    page: optionalField(z.coerce.number().int().min(1)).default(1),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { path: ["to"], message: "dateRange" });
export type AuditFilter = z.infer<typeof auditFilterSchema>;
