import { z } from "zod";
import { idField } from "@/lib/core/form";

/** A plan's tree: the search text and, for CAST staff, whether archived items show. */
export const planTreeQuerySchema = z.object({
  q: z
    .string()
    .default("")
    .transform((query) => query.slice(0, 100)),
  archived: z.literal("1").optional(),
});

/** An item page's tab. */
export const itemPageQuerySchema = z.object({
  tab: z.enum(["detail", "history"]).default("detail"),
});

/** The new-work-item page: the measure the item goes under. */
export const newWorkItemQuerySchema = z.object({
  parent: idField,
});

/** The overview page: a notice to show after a redirect. */
export const overviewQuerySchema = z.object({
  notice: z.enum(["passwordChanged", "planMadeCurrent"]).optional(),
});
