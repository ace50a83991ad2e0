import { z } from "zod";
import { idField, optionalField } from "@/lib/core/form";

/** Filters of the division-of-labour table; the same query string drives the export. */
export const divisionFilterSchema = z.object({
  plan: optionalField(z.string().regex(/^[a-z0-9-]{1,40}$/, "invalid")),
  section: optionalField(idField),
  unit: optionalField(idField),
  role: optionalField(z.enum(["LEAD", "SUPPORT"], { error: "invalid" })),
  format: optionalField(z.enum(["xlsx", "csv"], { error: "invalid" })),
});
export type DivisionQuery = z.infer<typeof divisionFilterSchema>;
