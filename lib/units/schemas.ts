import { z } from "zod";
import { idField, optionalField, versionField } from "@/lib/core/form";
import type { UnitType } from "@/lib/generated/prisma/enums";

/**
 * Schemas of the unit registry's forms; each message is a key under `validation`. The data layer
 * checks what a schema cannot know (names taken, dates against the name history, versions).
 */
export const UNIT_NAME_MAX = 40;
export const UNIT_FULL_NAME_MAX = 100;
export const UNIT_REASON_MAX = 200;

/** The unit types, in the order the registry offers them (the same values as the database's UnitType). */
export const UNIT_TYPES = [
  "PARTY_DEPARTMENT",
  "GOVERNMENT_DEPARTMENT",
  "PEOPLES_ORGANISATION",
  "STATE_OWNED_GROUP",
  "CENTRAL_UNIT",
  "MILITARY",
  "DISTRICT_GOVERNMENT",
] as const satisfies readonly UnitType[];

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dateFormat");

const names = {
  name: z.string().trim().min(1, "required").max(UNIT_NAME_MAX, "tooLong"),
  fullName: z.string().trim().min(1, "required").max(UNIT_FULL_NAME_MAX, "tooLong"),
};

export const createUnitSchema = z.object({ ...names, type: z.enum(UNIT_TYPES, { error: "required" }) });
export type CreateUnitInput = z.infer<typeof createUnitSchema>;

export const renameUnitSchema = z.object({
  unitId: idField,
  version: versionField,
  ...names,
  /** First day the new name applies (Shenzhen calendar). */
  effectiveDate: day,
  /** Why, e.g. 2024年机构改革. */
  reason: optionalField(z.string().trim().max(UNIT_REASON_MAX, "tooLong")),
});
export type RenameUnitInput = z.infer<typeof renameUnitSchema>;

export const mergeUnitSchema = z
  .object({ unitId: idField, version: versionField, intoUnitId: idField })
  .refine((value) => value.unitId !== value.intoUnitId, { path: ["intoUnitId"], message: "mergeIntoItself" });
export type MergeUnitInput = z.infer<typeof mergeUnitSchema>;

export const unitCommandSchema = z.object({
  unitId: idField,
  version: versionField,
  command: z.enum(["deactivate", "reactivate"], { error: "invalid" }),
});
export type UnitCommandInput = z.infer<typeof unitCommandSchema>;
