import { z } from "zod";
import { idField } from "@/lib/core/form";

/** 设为当前规划: the published master plan to follow from now on. */
export const makeCurrentSchema = z.object({ planId: idField });
export type MakeCurrentInput = z.infer<typeof makeCurrentSchema>;

/** 结转: the section or measure of the new plan, and the ended plans' work items carried under it. */
export const carryOverSchema = z.object({
  parentId: idField,
  itemIds: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(idField).min(1, "carryOverItemsRequired").max(500, "invalid"),
  ),
});
export type CarryOverInput = z.infer<typeof carryOverSchema>;
