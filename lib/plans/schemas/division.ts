import { z } from "zod";
import { idField, optionalField } from "@/lib/core/form";

/** Filters of the division-of-labour table; the same query string drives the export. */
export const divisionFilterSchema = z.object({
  plan: optionalField(z.string().regex(/^[a-z0-9-]{1,40}$/, "invalid")),
  section: optionalField(idField),
  unit: optionalField(idField),
  role: optionalField(z.enum(["LEAD", "SUPPORT"], { error: "invalid" })),
  format: optionalField(z.enum(["xlsx", "csv"], { error: "invalid" })),
  /** 含各区实施方案: also the items of district plans (checkbox value "1"); without it, as before, none. */
  districts: optionalField(z.literal("1", { error: "invalid" }).transform(() => true)),
  /** The page of the table (/division); the export ignores it and holds every row. */
  page: optionalField(z.coerce.number().int().min(1).max(100_000)),
});
export type DivisionQuery = z.infer<typeof divisionFilterSchema>;
