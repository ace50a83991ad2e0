import { z } from "zod";
import { idField, optionalField } from "@/lib/core/form";

const planCode = z.string().regex(/^[a-z0-9-]{1,40}$/, "invalid");

/** The dashboard's filters: a round and a plan, each optional. */
export const dashboardQuerySchema = z.object({
  round: optionalField(idField),
  plan: optionalField(planCode),
  /** A district government's unit id: the figures of that district's obligations only. */
  district: optionalField(idField),
});

/** GET /dashboard/export: the progress summary of a round, or the indicator table. */
export const dashboardExportQuerySchema = z
  .object({
    kind: z.enum(["summary", "indicators"], { error: "invalid" }),
    format: z.enum(["xlsx", "csv"], { error: "invalid" }).default("xlsx"),
    round: optionalField(idField),
    district: optionalField(idField),
  })
  .refine((query) => query.kind !== "summary" || query.round !== undefined, { path: ["round"], message: "invalid" });

/** GET /dashboard/bulletin: the round whose 进展通报 to make. */
export const bulletinQuerySchema = z.object({
  round: idField,
});

/** GET /dashboard/bulletin?highlight=ID&highlight=ID: the approved reports CAST picked as highlights (repeated key). */
export const bulletinHighlightsSchema = z.array(idField).max(20, "tooMany");
